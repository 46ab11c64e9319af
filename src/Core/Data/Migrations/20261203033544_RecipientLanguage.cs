using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecipientLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "staff",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "zh-Hans");

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "people",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "zh-Hans");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "language",
                table: "staff");

            migrationBuilder.DropColumn(
                name: "language",
                table: "people");
        }
    }
}
