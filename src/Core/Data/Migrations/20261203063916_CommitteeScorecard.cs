using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CommitteeScorecard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_survey_cells",
                columns: table => new
                {
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    round_id = table.Column<int>(type: "integer", nullable: false),
                    satisfied = table.Column<int>(type: "integer", nullable: false),
                    answered = table.Column<int>(type: "integer", nullable: false),
                    returned = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_survey_cells", x => new { x.estate_id, x.round_id });
                });

            migrationBuilder.CreateTable(
                name: "kpi_survey_dirty",
                columns: table => new
                {
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    round_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_survey_dirty", x => new { x.estate_id, x.round_id });
                });

            migrationBuilder.CreateTable(
                name: "scorecard_summaries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    figures = table.Column<string>(type: "jsonb", nullable: false),
                    note_markdown = table.Column<string>(type: "text", nullable: false),
                    note_html = table.Column<string>(type: "text", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by_staff_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_scorecard_summaries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_survey_cells_round_id",
                table: "kpi_survey_cells",
                column: "round_id");

            migrationBuilder.CreateIndex(
                name: "ix_scorecard_summaries_estate_id_published_at",
                table: "scorecard_summaries",
                columns: new[] { "estate_id", "published_at" });

            // Survey cells are kept like the case cells: a change to a round's responses, answers or participation marks
            // that estate's round dirty in the same transaction; the KPI refresher recomputes only those cells.
            migrationBuilder.Sql("""
                CREATE FUNCTION kpi_survey_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO kpi_survey_dirty (estate_id, round_id) SELECT DISTINCT estate_id, round_id FROM changed ON CONFLICT DO NOTHING;
                  RETURN NULL;
                END $$;
                CREATE FUNCTION kpi_survey_answer_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO kpi_survey_dirty (estate_id, round_id)
                  SELECT DISTINCT r.estate_id, r.round_id FROM changed a JOIN survey_responses r ON r.id = a.response_id ON CONFLICT DO NOTHING;
                  RETURN NULL;
                END $$;
                """);
            foreach (var (table, function) in Triggered)
                migrationBuilder.Sql($"""
                    CREATE TRIGGER kpi_survey_dirty_on_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER kpi_survey_dirty_on_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER kpi_survey_dirty_on_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    """);
            // Existing rounds: every participation gets its cell on the first pass after the upgrade.
            migrationBuilder.Sql("INSERT INTO kpi_survey_dirty (estate_id, round_id) SELECT estate_id, round_id FROM survey_participations ON CONFLICT DO NOTHING;");
        }

        private static readonly (string Table, string Function)[] Triggered =
        [
            ("survey_participations", "kpi_survey_mark_dirty"),
            ("survey_responses", "kpi_survey_mark_dirty"),
            ("survey_answers", "kpi_survey_answer_mark_dirty"),
        ];

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Triggered)
                migrationBuilder.Sql($"""
                    DROP TRIGGER kpi_survey_dirty_on_insert ON {table};
                    DROP TRIGGER kpi_survey_dirty_on_update ON {table};
                    DROP TRIGGER kpi_survey_dirty_on_delete ON {table};
                    """);
            migrationBuilder.Sql("DROP FUNCTION kpi_survey_mark_dirty(); DROP FUNCTION kpi_survey_answer_mark_dirty();");
            migrationBuilder.DropTable(
                name: "kpi_survey_cells");

            migrationBuilder.DropTable(
                name: "kpi_survey_dirty");

            migrationBuilder.DropTable(
                name: "scorecard_summaries");
        }
    }
}
