using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>The migration and the demo data, on real PostgreSQL.</summary>
public class SchemaAndDemoDataTests : IAsyncLifetime
{
    private static readonly DemoScale Demo = new() { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) };
    private string _cs = "";
    private LoadReport _first = null!;

    public async Task InitializeAsync()
    {
        _cs = await TestDatabase.CreateAsync();
        _first = await new DemoDataGenerator(Demo).LoadAsync(_cs);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_migration_applies_to_an_empty_database()
    {
        var cs = await TestDatabase.CreateAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Cases.CountAsync());
        Assert.Equal(0, await db.Estates.CountAsync());
    }

    [Fact]
    public async Task Loading_the_demo_again_adds_nothing()
    {
        var before = await CountAll();
        var second = await new DemoDataGenerator(Demo).LoadAsync(_cs);
        Assert.True(second.AlreadyLoaded);
        Assert.Equal(before, await CountAll());
        Assert.False(_first.AlreadyLoaded);
    }

    [Fact]
    public async Task The_demo_has_the_promised_size()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(_cs));
        Assert.Equal(3, await db.Estates.CountAsync());
        Assert.True(await db.Estates.AnyAsync(e => e.FloorAreaM2 > 100_000));
        Assert.InRange(await db.Units.CountAsync(), 1400, 1600);
        Assert.InRange(await db.People.CountAsync(), 1800, 2200);
        Assert.Equal(4000, await db.Cases.CountAsync());
        var spanDays = (await db.Cases.MaxAsync(c => c.ReceivedAt) - await db.Cases.MinAsync(c => c.ReceivedAt)).TotalDays;
        Assert.InRange(spanDays, 500, 550); // about 18 months
        // Staff for every role, and a supervisor for every department of every estate.
        foreach (var role in Enum.GetValues<OwnerPortal.Core.Domain.People.StaffRole>())
            Assert.True(await db.Staff.AnyAsync(s => s.Role == role), $"no {role}");
        Assert.Equal(await db.Departments.CountAsync(),
            await db.Staff.CountAsync(s => s.Role == OwnerPortal.Core.Domain.People.StaffRole.DepartmentSupervisor));
    }

    [Fact]
    public async Task The_demo_covers_every_status_category_and_the_unhappy_paths()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(_cs));
        foreach (var status in Enum.GetValues<CaseStatus>())
            Assert.True(await db.Cases.AnyAsync(c => c.Status == status), $"no case {status}");
        foreach (var category in Enum.GetValues<CaseCategory>())
            Assert.True(await db.Cases.AnyAsync(c => c.Category == category), $"no case in {category}");
        foreach (var type in Enum.GetValues<CaseType>())
            Assert.True(await db.Cases.AnyAsync(c => c.Type == type), $"no {type}");
        var now = Demo.Anchor;
        Assert.True(await db.Cases.AnyAsync(c => c.NextDueAt < now), "no overdue case");
        Assert.True(await db.Cases.AnyAsync(c => c.AcknowledgedAt > c.FeedbackDueAt), "no late acknowledgement");
        Assert.True(await db.Cases.AnyAsync(c => c.IsMajor && c.CompensationClaimed > 1000), "no major complaint");
        Assert.True(await db.Cases.AnyAsync(c => c.ReopenCount > 0), "no reopened case");
        Assert.True(await db.Cases.AnyAsync(c => c.EscalatedAt != null), "no escalation");
        Assert.True(await db.Cases.AnyAsync(c => c.VerificationFailures > 0), "no failed verification");
        Assert.True(await db.Cases.AnyAsync(c => c.SuggestionAdopted == true), "no adopted suggestion");
        Assert.True(await db.Cases.AnyAsync(c => c.SuggestionAdopted == false && c.SuggestionReply != null), "no declined suggestion");
        Assert.True(await db.Cases.AnyAsync(c => c.Class == ComplaintClass.Developer), "no class 2 complaint");
    }

    [Fact]
    public async Task Timelines_obey_the_workflow()
    {
        await using var conn = new NpgsqlConnection(_cs);
        await conn.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        // Steps happen in order.
        Assert.Equal(0, await Count("SELECT count(*) FROM cases WHERE acknowledged_at < received_at OR classified_at < acknowledged_at OR planned_at < classified_at OR started_at < planned_at OR resolved_at < started_at OR verified_at < resolved_at OR closed_at < verified_at"));
        // Every case starts with a Received entry at its receipt time.
        Assert.Equal(0, await Count($"SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = {(int)CaseEventKind.Received} AND e.at = c.received_at)"));
        // The last status-changing entry leaves the case in its current status.
        Assert.Equal(0, await Count("""
            SELECT count(*) FROM cases c CROSS JOIN LATERAL (
              SELECT to_status FROM case_events e WHERE e.case_id = c.id AND e.to_status IS NOT NULL ORDER BY e.at DESC, e.id DESC LIMIT 1) last
            WHERE last.to_status <> c.status
            """));
        // Closed cases are closed; open ones are not; withdrawn ones were never acknowledged.
        Assert.Equal(0, await Count($"SELECT count(*) FROM cases WHERE (status = {(int)CaseStatus.Closed}) <> (closed_at IS NOT NULL)"));
        Assert.Equal(0, await Count($"SELECT count(*) FROM cases WHERE status = {(int)CaseStatus.Withdrawn} AND acknowledged_at IS NOT NULL"));
        // Nothing happens after "now".
        Assert.Equal(0, await Count("SELECT count(*) FROM case_events WHERE at > '2026-11-23T00:00:00Z'"));
        // References are unique per estate and year and numbered in receipt order.
        Assert.Equal(0, await Count("""
            SELECT count(*) FROM (SELECT reference, lag(reference) OVER (PARTITION BY estate_id, extract(year FROM received_at AT TIME ZONE 'Asia/Shanghai') ORDER BY received_at, id) AS prev FROM cases) x
            WHERE prev IS NOT NULL AND prev >= reference
            """));
    }

    [Fact]
    public async Task The_same_seed_and_anchor_give_the_same_data()
    {
        var other = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(Demo).LoadAsync(other);
        const string fingerprint = "SELECT md5(string_agg(concat_ws('|', reference, status, received_at, acknowledged_at, closed_at, description, reporter_name), ',' ORDER BY id)) FROM cases";
        Assert.Equal(await Scalar(_cs, fingerprint), await Scalar(other, fingerprint));

        var different = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(Demo with { Seed = 7 }).LoadAsync(different);
        Assert.NotEqual(await Scalar(_cs, fingerprint), await Scalar(different, fingerprint));
    }

    [Fact]
    public async Task New_references_continue_after_the_demo_numbers()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(_cs));
        var last = await db.Cases.Where(c => c.EstateId == 1 && c.Reference.StartsWith("HY-2026-")).MaxAsync(c => c.Reference);
        var next = await CaseReferenceCounter.NextAsync(db, 1, "HY", 2026);
        Assert.Equal(int.Parse(last[^5..]) + 1, int.Parse(next[^5..]));
    }

    private async Task<long> CountAll()
    {
        long total = 0;
        foreach (var table in new[] { "estates", "buildings", "units", "public_areas", "departments", "people", "unit_memberships", "staff", "cases", "case_events", "calendar_days", "company_settings" })
            total += (long)(await Scalar(_cs, $"SELECT count(*) FROM {table}"))!;
        return total;
    }

    private static async Task<object?> Scalar(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync();
    }
}
