using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnePendingLinkRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_unit_link_requests_person_id_unit_id",
                table: "unit_link_requests",
                columns: new[] { "person_id", "unit_id" },
                unique: true,
                filter: "status = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_unit_link_requests_person_id_unit_id",
                table: "unit_link_requests");
        }
    }
}
