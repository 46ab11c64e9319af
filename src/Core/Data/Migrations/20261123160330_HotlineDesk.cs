using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class HotlineDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hotline_tickets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    case_id = table.Column<long>(type: "bigint", nullable: true),
                    source = table.Column<int>(type: "integer", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    caller_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    caller_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: true),
                    subject = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    taken_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    taken_by_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    first_response_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    handling_file_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    handling_file_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    handling_file_sent_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    first_response_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    first_response_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    first_response_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completion_text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    completed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closing_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    closed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_tickets", x => x.id);
                    table.ForeignKey(
                        name: "fk_hotline_tickets_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_hotline_tickets_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_hotline_tickets_staff_taken_by_staff_id",
                        column: x => x.taken_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_hotline_tickets_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_tickets_case_id",
                table: "hotline_tickets",
                column: "case_id",
                unique: true,
                filter: "case_id IS NOT NULL AND closed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_tickets_estate_id_received_at",
                table: "hotline_tickets",
                columns: new[] { "estate_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_tickets_received_at",
                table: "hotline_tickets",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_tickets_taken_by_staff_id",
                table: "hotline_tickets",
                column: "taken_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_tickets_unit_id",
                table: "hotline_tickets",
                column: "unit_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hotline_tickets");
        }
    }
}
