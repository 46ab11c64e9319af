using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OwnerPortal.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NoticesAndReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monthly_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    manager_comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    signed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    signed_by_staff_id = table.Column<int>(type: "integer", nullable: true),
                    frozen_figures = table.Column<string>(type: "jsonb", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monthly_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_monthly_reports_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_monthly_reports_staff_signed_by_staff_id",
                        column: x => x.signed_by_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "notices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: true),
                    topic = table.Column<int>(type: "integer", nullable: true),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body_markdown = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    published_html = table.Column<string>(type: "text", nullable: true),
                    affected_building_ids = table.Column<List<int>>(type: "integer[]", nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    valid_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    is_urgent = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    mailed_count = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_notices_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rectifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    estate_id = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    source_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    problem = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    cause = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    action = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    responsible_staff_id = table.Column<int>(type: "integer", nullable: true),
                    responsible_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completion_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "text", nullable: true),
                    updated_by = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_rectifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_rectifications_estates_estate_id",
                        column: x => x.estate_id,
                        principalTable: "estates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_rectifications_staff_responsible_staff_id",
                        column: x => x.responsible_staff_id,
                        principalTable: "staff",
                        principalColumn: "id");
                });

            migrationBuilder.CreateIndex(
                name: "ix_monthly_reports_estate_id_kind_month",
                table: "monthly_reports",
                columns: new[] { "estate_id", "kind", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monthly_reports_signed_by_staff_id",
                table: "monthly_reports",
                column: "signed_by_staff_id");

            migrationBuilder.CreateIndex(
                name: "ix_notices_estate_id_month",
                table: "notices",
                columns: new[] { "estate_id", "month" },
                unique: true,
                filter: "month IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notices_estate_id_status_published_at",
                table: "notices",
                columns: new[] { "estate_id", "status", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_estate_id_source_source_key",
                table: "rectifications",
                columns: new[] { "estate_id", "source", "source_key" });

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_estate_id_status_due_on",
                table: "rectifications",
                columns: new[] { "estate_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_rectifications_responsible_staff_id",
                table: "rectifications",
                column: "responsible_staff_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monthly_reports");

            migrationBuilder.DropTable(
                name: "notices");

            migrationBuilder.DropTable(
                name: "rectifications");
        }
    }
}
