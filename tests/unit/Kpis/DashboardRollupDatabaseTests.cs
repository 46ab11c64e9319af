using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>
/// The dashboards' figures, read from the KPI cells, against independent SQL over the raw tables on the demo data;
/// changes reach the cells through the triggers and the refresher; the company cells stay the sum of the estates'.
/// </summary>
public class DashboardRollupDatabaseTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static async Task<double?> DoubleAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync() is double d ? d : null;
    }

    internal static async Task<(string Cs, FakeTimeProvider Clock)> DemoWithCellsAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        var clock = new FakeTimeProvider(Anchor);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        await new KpiRollups(db, clock).RebuildAllAsync();
        return (cs, clock);
    }

    private static string Ts(DateTimeOffset t) => $"'{t.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z'";

    /// <summary>Every dashboard figure of one estate (or the company) for a range of months, by hand-written SQL.</summary>
    internal static async Task AssertAgreesWithSqlAsync(string cs, int? estateId, DateOnly first, DateOnly last, DateTimeOffset now, KpiFigures f)
    {
        var from = Ts(Period.Month(first, Shanghai).From);
        var until = Ts(Period.Month(last, Shanghai).Until);
        var at = Ts(now);
        var cutoff = Ts(now < Period.Month(last, Shanghai).Until ? now : Period.Month(last, Shanghai).Until);
        var estate = estateId is { } e ? $"estate_id = {e}" : "true";
        var counted = $"{estate} AND NOT is_test AND status <> 8";
        var received = $"{counted} AND received_at >= {from} AND received_at < {until}";
        var label = $"estate {estateId?.ToString(CultureInfo.InvariantCulture) ?? "company"} {first:yyyy-MM}..{last:yyyy-MM}";

        async Task Same(long expected, long actual, string what) => Assert.True(expected == actual, $"{label} {what}: SQL {expected}, dashboard {actual}");
        async Task SameRatio(string numerator, string denominator, Ratio actual, string what)
        {
            await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {denominator}"), actual.Denominator, what + " denominator");
            await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {numerator}"), actual.Numerator, what + " numerator");
        }

        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received}"), f.Received, "received");
        await SameRatio($"{received} AND feedback_due_at <= {at} AND acknowledged_at <= feedback_due_at", $"{received} AND feedback_due_at <= {at}", f.FeedbackTimeliness, "feedback");
        await SameRatio($"{received} AND type = 0 AND response_due_at <= {at} AND responded_at <= response_due_at", $"{received} AND type = 0 AND response_due_at <= {at}", f.ResponseWithinWorkingDay, "response");
        const string deadline = "coalesce(revised_deadline_at, deadline_at)";
        var deadlineIn = $"{counted} AND {deadline} >= {from} AND {deadline} < {until} AND {deadline} <= {at}";
        await SameRatio($"{deadlineIn} AND resolved_at <= {deadline}", deadlineIn, f.HandlingTimeliness, "handling");
        var verified = $"{estate} AND NOT is_test AND verified_at >= {from} AND verified_at < {until}";
        await SameRatio($"{verified} AND verification_failures = 0", verified, f.VerificationPassRate, "verification");
        await SameRatio($"{received} AND type = 0 AND status = 7 AND closed_at <= {cutoff}", $"{received} AND type = 0", f.ComplaintClosureRate, "closure");
        var closed = $"{estate} AND NOT is_test AND status = 7 AND closed_at >= {from} AND closed_at < {until}";
        await SameRatio($"{closed} AND reopen_count = 0", closed, f.FirstTimeFix, "first-time fix");
        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {estate} AND NOT is_test AND status < 5 AND received_at >= {from} AND received_at < {until}"), f.StillOpen, "still open");
        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {estate} AND NOT is_test AND status < 5 AND received_at >= {from} AND received_at < {until} AND next_due_at < {at}"), f.Overdue, "overdue");
        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND escalated_at IS NOT NULL"), f.Escalated, "escalated");
        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND is_major"), f.Major, "major");
        await Same(await ScalarAsync(cs, $"""
            SELECT count(*) FROM cases c WHERE {received.Replace("estate_id", "c.estate_id").Replace("is_test", "c.is_test").Replace("status", "c.status").Replace("received_at", "c.received_at")} AND c.type = 0
              AND EXISTS (SELECT 1 FROM cases e WHERE e.estate_id = c.estate_id AND e.type = 0 AND NOT e.is_test AND e.status <> 8
                          AND e.received_at < c.received_at AND c.received_at - e.received_at <= interval '90 days'
                          AND (e.unit_id = c.unit_id OR (e.public_area_id = c.public_area_id AND e.category = c.category)))
            """), f.RepeatComplaints, "repeat complaints");

        // Percentiles to the bucket: the nearest-rank value's bucket.
        async Task SameBucket(string durationSql, string where, double q, double? actual, string what)
        {
            var value = await DoubleAsync(cs, $"SELECT percentile_disc({q.ToString(CultureInfo.InvariantCulture)}) WITHIN GROUP (ORDER BY {durationSql}) FROM cases WHERE {where}");
            double? bucket = value is { } v ? (Durations.HourBucketOf(TimeSpan.FromHours(v)) is var i && i < Durations.Hours.Length ? Durations.Hours[i] : double.PositiveInfinity) : null;
            Assert.True(bucket == actual, $"{label} {what}: SQL bucket {bucket}, dashboard {actual}");
        }
        const string ackHours = "extract(epoch FROM acknowledged_at - received_at)::float8 / 3600";
        const string closeHours = "extract(epoch FROM closed_at - received_at)::float8 / 3600";
        await SameBucket(ackHours, $"{received} AND acknowledged_at IS NOT NULL", 0.5, f.AcknowledgeMedianHours, "acknowledge median");
        await SameBucket(ackHours, $"{received} AND acknowledged_at IS NOT NULL", 0.9, f.AcknowledgeP90Hours, "acknowledge p90");
        await SameBucket(closeHours, $"{received} AND status = 7", 0.5, f.CloseMedianHours, "close median");
        await SameBucket(closeHours, $"{received} AND status = 7", 0.9, f.CloseP90Hours, "close p90");

        // Callbacks.
        async Task SameCallbacks(string numerator, string denominator, Ratio actual, string what)
        {
            await Same(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {denominator}"), actual.Denominator, what + " denominator");
            await Same(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {numerator}"), actual.Numerator, what + " numerator");
        }
        var due = $"{estate} AND status IN (1, 2, 3) AND due_until >= {from} AND due_until < {until} AND due_until <= {at}";
        await SameCallbacks($"{due} AND status = 2 AND done_at <= due_until", due, f.CallbackRate, "callback rate");
        var made = $"{estate} AND status = 2 AND done_at >= {from} AND done_at < {until}";
        await SameCallbacks($"{made} AND overall >= 4", $"{made} AND overall IS NOT NULL", f.CallbackSatisfaction, "callback satisfaction");
        await SameCallbacks($"{made} AND attitude >= 4", $"{made} AND attitude IS NOT NULL", f.Attitude, "attitude");
        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made}"), f.CallbacksDone, "callbacks done");
        await Same(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made} AND (outcome = 2 OR overall <= 2)"), f.CallbacksFailed, "callbacks failed");
    }

    [Fact]
    public async Task Dashboard_figures_agree_with_independent_sql_for_each_estate_and_the_company_by_month_and_quarter()
    {
        var (cs, clock) = await DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var data = new DashboardData(db);
        var ranges = new[]
        {
            (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1)), // the current month: deadlines still to come are left out
            (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)),
            (new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 1)), // a quarter: closure counted by the quarter's end
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1)),
        };
        foreach (var estate in new int?[] { 1, 2, 3, null })
            foreach (var (first, last) in ranges)
            {
                var dashboard = await data.LoadAsync(estate, new DashboardFilter(first, last));
                await AssertAgreesWithSqlAsync(cs, estate, first, last, clock.GetUtcNow(), dashboard.Period);
            }

        var october = await data.LoadAsync(null, new DashboardFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)));
        Assert.True(october.Period.Received > 0 && october.Period.FeedbackTimeliness.Denominator > 0 && october.Period.CallbacksDone > 0,
            "the demo month has cases and callbacks to measure");
        // The trend's October is the same figure as October alone; the estates' ranking adds up to the company.
        Assert.Equal(october.Period, october.Trend.Single(t => t.Month == new DateOnly(2026, 10, 1)).Figures);
        var estates = await data.EstatesAsync(new DashboardFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)));
        Assert.Equal(3, estates.Count);
        Assert.Equal(october.Period.Overdue, estates.Sum(e => e.Period.Overdue));
        Assert.Equal(october.Period.FeedbackTimeliness.Numerator, estates.Sum(e => e.Period.FeedbackTimeliness.Numerator));
        // Ranked on one category, each estate reads its category totals: the same figures as its dashboard narrowed to it.
        var facilities = new DashboardFilter(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 1), Core.Domain.Cases.CaseCategory.Facilities);
        // (The ranking reads no duration histograms.)
        static KpiFigures WithoutTimes(KpiFigures f) => f with { AcknowledgeMedianHours = null, AcknowledgeP90Hours = null, CloseMedianHours = null, CloseP90Hours = null };
        var quarter = facilities with { Category = null };
        foreach (var range in new[] { facilities, quarter })
            foreach (var e in await data.EstatesAsync(range))
            {
                var own = (await data.LoadAsync(e.EstateId, range)).Period;
                foreach (var kpi in new[] { Kpi.FeedbackTimeliness, Kpi.ResponseWithinWorkingDay, Kpi.CallbackRate, Kpi.CallbackSatisfaction, Kpi.ComplaintClosureRate })
                    Assert.Equal(own.Of(kpi), e.Period.Of(kpi));
                Assert.Equal(own.Overdue, e.Period.Overdue);
            }
        var trends = await data.EstateTrendsAsync([2], new DashboardFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)));
        Assert.Equal((await data.LoadAsync(2, new DashboardFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1)))).Trend.Select(t => (t.Month, WithoutTimes(t.Figures))),
            trends.Single().Trend);
    }

    [Fact]
    public async Task Breakdowns_backlog_and_attitude_agree_with_independent_sql_and_a_category_filter_narrows_every_figure()
    {
        var (cs, clock) = await DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var data = new DashboardData(db);
        var october = new DateOnly(2026, 10, 1);
        var from = Ts(Period.Month(october, Shanghai).From);
        var until = Ts(Period.Month(october, Shanghai).Until);
        var dashboard = await data.LoadAsync(1, new DashboardFilter(october, october));
        var received = $"estate_id = 1 AND NOT is_test AND status <> 8 AND received_at >= {from} AND received_at < {until}";
        foreach (var (channel, count) in dashboard.Received[Breakdown.Channel])
            Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND channel = {channel}"), count);
        foreach (var (category, count) in dashboard.Received[Breakdown.Category])
            Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND {(category == Dim.None ? "category IS NULL" : $"category = {category}")}"), count);
        Assert.Equal(dashboard.Period.Received, dashboard.Received[Breakdown.Type].Sum(t => t.Received));

        var at = Ts(clock.GetUtcNow());
        var ages = new[] { "0", "1", "3", "7", "30" };
        for (var i = 0; i < ages.Length; i++)
        {
            var upper = i + 1 < ages.Length ? $"AND {at}::timestamptz - received_at < interval '{ages[i + 1]} days'" : "";
            Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE estate_id = 1 AND NOT is_test AND status < 5 AND {at}::timestamptz - received_at >= interval '{ages[i]} days' {upper}"),
                dashboard.Backlog[i]);
        }
        Assert.True(dashboard.Backlog.Sum() > 0, "the demo has open cases");

        foreach (var (department, attitude) in dashboard.AttitudeByDepartment)
        {
            var made = $"estate_id = 1 AND status = 2 AND done_at >= {from} AND done_at < {until} AND {(department == Dim.None ? "handled_by_department_id IS NULL" : $"handled_by_department_id = {department}")}";
            Assert.Equal(new Ratio(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made} AND attitude >= 4"),
                await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made} AND attitude IS NOT NULL")), attitude);
        }

        // Narrowed to facilities (category 1): every figure counts only those cases.
        var facilities = await data.LoadAsync(1, new DashboardFilter(october, october, Core.Domain.Cases.CaseCategory.Facilities));
        var narrowed = $"{received} AND category = 1";
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {narrowed}"), facilities.Period.Received);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {narrowed} AND feedback_due_at <= {at} AND acknowledged_at <= feedback_due_at"),
            facilities.Period.FeedbackTimeliness.Numerator);
        Assert.True(facilities.Period.Received is > 0 && facilities.Period.Received < dashboard.Period.Received);
    }

    [Fact]
    public async Task A_changed_case_is_marked_by_the_trigger_and_shows_after_the_next_refresh_and_the_company_cells_stay_the_sum()
    {
        var (cs, clock) = await DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        // The refresher as the Admin runs it: a background service with no signed-in user, whose context's estate
        // filters hide every estate.
        await using var background = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(null));
        Assert.Equal(0, await background.Estates.CountAsync());
        var rollups = new KpiRollups(background, clock);
        // With the cache the Admin gives it: the company's figures are reused until an estate is recomputed.
        var data = new DashboardData(db, new MemoryCache(new MemoryCacheOptions()));
        var november = new DateOnly(2026, 11, 1);
        var before = (await data.LoadAsync(2, new DashboardFilter(november, november))).Period;
        var companyBefore = await data.LoadAsync(null, new DashboardFilter(november, november));
        Assert.Same(companyBefore, await data.LoadAsync(null, new DashboardFilter(november, november)));
        var estatesBefore = await data.EstatesAsync(new DashboardFilter(november, november));
        Assert.Equal(0, await ScalarAsync(cs, "SELECT count(*) FROM kpi_dirty_estates"));

        // An open complaint of BHW received in November is closed (as the workflow would, in one statement here).
        var id = await ScalarAsync(cs, $"""
            SELECT id FROM cases WHERE estate_id = 2 AND type = 0 AND status < 5 AND NOT is_test
              AND received_at >= {Ts(Period.Month(november, Shanghai).From)} ORDER BY id LIMIT 1
            """);
        await ScalarAsync(cs, $"UPDATE cases SET status = 7, resolved_at = {Ts(Anchor.AddHours(-2))}, closed_at = {Ts(Anchor.AddHours(-1))}, next_due_at = NULL WHERE id = {id} RETURNING 1");
        Assert.Equal(2, await ScalarAsync(cs, "SELECT estate_id FROM kpi_dirty_estates"));

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await rollups.RefreshAsync() >= 1);
        var after = (await data.LoadAsync(2, new DashboardFilter(november, november))).Period;
        Assert.Equal(before.StillOpen - 1, after.StillOpen);
        Assert.Equal(before.ComplaintClosureRate.Numerator + 1, after.ComplaintClosureRate.Numerator);
        await AssertAgreesWithSqlAsync(cs, 2, november, november, clock.GetUtcNow(), after);
        var companyAfter = (await data.LoadAsync(null, new DashboardFilter(november, november))).Period;
        Assert.Equal(companyBefore.Period.StillOpen - 1, companyAfter.StillOpen);
        await AssertAgreesWithSqlAsync(cs, null, november, november, clock.GetUtcNow(), companyAfter);
        var bhw = (await data.EstatesAsync(new DashboardFilter(november, november))).Single(e => e.EstateId == 2).Period;
        Assert.Equal(estatesBefore.Single(e => e.EstateId == 2).Period.ComplaintClosureRate.Numerator + 1, bhw.ComplaintClosureRate.Numerator);

        // Time alone changes figures (a deadline passes): the estates whose next change has come are recomputed.
        var next = await db.KpiRefreshes.MinAsync(r => r.NextChangeAt);
        clock.AdjustTime(next!.Value.AddSeconds(1));
        Assert.True(await rollups.RefreshAsync() >= 1);
        foreach (var estate in new int?[] { 1, 2, 3, null })
            await AssertAgreesWithSqlAsync(cs, estate, november, november, clock.GetUtcNow(), (await data.LoadAsync(estate, new DashboardFilter(november, november))).Period);

        // The company cells kept by differences equal the company cells of a full rebuild.
        const string company = "SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s', month, type, category, class, channel, department_id, counts), ';' ORDER BY month, type, category, class, channel, department_id) FROM kpi_case_cells WHERE estate_id = 0 AND counts <> array_fill(0, ARRAY[array_length(counts, 1)])";
        var kept = await StringAsync(cs, company);
        await ScalarAsync(cs, "DELETE FROM kpi_case_cells; DELETE FROM kpi_callback_cells; SELECT 1");
        await rollups.RebuildAllAsync();
        Assert.Equal(await StringAsync(cs, company), kept);
    }

    [Fact]
    public async Task Two_refreshers_running_at_once_as_on_two_admin_instances_add_each_change_to_the_company_cells_once()
    {
        var (cs, clock) = await DemoWithCellsAsync();
        const string company = "SELECT string_agg(format('%s|%s|%s|%s|%s|%s|%s', month, type, category, class, channel, department_id, counts), ';' ORDER BY month, type, category, class, channel, department_id) FROM kpi_case_cells WHERE estate_id = 0 AND counts <> array_fill(0, ARRAY[array_length(counts, 1)])";
        var before = await StringAsync(cs, company);

        // Open complaints of every estate are closed: each estate is marked dirty by the trigger.
        await ScalarAsync(cs, $"""
            WITH closed AS (
              UPDATE cases SET status = 7, resolved_at = {Ts(Anchor.AddHours(-2))}, closed_at = {Ts(Anchor.AddHours(-1))}, next_due_at = NULL
              WHERE id IN (SELECT id FROM cases WHERE type = 0 AND status < 5 AND NOT is_test ORDER BY id LIMIT 40) RETURNING estate_id)
            SELECT count(DISTINCT estate_id) FROM closed
            """);
        Assert.True(await ScalarAsync(cs, "SELECT count(*) FROM kpi_dirty_estates") >= 2);
        // And time moves past every estate's next change (a deadline passing): those are due without a dirty mark.
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
            clock.AdjustTime((await db.KpiRefreshes.MaxAsync(r => r.NextChangeAt))!.Value.AddSeconds(1));

        await using (var first = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        await using (var second = new OwnerPortalDbContext(TestDatabase.Options(cs)))
            await Task.WhenAll(new KpiRollups(first, clock).RefreshAsync(), new KpiRollups(second, clock).RefreshAsync());

        var kept = await StringAsync(cs, company);
        Assert.NotEqual(before, kept);
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            await ScalarAsync(cs, "DELETE FROM kpi_case_cells; DELETE FROM kpi_callback_cells; SELECT 1");
            await new KpiRollups(db, clock).RebuildAllAsync();
        }
        Assert.Equal(await StringAsync(cs, company), kept);
    }

    private static async Task<string?> StringAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return await cmd.ExecuteScalarAsync() as string;
    }

    [Fact]
    public async Task Every_dashboard_number_opens_a_drill_down_list_of_as_many_cases()
    {
        var (cs, clock) = await DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var (first, last) = (new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 1));
        var period = KpiDrillDown.Months(first, last, Shanghai);
        var at = clock.GetUtcNow();
        foreach (var estate in new[] { 1, 2 })
        {
            var d = await new DashboardData(db).LoadAsync(estate, new DashboardFilter(first, last));
            async Task<int> Listed(DrillMeasure m, int? age = null) =>
                await KpiDrillDown.Filter(db, m, period, at, new DrillNarrowing(estate, AgeBucket: age)).CountAsync();
            Assert.Equal(d.Period.Received, await Listed(DrillMeasure.Received));
            Assert.Equal(d.Period.Overdue, await Listed(DrillMeasure.Overdue));
            Assert.Equal(d.Period.Escalated, await Listed(DrillMeasure.Escalated));
            Assert.Equal(d.Period.Major, await Listed(DrillMeasure.Major));
            Assert.Equal(d.Period.RepeatComplaints, await Listed(DrillMeasure.RepeatComplaints));
            Assert.Equal(d.Period.FeedbackTimeliness.Denominator - d.Period.FeedbackTimeliness.Numerator, await Listed(DrillMeasure.FeedbackLate));
            Assert.Equal(d.Period.ComplaintClosureRate.Denominator - d.Period.ComplaintClosureRate.Numerator, await Listed(DrillMeasure.ComplaintsNotClosed));
            for (var age = 0; age < d.Backlog.Length; age++) Assert.Equal(d.Backlog[age], await Listed(DrillMeasure.Backlog, age));
            Assert.True(d.Period.RepeatComplaints > 0, "the demo quarter has repeat complaints");

            // Times: every band of the distribution lists its cases, and all bands together the cases measured.
            async Task<int> InBand(DrillMeasure m, int? band) =>
                await KpiDrillDown.Filter(db, m, period, at, new DrillNarrowing(estate, HourBand: band)).CountAsync();
            Assert.Equal(d.AcknowledgeBands.Sum(), await InBand(DrillMeasure.Acknowledged, null));
            Assert.Equal(d.CloseBands.Sum(), await InBand(DrillMeasure.ClosedOfReceived, null));
            for (var band = 0; band < Durations.HourBuckets; band++)
            {
                Assert.Equal(d.AcknowledgeBands[band], await InBand(DrillMeasure.Acknowledged, band));
                Assert.Equal(d.CloseBands[band], await InBand(DrillMeasure.ClosedOfReceived, band));
            }
            Assert.True(d.CloseBands.Count(n => n > 0) >= 3, "the demo closes cases after different times");

            // Attitude (the demo's callbacks are of October and November): each department's and staff member's bar
            // lists the cases whose callbacks rated them.
            var (october, november) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1));
            var recent = KpiDrillDown.Months(october, november, Shanghai);
            var rated = await new DashboardData(db).LoadAsync(estate, new DashboardFilter(october, november));
            Assert.NotEmpty(rated.AttitudeByDepartment);
            Assert.NotEmpty(rated.AttitudeByStaff);
            foreach (var (department, attitude) in rated.AttitudeByDepartment.Where(a => a.DepartmentId != Dim.None))
                Assert.Equal(attitude.Denominator, await KpiDrillDown.Filter(db, DrillMeasure.AttitudeRated, recent, at, new DrillNarrowing(estate, DepartmentId: department)).CountAsync());
            foreach (var (staff, attitude) in rated.AttitudeByStaff.Where(a => a.StaffId != Dim.None))
                Assert.Equal(attitude.Denominator, await KpiDrillDown.Filter(db, DrillMeasure.AttitudeRated, recent, at, new DrillNarrowing(estate, StaffId: staff)).CountAsync());
        }
    }

    [Fact]
    public async Task The_company_lists_its_lowest_rated_departments_first_as_the_callbacks_rate_them()
    {
        var (cs, _) = await DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var (october, november) = (new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1));
        var company = await new DashboardData(db).LoadAsync(null, new DashboardFilter(october, november));

        // Every estate's departments together, from the callbacks: the lowest share satisfied first, then the most rated.
        var expected = new List<(int, Ratio)>();
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                SELECT coalesce(handled_by_department_id, {Dim.None}), count(*) FILTER (WHERE attitude >= 4), count(attitude)
                FROM callbacks WHERE status = 2 AND done_at >= {Ts(Period.Month(october, Shanghai).From)} AND done_at < {Ts(Period.Month(november, Shanghai).Until)}
                GROUP BY 1 HAVING count(attitude) > 0
                ORDER BY count(*) FILTER (WHERE attitude >= 4)::numeric / count(attitude), count(attitude) DESC, 1
                LIMIT {DashboardData.AttitudeRows}
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) expected.Add((reader.GetInt32(0), new Ratio(reader.GetInt64(1), reader.GetInt64(2))));
        }
        Assert.True(expected.Count >= 5, "the demo's callbacks rate several departments");
        Assert.Equal(expected, company.AttitudeByDepartment.Select(a => (a.DepartmentId, a.Attitude)).ToList());
        Assert.Empty(company.AttitudeByStaff); // the company's cells sum staff members into their departments
    }

    [Fact]
    public async Task After_a_refresh_the_company_figures_read_lately_are_prepared_for_the_next_reader_and_never_given_to_estate_staff()
    {
        var (cs, clock) = await DemoWithCellsAsync();
        var cache = new MemoryCache(new MemoryCacheOptions());
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var reader = new DashboardData(db, cache);
        var november = new DateOnly(2026, 11, 1);
        var filter = new DashboardFilter(november, november);
        var before = await reader.LoadAsync(null, filter);
        // Estate staff asking for the company compute their own (nothing), not the company's figures kept for others.
        await using (var bhw = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(2)))
            Assert.Equal(0, (await new DashboardData(bhw, cache).LoadAsync(null, filter)).Period.Received);

        var id = await ScalarAsync(cs, $"""
            SELECT id FROM cases WHERE estate_id = 2 AND type = 0 AND status < 5 AND NOT is_test
              AND received_at >= {Ts(Period.Month(november, Shanghai).From)} ORDER BY id LIMIT 1
            """);
        await ScalarAsync(cs, $"UPDATE cases SET status = 7, resolved_at = {Ts(Anchor.AddHours(-2))}, closed_at = {Ts(Anchor.AddHours(-1))}, next_due_at = NULL WHERE id = {id} RETURNING 1");
        clock.Advance(TimeSpan.FromSeconds(20));
        await using (var background = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(null)))
            Assert.True(await new KpiRollups(background, clock).RefreshAsync() >= 1);
        // The refresher's pass ends by preparing the filter read above (as KpiRollupService does, without a user).
        await using (var refresher = new OwnerPortalDbContext(TestDatabase.Options(cs)))
            Assert.Equal(1, await new DashboardData(refresher, cache).PrepareCompanyAsync());

        // The reader gets what was prepared: the company cells are not read again (emptied here, no estate recomputed).
        await ScalarAsync(cs, "DELETE FROM kpi_case_cells WHERE estate_id = 0; SELECT 1");
        var after = await reader.LoadAsync(null, filter);
        Assert.Equal(before.Period.StillOpen - 1, after.Period.StillOpen);
        Assert.Equal(before.Period.Received, after.Period.Received);
    }

    [Fact]
    public async Task Estate_staff_read_only_their_estate_cells()
    {
        var (cs, _) = await DemoWithCellsAsync();
        await using var bhw = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(2));
        Assert.Equal([2], await bhw.CaseCells.Select(c => c.EstateId).Distinct().ToListAsync());
        Assert.Equal([2], await bhw.CallbackCells.Select(c => c.EstateId).Distinct().ToListAsync());
        // Asking for another estate or the company reads nothing.
        var october = new DateOnly(2026, 10, 1);
        Assert.Equal(0, (await new DashboardData(bhw).LoadAsync(1, new DashboardFilter(october, october))).Period.Received);
        Assert.Equal(0, (await new DashboardData(bhw).LoadAsync(null, new DashboardFilter(october, october))).Period.Received);
    }
}
