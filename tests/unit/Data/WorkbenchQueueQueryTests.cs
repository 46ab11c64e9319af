using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>The workbench queues with 200,000 extra cases: every list and count reads through an index, scoped to the estate.</summary>
public class WorkbenchQueueQueryTests
{
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    [Fact]
    public async Task Every_queue_list_count_and_search_uses_an_index_and_stays_in_the_estate()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            // 200,000 more cases over every unit: nine in ten closed, the rest open in every step with due times
            // around now, assigned to the units' estate departments and staff; one in fifty escalated.
            await using var fill = new NpgsqlCommand("""
                INSERT INTO cases (estate_id, reference, type, channel, status, is_major, location, unit_id, description, is_urgent,
                  reporter_name, reporter_phone, feedback_due_at, response_due_at, escalation_due_at, next_due_at, received_at,
                  assigned_department_id, assigned_staff_id, escalated_at, reopen_count, verification_failures, is_test, created_at, updated_at)
                SELECT u.estate_id, 'W-' || g, g % 3, g % 5, s.status, false, 0, u.id, '批量测试数据', false, '测试' || (g % 1000),
                       '139' || lpad((g % 100000000)::text, 8, '0'),
                       now(), now(), now(), CASE WHEN s.status <= 4 THEN now() + ((g % 200) - 100) * interval '1 hour' END,
                       now() - (g % 500) * interval '1 day',
                       CASE WHEN s.status >= 2 THEN (SELECT d.id FROM departments d WHERE d.estate_id = u.estate_id ORDER BY d.id LIMIT 1 OFFSET g % 3) END,
                       CASE WHEN s.status >= 2 THEN (SELECT st.id FROM staff st WHERE st.estate_id = u.estate_id ORDER BY st.id LIMIT 1 OFFSET g % 4) END,
                       CASE WHEN g % 50 = 0 THEN now() END, 0, 0, false, now(), now()
                FROM generate_series(1, 200000) g
                CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 = 0 THEN (g / 10) % 6 ELSE 7 END AS status) s
                JOIN units u ON u.id = 1 + (g % (SELECT count(*) FROM units));
                ANALYZE cases;
                """, conn) { CommandTimeout = 600 };
            await fill.ExecuteNonQueryAsync();
        }

        await using var all = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var hy = await all.Estates.Where(e => e.Code == "HY").Select(e => e.Id).SingleAsync();
        var assigned = await all.Cases.Where(c => c.EstateId == hy && c.Reference.StartsWith("W-") && c.NextDueAt != null && c.AssignedStaffId != null)
            .OrderBy(c => c.Id).Select(c => new { c.AssignedStaffId, c.AssignedDepartmentId }).FirstAsync();
        var viewer = new QueueViewer(assigned.AssignedStaffId, assigned.AssignedDepartmentId);
        var someone = await all.Cases.Where(c => c.EstateId == hy && c.Reference.StartsWith("W-")).OrderBy(c => c.Id)
            .Select(c => new { c.Reference, c.ReporterPhone, c.ReporterName }).FirstAsync();
        var now = DateTimeOffset.UtcNow;

        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(hy));
        foreach (var queue in WorkQueues.All)
        {
            var filtered = WorkQueues.Filter(db.Cases, queue, viewer, now);
            var page = WorkQueues.Sorted(filtered).Take(WorkQueues.PageSize + 1);
            var rows = await page.Select(c => new { c.EstateId, c.NextDueAt, c.Id }).ToListAsync();
            Assert.All(rows, r => Assert.Equal(hy, r.EstateId));
            Assert.True(rows.Count > 0, $"{queue} is empty");
            await AssertIndexed(cs, page.Select(c => new { c.Id, c.Reference, c.NextDueAt }).ToQueryString(), $"{queue} list");
            await AssertIndexed(cs, CountSql(db, filtered), $"{queue} count");

            // The second page continues where the first ended, in order, without repeats.
            if (rows.Count > WorkQueues.PageSize)
            {
                var last = rows[WorkQueues.PageSize - 1];
                var next = WorkQueues.Sorted(WorkQueues.After(filtered, QueueCursor.After(last.NextDueAt, last.Id), WorkQueues.MayHaveNoDueTime(queue)))
                    .Take(WorkQueues.PageSize + 1);
                var first = await next.Select(c => c.Id).FirstAsync();
                Assert.Equal(rows[WorkQueues.PageSize].Id, first);
                await AssertIndexed(cs, next.Select(c => new { c.Id, c.Reference, c.NextDueAt }).ToQueryString(), $"{queue} next page");
            }
        }

        foreach (var term in new[] { someone.Reference, someone.ReporterPhone, someone.ReporterName, "1-1-101" })
        {
            var found = WorkQueues.Sorted(await WorkQueues.SearchAsync(db, term)).Take(WorkQueues.PageSize + 1);
            var rows = await found.Select(c => new { c.EstateId, c.Reference }).ToListAsync();
            Assert.All(rows, r => Assert.Equal(hy, r.EstateId));
            await AssertIndexed(cs, found.Select(c => new { c.Id, c.Reference }).ToQueryString(), $"search {term}");
        }
        Assert.Contains(await (await WorkQueues.SearchAsync(db, someone.Reference.ToLowerInvariant())).Select(c => c.Reference).ToListAsync(),
            r => r == someone.Reference);
        Assert.NotEmpty(await (await WorkQueues.SearchAsync(db, someone.ReporterPhone[..3] + " " + someone.ReporterPhone[3..7] + "-" + someone.ReporterPhone[7..])).ToListAsync());
    }

    private static string CountSql(OwnerPortalDbContext db, IQueryable<Case> filtered)
    {
        // ToQueryString cannot show a terminal Count(); an equivalent grouped projection gives the same scan.
        var sql = filtered.GroupBy(c => 1).Select(g => g.Count()).ToQueryString();
        return sql;
    }

    private static async Task AssertIndexed(string cs, string sql, string what)
    {
        var measured = await QueryPlans.ExplainAsync(cs, sql);
        Assert.True(!measured.Scans("cases"), $"{what} scans the cases table: {measured.Plan}");
        // The work in pages touched, not the time (which drifts with the machine's load; the benches measure speed):
        // at most a heap page or two per row the query answers with, plus the index's path to them — never pages of
        // rows read only to be filtered out.
        var rows = measured.RowsFrom("cases");
        Assert.True(measured.Buffers <= 2 * rows + 300, $"{what} touched {measured.Buffers} pages for {rows} rows; plan: {measured.Plan}");
    }
}
