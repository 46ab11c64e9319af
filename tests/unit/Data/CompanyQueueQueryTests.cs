using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>
/// The quality office's workbench spans every estate: with a million cases in the table, every queue it has
/// (list, next page, count) read through an index and answer in milliseconds, without an estate to narrow them.
/// </summary>
public class CompanyQueueQueryTests
{
    [Fact]
    public async Task Company_level_overdue_and_escalated_queues_use_an_index_with_a_million_cases()
    {
        var cs = await TestDatabase.CreateAsync();
        try { await RunAsync(cs); }
        finally
        {
            // A million cases take a few GB: give the space back at once rather than with the throwaway cluster.
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(TestDatabase.ServerConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(cs).Database}\" WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task RunAsync(string cs)
    {
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            // A million more cases over every unit: nine in ten closed, the rest open in every step with due times
            // around now; one in fifty escalated; one in a hundred of the department's cases waiting on the developer.
            await using var fill = new NpgsqlCommand("""
                INSERT INTO cases (estate_id, reference, type, channel, status, class, is_major, location, unit_id, description, is_urgent,
                  reporter_name, reporter_phone, feedback_due_at, response_due_at, escalation_due_at, next_due_at, received_at,
                  escalated_at, waiting_on_developer_since, reopen_count, verification_failures, is_test, created_at, updated_at)
                SELECT u.estate_id, 'C-' || g, g % 3, g % 5, s.status, 2, false, 0, u.id, '批量测试数据', false, '测试', '13900000000',
                       now(), now(), now(), CASE WHEN s.status <= 4 THEN now() + ((g % 200) - 100) * interval '1 hour' END,
                       now() - (g % 500) * interval '1 day',
                       CASE WHEN g % 50 = 0 THEN now() END,
                       CASE WHEN g % 100 = 30 AND s.status BETWEEN 2 AND 4 THEN now() - interval '2 days' END,
                       0, 0, false, now(), now()
                FROM generate_series(1, 1000000) g
                CROSS JOIN LATERAL (SELECT CASE WHEN g % 10 = 0 THEN (g / 10) % 6 ELSE 7 END AS status) s
                JOIN units u ON u.id = 1 + (g % (SELECT count(*) FROM units));
                """, conn) { CommandTimeout = 900 };
            await fill.ExecuteNonQueryAsync();
            // As autovacuum keeps it in production: the visibility map lets the counts (tens of thousands of overdue
            // cases here) read the index alone. Without it the overdue count takes about 100 ms on this machine.
            await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE cases", conn) { CommandTimeout = 900 };
            await vacuum.ExecuteNonQueryAsync();
        }

        var now = DateTimeOffset.UtcNow;
        var company = new QueueViewer(null, null); // the quality office: no department, every estate
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        Assert.True(await db.Cases.CountAsync(c => c.WaitingOnDeveloperSince != null && c.NextDueAt < now) > 0);
        // (My department and Assigned to me need a department or staff record: the quality office has neither.)
        foreach (var queue in new[] { WorkQueue.New, WorkQueue.AwaitingAcknowledgement, WorkQueue.Overdue, WorkQueue.AwaitingVerification, WorkQueue.Escalated })
        {
            var filtered = WorkQueues.Filter(db.Cases, queue, company, now);
            var page = WorkQueues.Sorted(filtered).Take(WorkQueues.PageSize + 1);
            var rows = await page.Select(c => new { c.NextDueAt, c.Id, c.WaitingOnDeveloperSince, c.EstateId }).ToListAsync();
            Assert.Equal(WorkQueues.PageSize + 1, rows.Count);
            Assert.True(rows.Select(r => r.EstateId).Distinct().Count() > 1, $"{queue} shows one estate only");
            if (queue == WorkQueue.Overdue) Assert.All(rows, r => Assert.Null(r.WaitingOnDeveloperSince));
            await AssertIndexed(cs, page.Select(c => new { c.Id, c.Reference, c.NextDueAt }).ToQueryString(), $"{queue} list");
            var count = await AssertIndexed(cs, filtered.GroupBy(c => 1).Select(g => g.Count()).ToQueryString(), $"{queue} count");
            // One status company-wide: its own index, not the estates' (status, due) index scanned estate by estate.
            if (queue is WorkQueue.New or WorkQueue.AwaitingAcknowledgement or WorkQueue.AwaitingVerification)
                Assert.Contains("ix_cases_received_or_resolved_company", count.Plan);

            var last = rows[WorkQueues.PageSize - 1];
            var next = WorkQueues.Sorted(WorkQueues.After(filtered, QueueCursor.After(last.NextDueAt, last.Id), WorkQueues.MayHaveNoDueTime(queue)))
                .Take(WorkQueues.PageSize + 1);
            Assert.Equal(rows[WorkQueues.PageSize].Id, await next.Select(c => c.Id).FirstAsync());
            await AssertIndexed(cs, next.Select(c => new { c.Id, c.Reference, c.NextDueAt }).ToQueryString(), $"{queue} next page");
        }
    }

    private static async Task<QueryPlans.Measured> AssertIndexed(string cs, string sql, string what)
    {
        var measured = await QueryPlans.ExplainAsync(cs, sql);
        Assert.True(!measured.Scans("cases"), $"{what} scans the cases table: {measured.Plan}");
        // The work in pages touched, not the time (which drifts with the machine's load; the benches measure speed):
        // at most a heap page or two per row the query answers with, plus the index's path to them — never pages of
        // rows read only to be filtered out.
        var rows = measured.RowsFrom("cases");
        Assert.True(measured.Buffers <= 2 * rows + 300, $"{what} touched {measured.Buffers} pages for {rows} rows; plan: {measured.Plan}");
        return measured;
    }
}
