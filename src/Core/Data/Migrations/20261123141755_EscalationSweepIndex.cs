using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EscalationSweepIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_escalation_sweep",
                table: "cases",
                column: "escalation_due_at",
                filter: "type = 0 AND status < 5 AND escalated_at IS NULL AND NOT is_test");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_escalation_sweep",
                table: "cases");
        }
    }
}
