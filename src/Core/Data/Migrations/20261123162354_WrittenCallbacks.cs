using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WrittenCallbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "written_callback_rounds",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    seed = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    drawn_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    drawn_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_written_callback_rounds", x => x.id);
                    table.ForeignKey(
                        name: "fk_written_callback_rounds_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_written_callback_rounds_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_written_callback_rounds_staff_drawn_by_staff_id",
                        column: x => x.drawn_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "written_callback_invitations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    round_id = table.Column<int>(type: "integer", nullable: false),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    invited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    mails = table.Column<int>(type: "integer", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    is_paper = table.Column<bool>(type: "boolean", nullable: false),
                    answered_by_person_id = table.Column<int>(type: "integer", nullable: true),
                    entered_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    quality = table.Column<int>(type: "integer", nullable: true),
                    timeliness = table.Column<int>(type: "integer", nullable: true),
                    attitude = table.Column<int>(type: "integer", nullable: true),
                    overall = table.Column<int>(type: "integer", nullable: true),
                    comments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_written_callback_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_written_callback_invitations_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_written_callback_invitations_people_answered_by_person_id",
                        column: x => x.answered_by_person_id,
                        principalTable: "people",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_written_callback_invitations_staff_entered_by_staff_id",
                        column: x => x.entered_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "fk_written_callback_invitations_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_written_callback_invitations_written_callback_rounds_round_",
                        column: x => x.round_id,
                        principalTable: "written_callback_rounds",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_invitations_answered_by_person_id",
                table: "written_callback_invitations",
                column: "answered_by_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_invitations_entered_by_staff_id",
                table: "written_callback_invitations",
                column: "entered_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_invitations_estate_id_invited_at",
                table: "written_callback_invitations",
                columns: new[] { "estate_id", "invited_at" });

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_invitations_round_id_unit_id",
                table: "written_callback_invitations",
                columns: new[] { "round_id", "unit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_invitations_unit_id",
                table: "written_callback_invitations",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_rounds_department_id",
                table: "written_callback_rounds",
                column: "department_id");

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_rounds_drawn_by_staff_id",
                table: "written_callback_rounds",
                column: "drawn_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_written_callback_rounds_estate_id_drawn_at",
                table: "written_callback_rounds",
                columns: new[] { "estate_id", "drawn_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "written_callback_invitations");

            migrationBuilder.DropTable(
                name: "written_callback_rounds");
        }
    }
}
