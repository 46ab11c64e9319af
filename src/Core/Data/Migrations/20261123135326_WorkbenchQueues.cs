using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkbenchQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_escalated",
                table: "cases",
                columns: new[] { "estate_id", "next_due_at", "id" },
                filter: "escalated_at IS NOT NULL AND status <> 7 AND status <> 8");

            migrationBuilder.CreateIndex(
                name: "ix_cases_idempotency_key",
                table: "cases",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL AND reporter_person_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_open_by_department",
                table: "cases",
                columns: new[] { "assigned_department_id", "next_due_at", "id" },
                filter: "next_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_open_by_estate",
                table: "cases",
                columns: new[] { "estate_id", "next_due_at", "id" },
                filter: "next_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_open_by_staff",
                table: "cases",
                columns: new[] { "assigned_staff_id", "next_due_at", "id" },
                filter: "next_due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_reporter_name",
                table: "cases",
                column: "reporter_name");

            migrationBuilder.CreateIndex(
                name: "ix_cases_reporter_phone",
                table: "cases",
                column: "reporter_phone");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_escalated",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_idempotency_key",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_open_by_department",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_open_by_estate",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_open_by_staff",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_reporter_name",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_reporter_phone",
                table: "cases");
        }
    }
}
