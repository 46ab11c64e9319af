using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DashboardRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_callback_cells",
                columns: table => new
                {
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    staff_id = table.Column<int>(type: "integer", nullable: false),
                    counts = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_callback_cells", x => new { x.estate_id, x.month, x.category, x.department_id, x.staff_id });
                });

            migrationBuilder.CreateTable(
                name: "kpi_case_cells",
                columns: table => new
                {
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    @class = table.Column<int>(name: "class", type: "integer", nullable: false),
                    channel = table.Column<int>(type: "integer", nullable: false),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    counts = table.Column<int[]>(type: "integer[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_case_cells", x => new { x.estate_id, x.month, x.type, x.category, x.@class, x.channel, x.department_id });
                });

            migrationBuilder.CreateTable(
                name: "kpi_dirty_estates",
                columns: table => new
                {
                    estate_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_dirty_estates", x => x.estate_id);
                });

            migrationBuilder.CreateTable(
                name: "kpi_refresh",
                columns: table => new
                {
                    estate_id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_change_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kpi_refresh", x => x.estate_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_callback_cells_estate_totals",
                table: "kpi_callback_cells",
                columns: new[] { "category", "month" },
                filter: "department_id = -1 AND staff_id = -1");

            migrationBuilder.CreateIndex(
                name: "ix_kpi_case_cells_department_id_month",
                table: "kpi_case_cells",
                columns: new[] { "department_id", "month" });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_case_cells_estate_totals",
                table: "kpi_case_cells",
                columns: new[] { "category", "estate_id", "month" },
                filter: "type = -1")
                .Annotation("Npgsql:IndexInclude", new[] { "type", "class", "channel", "department_id", "counts" });

            migrationBuilder.CreateIndex(
                name: "ix_kpi_refresh_next_change_at",
                table: "kpi_refresh",
                column: "next_change_at");

            // Element-wise sum of two count arrays (company cells += an estate's difference).
            migrationBuilder.Sql("""
                CREATE FUNCTION kpi_add(a int[], b int[]) RETURNS int[] LANGUAGE sql IMMUTABLE AS $$
                  SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i) FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
                $$;
                """);
            // Any change to cases or callbacks marks its estate dirty in the same transaction; the rollup refresher
            // recomputes dirty estates. Statement-level, so a bulk insert marks each estate once.
            migrationBuilder.Sql("""
                CREATE FUNCTION kpi_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO kpi_dirty_estates (estate_id) SELECT DISTINCT estate_id FROM changed ON CONFLICT DO NOTHING;
                  RETURN NULL;
                END $$;
                """);
            foreach (var table in new[] { "cases", "callbacks" })
                migrationBuilder.Sql($"""
                    CREATE TRIGGER kpi_dirty_on_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_dirty();
                    CREATE TRIGGER kpi_dirty_on_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_dirty();
                    CREATE TRIGGER kpi_dirty_on_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_mark_dirty();
                    """);
            // The refresher rewrites an estate's cells each pass: vacuum often, so the covering index stays index-only.
            migrationBuilder.Sql("ALTER TABLE kpi_case_cells SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "cases", "callbacks" })
                migrationBuilder.Sql($"""
                    DROP TRIGGER kpi_dirty_on_insert ON {table};
                    DROP TRIGGER kpi_dirty_on_update ON {table};
                    DROP TRIGGER kpi_dirty_on_delete ON {table};
                    """);
            migrationBuilder.Sql("DROP FUNCTION kpi_mark_dirty(); DROP FUNCTION kpi_add(int[], int[]);");
            migrationBuilder.DropTable(
                name: "kpi_callback_cells");

            migrationBuilder.DropTable(
                name: "kpi_case_cells");

            migrationBuilder.DropTable(
                name: "kpi_dirty_estates");

            migrationBuilder.DropTable(
                name: "kpi_refresh");
        }
    }
}
