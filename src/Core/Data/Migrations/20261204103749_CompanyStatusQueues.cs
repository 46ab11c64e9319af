using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompanyStatusQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_received_or_resolved_company",
                table: "cases",
                columns: new[] { "status", "next_due_at", "id" },
                filter: "status IN (0, 5) AND NOT is_test");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_received_or_resolved_company",
                table: "cases");
        }
    }
}
