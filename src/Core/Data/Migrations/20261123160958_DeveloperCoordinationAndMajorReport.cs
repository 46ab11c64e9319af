using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeveloperCoordinationAndMajorReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_escalation_sweep",
                table: "cases");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "waiting_on_developer_since",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "case_developer_forwardings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    forwarded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    what = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    forwarded_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    forwarded_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answer = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    answer_recorded_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    answer_recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_developer_forwardings", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_developer_forwardings_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_developer_forwardings_staff_answer_recorded_by_staff_id",
                        column: x => x.answer_recorded_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_case_developer_forwardings_staff_forwarded_by_staff_id",
                        column: x => x.forwarded_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "case_external_coordinations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    coordinated_with = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    coordinated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    agreed = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    owner_explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    recorded_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_external_coordinations", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_external_coordinations_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_external_coordinations_staff_recorded_by_staff_id",
                        column: x => x.recorded_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "major_complaint_reports",
                columns: table => new
                {
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    cause = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    handling = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    lessons = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    corrective_action = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    written_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    written_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    last_edited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    reviewed_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_major_complaint_reports", x => x.case_id);
                    table.ForeignKey(
                        name: "fk_major_complaint_reports_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_major_complaint_reports_staff_reviewed_by_staff_id",
                        column: x => x.reviewed_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_major_complaint_reports_staff_written_by_staff_id",
                        column: x => x.written_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_escalated_company",
                table: "cases",
                columns: new[] { "next_due_at", "id" },
                filter: "escalated_at IS NOT NULL AND status <> 7 AND status <> 8 AND NOT is_test");

            migrationBuilder.CreateIndex(
                name: "ix_cases_escalation_sweep",
                table: "cases",
                column: "escalation_due_at",
                filter: "type = 0 AND status < 5 AND escalated_at IS NULL AND NOT is_test AND waiting_on_developer_since IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_overdue_company",
                table: "cases",
                columns: new[] { "next_due_at", "id" },
                filter: "next_due_at IS NOT NULL AND waiting_on_developer_since IS NULL AND NOT is_test");

            migrationBuilder.CreateIndex(
                name: "ix_cases_waiting_on_developer_since",
                table: "cases",
                column: "waiting_on_developer_since",
                filter: "waiting_on_developer_since IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_case_developer_forwardings_answer_recorded_by_staff_id",
                table: "case_developer_forwardings",
                column: "answer_recorded_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_developer_forwardings_case_id_forwarded_at",
                table: "case_developer_forwardings",
                columns: new[] { "case_id", "forwarded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_developer_forwardings_forwarded_by_staff_id",
                table: "case_developer_forwardings",
                column: "forwarded_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_external_coordinations_case_id_coordinated_at",
                table: "case_external_coordinations",
                columns: new[] { "case_id", "coordinated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_external_coordinations_recorded_by_staff_id",
                table: "case_external_coordinations",
                column: "recorded_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_major_complaint_reports_reviewed_by_staff_id",
                table: "major_complaint_reports",
                column: "reviewed_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_major_complaint_reports_written_by_staff_id",
                table: "major_complaint_reports",
                column: "written_by_staff_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_developer_forwardings");

            migrationBuilder.DropTable(
                name: "case_external_coordinations");

            migrationBuilder.DropTable(
                name: "major_complaint_reports");

            migrationBuilder.DropIndex(
                name: "ix_cases_escalated_company",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_escalation_sweep",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_overdue_company",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_waiting_on_developer_since",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "waiting_on_developer_since",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_escalation_sweep",
                table: "cases",
                column: "escalation_due_at",
                filter: "type = 0 AND status < 5 AND escalated_at IS NULL AND NOT is_test");
        }
    }
}
