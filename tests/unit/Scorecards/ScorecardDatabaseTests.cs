using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Scorecards;
using OwnerPortal.Tests;
using OwnerPortal.UnitTests.Kpis;

namespace OwnerPortal.UnitTests.Scorecards;

/// <summary>
/// The owners' committee scorecard (issue #18 item 13) on the demo data: its KPIs are the dashboards' (same cells, and
/// the same hand-written SQL agrees), its survey is the latest published round's, its repeat categories and notices
/// agree with SQL; a published summary keeps the figures as they were and renders the note safely; who reads what.
/// </summary>
public class ScorecardDatabaseTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<long> ScalarAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static string Ts(DateTimeOffset t) => $"'{t.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z'";

    [Fact]
    public async Task The_scorecard_shows_the_dashboards_figures_and_they_agree_with_sql()
    {
        var (cs, clock) = await DashboardRollupDatabaseTests.DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var data = new DashboardData(db);
        var card = await Scorecard.LoadAsync(db, data, 1, October, Today);

        // The KPIs are the estate dashboard's, read from the same cells, and SPEC 7 by hand-written SQL.
        var dashboard = await data.LoadAsync(1, new DashboardFilter(October, October));
        foreach (var kpi in KpiTargets.CaseAndCallback)
        {
            var line = card.Kpis.Single(k => k.Kpi == kpi);
            Assert.Equal(dashboard.Period.Of(kpi), line.Figure);
            Assert.Equal(KpiTargets.TargetOf(kpi), line.Target);
        }
        await DashboardRollupDatabaseTests.AssertAgreesWithSqlAsync(cs, 1, October, October, clock.GetUtcNow(), dashboard.Period);
        Assert.Equal((dashboard.Period.Received, dashboard.Period.Overdue), (card.Received, card.Overdue));
        // Twelve months of trend ending in October, each month the dashboard's month.
        foreach (var trend in card.Trends)
        {
            Assert.Equal(12, trend.Points.Count);
            Assert.Equal((new DateOnly(2025, 11, 1), October), (trend.Points[0].Month, trend.Points[^1].Month));
            Assert.Equal(dashboard.Trend.Select(t => t.Figures.Of(trend.Kpi)), trend.Points.Select(p => p.Figure));
        }
        var july = dashboard.Trend.Single(t => t.Month == new DateOnly(2026, 7, 1)).Figures;
        await DashboardRollupDatabaseTests.AssertAgreesWithSqlAsync(cs, 1, new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 1), clock.GetUtcNow(), july);

        // The survey: the latest round published to the estate, as its results page and the tile measure it.
        var published = await ScalarAsync(cs, """
            SELECT r.id FROM survey_rounds r JOIN survey_publications p ON p.round_id = r.id AND p.estate_id = 1
            WHERE r.closes_on <= '2026-10-31' ORDER BY r.closes_on DESC LIMIT 1
            """);
        var survey = Assert.IsType<SurveySection>(card.Survey);
        Assert.Equal(published, survey.RoundId);
        var tile = (await data.LatestSurveysAsync(1, new DateOnly(2026, 10, 31), Today)).Single(r => r.Id == survey.RoundId);
        Assert.Equal(tile.Result.Overall, survey.Overall);
        Assert.Equal(survey.Overall, card.Kpis.Single(k => k.Kpi == Kpi.SurveySatisfaction).Figure);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM rectification_items WHERE estate_id = 1 AND round_id = {published}"), survey.Plan.Count);
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM rectification_items WHERE estate_id = 1 AND round_id = {published} AND status = 2"), survey.PlanDone);

        // Complaint categories that repeat, over the twelve months: SPEC 7's repeat complaint by SQL, per category.
        var from = Ts(Period.Month(card.TrendFrom, Shanghai).From);
        var until = Ts(Period.Month(October, Shanghai).Until);
        Assert.NotEmpty(card.Repeats);
        foreach (var category in Enumerable.Range(0, 8))
        {
            var repeats = await ScalarAsync(cs, $"""
                SELECT count(*) FROM cases c WHERE c.estate_id = 1 AND NOT c.is_test AND c.status <> 8 AND c.type = 0 AND c.category = {category}
                  AND c.received_at >= {from} AND c.received_at < {until}
                  AND EXISTS (SELECT 1 FROM cases e WHERE e.estate_id = c.estate_id AND e.type = 0 AND NOT e.is_test AND e.status <> 8
                              AND e.received_at < c.received_at AND c.received_at - e.received_at <= interval '90 days'
                              AND (e.unit_id = c.unit_id OR (e.public_area_id = c.public_area_id AND e.category = c.category)))
                """);
            var complaints = await ScalarAsync(cs, $"""
                SELECT count(*) FROM cases WHERE estate_id = 1 AND NOT is_test AND status <> 8 AND type = 0 AND category = {category}
                  AND received_at >= {from} AND received_at < {until}
                """);
            var line = card.Repeats.SingleOrDefault(r => r.Category == category);
            Assert.Equal(repeats, line?.Repeats ?? 0);
            if (line is not null) Assert.Equal(complaints, line.Complaints);
        }

        // Notices published in those twelve months.
        Assert.Equal(await ScalarAsync(cs, $"SELECT count(*) FROM notices WHERE estate_id = 1 AND status = 1 AND published_at >= {from} AND published_at < {until}"),
            card.Notices.Count);
    }

    [Fact]
    public async Task A_published_summary_keeps_the_figures_of_its_day_and_renders_the_note_safely()
    {
        var (cs, clock) = await DashboardRollupDatabaseTests.DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var data = new DashboardData(db);
        var card = await Scorecard.LoadAsync(db, data, 1, October, Today);
        var summary = await ScorecardSummary.PublishAsync(db, card, "本月 **电梯** 投诉较多 <script>alert(1)</script> [链接](javascript:alert(2))", 5, clock.GetUtcNow());

        Assert.Contains("<strong>电梯</strong>", summary.NoteHtml);
        Assert.DoesNotContain("<script", summary.NoteHtml);
        Assert.DoesNotContain("javascript:", summary.NoteHtml);

        // October's cases change afterwards: the live scorecard moves, the published summary does not.
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE cases SET acknowledged_at = NULL, status = 0 WHERE id IN (
              SELECT id FROM cases WHERE estate_id = 1 AND NOT is_test AND status = 7 AND received_at >= '2026-10-05' AND received_at < '2026-10-25' LIMIT 40)
            """);
        await new KpiRollups(db, clock).RefreshAsync();
        var live = await Scorecard.LoadAsync(db, data, 1, October, Today);
        Assert.NotEqual(card.Kpis.Single(k => k.Kpi == Kpi.FeedbackTimeliness).Figure, live.Kpis.Single(k => k.Kpi == Kpi.FeedbackTimeliness).Figure);

        var latest = Assert.IsType<ScorecardSummary>(await ScorecardSummary.LatestAsync(db, 1));
        var kept = latest.ReadFigures();
        Assert.Equal(card.Kpis.Select(k => (k.Kpi, k.Figure)), kept.Kpis.Select(k => (k.Kpi, k.Figure)));
        Assert.Equal(card.Survey!.Overall, kept.Survey!.Overall);
        Assert.Equal(card.Repeats, kept.Repeats);
        Assert.Null(await ScorecardSummary.LatestAsync(db, 2));
    }

    public static TheoryData<ScorecardStanding, ScorecardRight, bool> Matrix()
    {
        var data = new TheoryData<ScorecardStanding, ScorecardRight, bool>();
        foreach (var right in Enum.GetValues<ScorecardRight>())
        {
            data.Add(ScorecardStanding.CommitteeMember, right, true);
            data.Add(ScorecardStanding.Owner, right, right == ScorecardRight.ReadPublishedSummary);
            data.Add(ScorecardStanding.OtherEstate, right, false);
        }
        return data;
    }

    [Theory, MemberData(nameof(Matrix))]
    public void Each_standing_has_exactly_its_rights(ScorecardStanding standing, ScorecardRight right, bool expected) =>
        Assert.Equal(expected, ScorecardAccess.May(standing, right));

    [Fact]
    public async Task An_owners_standing_follows_their_units_and_a_current_committee_membership()
    {
        var (cs, clock) = await DashboardRollupDatabaseTests.DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        // The demo seats the first owners of each estate on its committee: owner1.hy sits, owner2.hy does not.
        var member = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var hy = await db.People.SingleAsync(p => p.Email == "owner2.hy@demo.ownerportal.cn");
        var bhw = await db.People.SingleAsync(p => p.Email == "owner1.bhw@demo.ownerportal.cn");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Shanghai).DateTime);

        Assert.Equal(ScorecardStanding.CommitteeMember, await ScorecardAccess.StandingAsync(db, member.Id, 1, clock));
        Assert.Equal(ScorecardStanding.Owner, await ScorecardAccess.StandingAsync(db, hy.Id, 1, clock));
        Assert.Equal(ScorecardStanding.OtherEstate, await ScorecardAccess.StandingAsync(db, bhw.Id, 1, clock));
        Assert.Equal(CommitteeAddResult.Added, await Committee.AddAsync(db, 1, hy.Id, today));
        Assert.Equal(ScorecardStanding.CommitteeMember, await ScorecardAccess.StandingAsync(db, hy.Id, 1, clock));
        // A committee seat is of one estate: not a member of another.
        Assert.Equal(ScorecardStanding.OtherEstate, await ScorecardAccess.StandingAsync(db, hy.Id, 2, clock));
        var membership = await db.CommitteeMemberships.SingleAsync(c => c.PersonId == hy.Id);
        Assert.True(await Committee.EndAsync(db, 1, membership.Id, today));
        Assert.Equal(ScorecardStanding.Owner, await ScorecardAccess.StandingAsync(db, hy.Id, 1, clock));
    }
}
