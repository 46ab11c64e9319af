using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Callbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "callback_policies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    based_on = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_policies_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_callback_policies_staff_created_by_staff_id",
                        column: x => x.created_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "special_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    household = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    visit_due_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    visit_due_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    visited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    visited_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    visit_outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    open_matters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    matters_closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    matters_closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    matters_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_special_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_special_events_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_special_events_staff_recorded_by_staff_id",
                        column: x => x.recorded_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "callback_rules",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    policy_id = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    share_percent = table.Column<int>(type: "integer", nullable: false),
                    from_amount = table.Column<int>(type: "integer", nullable: false),
                    from_unit = table.Column<int>(type: "integer", nullable: false),
                    until_amount = table.Column<int>(type: "integer", nullable: false),
                    until_unit = table.Column<int>(type: "integer", nullable: false),
                    by = table.Column<int>(type: "integer", nullable: false),
                    excluded_category = table.Column<int>(type: "integer", nullable: true),
                    first_call_within_hours = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callback_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_callback_rules_callback_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "callback_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "callbacks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<long>(type: "bigint", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    policy_id = table.Column<long>(type: "bigint", nullable: false),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    share_percent = table.Column<int>(type: "integer", nullable: false),
                    draw = table.Column<double>(type: "double precision", nullable: false),
                    reason = table.Column<int>(type: "integer", nullable: false),
                    by = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retry_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    channel = table.Column<int>(type: "integer", nullable: true),
                    outcome = table.Column<int>(type: "integer", nullable: true),
                    quality = table.Column<int>(type: "integer", nullable: true),
                    timeliness = table.Column<int>(type: "integer", nullable: true),
                    attitude = table.Column<int>(type: "integer", nullable: true),
                    overall = table.Column<int>(type: "integer", nullable: true),
                    comments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    called_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    called_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    answered_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    handled_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    handled_by_department_id = table.Column<int>(type: "integer", nullable: true),
                    follow_up_department_id = table.Column<int>(type: "integer", nullable: true),
                    follow_up_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    follow_up_done_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_callbacks", x => x.id);
                    table.ForeignKey(
                        name: "fk_callbacks_callback_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "callback_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_callbacks_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_callbacks_departments_follow_up_department_id",
                        column: x => x.follow_up_department_id,
                        principalTable: "departments",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_callbacks_departments_handled_by_department_id",
                        column: x => x.handled_by_department_id,
                        principalTable: "departments",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_callbacks_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_callbacks_people_answered_by_person_id",
                        column: x => x.answered_by_person_id,
                        principalTable: "people",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_callbacks_staff_called_by_staff_id",
                        column: x => x.called_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_callbacks_staff_handled_by_staff_id",
                        column: x => x.handled_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_callback_policies_created_by_staff_id",
                table: "callback_policies",
                column: "created_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_callback_policies_estate_id_version",
                table: "callback_policies",
                columns: new[] { "estate_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_callback_rules_policy_id_kind",
                table: "callback_rules",
                columns: new[] { "policy_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_answered_by_person_id",
                table: "callbacks",
                column: "answered_by_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_called_by_staff_id",
                table: "callbacks",
                column: "called_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_case_id_round",
                table: "callbacks",
                columns: new[] { "case_id", "round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_estate_id_due_until",
                table: "callbacks",
                columns: new[] { "estate_id", "due_until" });

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_follow_up_department_id_follow_up_due_at",
                table: "callbacks",
                columns: new[] { "follow_up_department_id", "follow_up_due_at" },
                filter: "follow_up_due_at IS NOT NULL AND follow_up_done_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_handled_by_department_id",
                table: "callbacks",
                column: "handled_by_department_id");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_handled_by_staff_id",
                table: "callbacks",
                column: "handled_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_open",
                table: "callbacks",
                columns: new[] { "estate_id", "due_from", "id" },
                filter: "status = 1");

            migrationBuilder.CreateIndex(
                name: "ix_callbacks_policy_id",
                table: "callbacks",
                column: "policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_special_events_estate_id_visit_due_until",
                table: "special_events",
                columns: new[] { "estate_id", "visit_due_until" });

            migrationBuilder.CreateIndex(
                name: "ix_special_events_recorded_by_staff_id",
                table: "special_events",
                column: "recorded_by_staff_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "callback_rules");

            migrationBuilder.DropTable(
                name: "callbacks");

            migrationBuilder.DropTable(
                name: "special_events");

            migrationBuilder.DropTable(
                name: "callback_policies");
        }
    }
}
