using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OwnerPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_assigned_staff_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_plan_signed_off_by_staff_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_reporter_person_id_received_at_id",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_plan_signed_off_by_staff_id",
                table: "cases",
                column: "plan_signed_off_by_staff_id",
                filter: "plan_signed_off_by_staff_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_plan_signed_off_by_staff_id",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assigned_staff_id",
                table: "cases",
                column: "assigned_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_plan_signed_off_by_staff_id",
                table: "cases",
                column: "plan_signed_off_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_reporter_person_id_received_at_id",
                table: "cases",
                columns: new[] { "reporter_person_id", "received_at", "id" },
                descending: new[] { false, true, true });
        }
    }
}
