using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Reports;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>The KPI expressions against independent SQL on the demo data, and the freeze of a signed summary.</summary>
public class DispatcherSummaryDatabaseTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly October = new(2026, 10, 1);
    // October 2026 in Asia/Shanghai.
    private const string From = "'2026-09-30 16:00Z'";
    private const string Until = "'2026-10-31 16:00Z'";

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Every_case_kpi_agrees_with_an_independent_sql_query_on_the_demo_data()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var at = Anchor;
        var period = Period.Month(October, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var f = await CaseKpis.MeasureAsync(db.Cases.Where(c => c.EstateId == 1), period, at);

        const string received = $"estate_id = 1 AND NOT is_test AND status <> 8 AND received_at >= {From} AND received_at < {Until}";
        const string now = "'2026-11-23 00:00Z'";
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received}"), f.Received);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND type = 2"), f.ReceivedByType[CaseType.RepairRequest]);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND channel = 1"), f.ReceivedByChannel[CaseChannel.Phone]);
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND feedback_due_at <= {now} AND acknowledged_at <= feedback_due_at"),
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND feedback_due_at <= {now}")), f.FeedbackTimeliness);
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND type = 0 AND response_due_at <= {now} AND responded_at <= response_due_at"),
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND type = 0 AND response_due_at <= {now}")), f.ResponseWithinWorkingDay);
        const string deadline = "coalesce(revised_deadline_at, deadline_at)";
        const string deadlineIn = $"estate_id = 1 AND NOT is_test AND status <> 8 AND {deadline} >= {From} AND {deadline} < {Until} AND {deadline} <= {now}";
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {deadlineIn} AND resolved_at <= {deadline}"),
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {deadlineIn}")), f.HandlingTimeliness);
        const string verified = $"estate_id = 1 AND NOT is_test AND verified_at >= {From} AND verified_at < {Until}";
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {verified} AND verification_failures = 0"),
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {verified}")), f.VerificationPassRate);
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND type = 0 AND status = 7 AND closed_at <= {Until}"),
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {received} AND type = 0")), f.ComplaintClosureRate);
        const string closed = $"estate_id = 1 AND NOT is_test AND status = 7 AND closed_at >= {From} AND closed_at < {Until}";
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {closed} AND reopen_count = 0"),
            await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {closed}")), f.FirstTimeFix);
        Assert.True(f.Received > 0 && f.FeedbackTimeliness.Denominator > 0 && f.VerificationPassRate.Denominator > 0, "the demo month has cases to measure");
    }

    [Fact]
    public async Task Every_callback_kpi_agrees_with_an_independent_sql_query_on_the_demo_data()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        // November 2026 in Asia/Shanghai, measured on the anchor day: the demo's callbacks fall in it.
        var period = Period.Month(new DateOnly(2026, 11, 1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var f = await CallbackKpis.MeasureAsync(db.Callbacks.Where(b => b.EstateId == 1), period, Anchor);

        const string from = "'2026-10-31 16:00Z'", until = "'2026-11-30 16:00Z'", at = "'2026-11-23 00:00Z'";
        const string due = $"estate_id = 1 AND status IN (1, 2, 3) AND due_until >= {from} AND due_until < {until} AND due_until <= {at}";
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {due} AND status = 2 AND done_at <= due_until"),
            await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {due}")), f.CallbackRate);
        const string made = $"estate_id = 1 AND status = 2 AND done_at >= {from} AND done_at < {until}";
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made}"), f.Done);
        Assert.Equal(new Ratio(
            await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made} AND overall >= 4"),
            await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made} AND overall IS NOT NULL")), f.Satisfaction);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM callbacks WHERE {made} AND (outcome = 2 OR overall <= 2)"), f.Failed);
        Assert.True(f.Done > 0 && f.Satisfaction.Denominator > 0, "the demo month has callbacks to measure");
    }

    [Fact]
    public async Task The_complaint_and_suggestion_summaries_agree_with_independent_sql_on_the_demo_data()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var period = Period.Month(October, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var complaints = await CaseStatistics.ComplaintsAsync(db.Cases.Where(c => c.EstateId == 1), db.Departments.Where(d => d.EstateId == 1), period, Anchor);
        var suggestions = await CaseStatistics.SuggestionsAsync(db.Cases.Where(c => c.EstateId == 1), period);

        const string received = $"estate_id = 1 AND NOT is_test AND status <> 8 AND received_at >= {From} AND received_at < {Until}";
        const string complaint = $"{received} AND type = 0";
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {complaint}"), complaints.Received);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {complaint} AND status = 7"), complaints.Closed);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {complaint} AND is_major"), complaints.Major);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {complaint} AND escalated_at IS NOT NULL"), complaints.Escalated);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {complaint} AND category = 1"), complaints.ByCategory[CaseCategory.Facilities]);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {complaint} AND class = 2"), complaints.ByClass[ComplaintClass.Developer]);
        Assert.Equal(complaints.Received, complaints.ByCategory.Values.Sum() + complaints.Unclassified);
        Assert.Equal(complaints.Received, complaints.ByDepartment.Sum(d => d.Count));
        var engineering = await ScalarAsync(cs, $"SELECT count(*) FROM cases c JOIN departments d ON d.id = c.assigned_department_id WHERE {complaint.Replace("estate_id", "c.estate_id")} AND d.kind = 0");
        Assert.Equal(engineering, complaints.ByDepartment.Where(d => d.Department.Contains("工程")).Sum(d => d.Count));

        const string suggestion = $"{received} AND type = 1";
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {suggestion}"), suggestions.Received);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {suggestion} AND suggestion_adopted"), suggestions.Adopted);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM cases WHERE {suggestion} AND NOT suggestion_adopted"), suggestions.NotAdopted);
        Assert.True(complaints.Received > 0 && suggestions.Received > 0, "the demo month has complaints and suggestions");
    }

    [Fact]
    public async Task A_signed_summary_keeps_its_figures_when_a_case_of_that_month_is_edited_afterwards()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        var clock = new FakeTimeProvider(Anchor);
        var period = Period.Month(October, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        DispatcherSummaryFigures signed;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var summary = new DispatcherSummary(db, clock);
            var view = await summary.LoadAsync(1, October);
            Assert.False(view.Report.IsSigned);
            signed = (await summary.SignAsync(view, "本月反馈及时率未达标，下月加强夜间值班。", "张经理", null)).Figures;
            await db.SaveChangesAsync();
        }

        // Afterwards one of the October cases changes (marked a test case, so it drops out of every figure).
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var open = await db.Cases.Where(c => c.EstateId == 1 && c.ReceivedAt >= period.From && c.ReceivedAt < period.Until && c.Status == CaseStatus.Received).FirstOrDefaultAsync()
                       ?? await db.Cases.Where(c => c.EstateId == 1 && c.ReceivedAt >= period.From && c.ReceivedAt < period.Until).FirstAsync();
            db.Entry(open).Property(c => c.IsTest).CurrentValue = true;
            await db.SaveChangesAsync();
            clock.Advance(TimeSpan.FromDays(1));
            var live = await new DispatcherSummary(db, clock).MeasureAsync(1, October);
            Assert.NotEqual(signed.Cases.Received, live.Cases.Received); // the live figures did change
        }

        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var view = await new DispatcherSummary(db, clock).LoadAsync(1, October);
            Assert.True(view.Report.IsSigned);
            Assert.Equal(signed.MeasuredAt, view.Figures.MeasuredAt);
            Assert.Equal(signed.Cases.Received, view.Figures.Cases.Received);
            Assert.Equal(signed.Cases.FeedbackTimeliness, view.Figures.Cases.FeedbackTimeliness);
            Assert.Equal(signed.Cases.ReceivedByChannel, view.Figures.Cases.ReceivedByChannel);
            Assert.Equal("本月反馈及时率未达标，下月加强夜间值班。", view.Report.ManagerComment);
            Assert.Throws<InvalidOperationException>(() => new DispatcherSummary(db, clock).Comment(view, "改一下"));
        }
    }
}
