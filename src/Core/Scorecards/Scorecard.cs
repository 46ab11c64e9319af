using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Core.Scorecards;

public sealed record KpiLine(Kpi Kpi, long Numerator, long Denominator, decimal Target)
{
    public Ratio Figure => new(Numerator, Denominator);
    public Rag Light => KpiTargets.RagOf(Figure.Percent, Target);
}

public sealed record TrendPoint(DateOnly Month, long Numerator, long Denominator)
{
    public Ratio Figure => new(Numerator, Denominator);
}

public sealed record KpiTrend(Kpi Kpi, decimal Target, IReadOnlyList<TrendPoint> Points);

public sealed record SurveyItemLine(SurveyItem Item, long Numerator, long Denominator)
{
    public Ratio Figure => new(Numerator, Denominator);
}

public sealed record PlanLine(SurveyItem? Item, string Problem, string Action, DateOnly DueOn, RectificationStatus Status, string? Progress);

public sealed record SurveySection(int RoundId, string Title, DateOnly ClosesOn, int Returned, int Invited, long Satisfied, long Answered,
    IReadOnlyList<SurveyItemLine> Items, IReadOnlyList<PlanLine> Plan)
{
    public Ratio Overall => new(Satisfied, Answered);
    public Ratio ResponseRate => new(Returned, Invited);
    public int PlanDone => Plan.Count(p => p.Status == RectificationStatus.Done);
}

/// <summary>A category's complaints over the trend months and how many of them repeated an earlier one (SPEC 7 "repeat complaint").</summary>
public sealed record RepeatLine(int Category, int Repeats, int Complaints);

public sealed record NoticeLine(long Id, NoticeKind Kind, string Title, DateTimeOffset PublishedAt);

/// <summary>
/// An estate's scorecard for its owners' committee, for one month: the dashboard KPIs against their targets and their
/// 12-month trends (read from the same KPI cells as the Admin dashboards), the latest published survey with its
/// rectification plan, the complaint categories that repeat, and the notices published. Plain data, so a published
/// summary keeps it as it was (JSON).
/// </summary>
public sealed record ScorecardFigures(int EstateId, string EstateName, DateOnly Month, IReadOnlyList<KpiLine> Kpis, IReadOnlyList<KpiTrend> Trends,
    int Received, int Overdue, int RepeatComplaints, SurveySection? Survey, IReadOnlyList<RepeatLine> Repeats, IReadOnlyList<NoticeLine> Notices,
    DateTimeOffset? AsOf)
{
    public DateOnly TrendFrom => Month.AddMonths(1 - DashboardData.TrendMonths);
}

public static class Scorecard
{
    /// <summary>The KPIs measured over cases and callbacks, in the dashboards' order (the survey's comes from its rounds).</summary>
    public static IReadOnlyList<Kpi> CaseAndCallbackKpis => KpiTargets.CaseAndCallback;

    /// <summary>The month a scorecard shows by default: the last whole month in the estate's calendar.</summary>
    public static DateOnly DefaultMonth(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(-1);

    /// <summary>The scorecard of <paramref name="estateId"/> for <paramref name="month"/> (first day), measured as the dashboards measure it.</summary>
    public static async Task<ScorecardFigures> LoadAsync(OwnerPortalDbContext db, DashboardData data, int estateId, DateOnly month, DateOnly today,
        CancellationToken ct = default)
    {
        var estateName = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => e.Name).SingleAsync(ct);
        var filter = new DashboardFilter(month, month);
        var dashboard = await data.LoadAsync(estateId, filter, ct);
        var kpis = CaseAndCallbackKpis.Select(k => dashboard.Period.Of(k) is var r ? new KpiLine(k, r.Numerator, r.Denominator, KpiTargets.TargetOf(k)) : null!).ToList();
        var trends = CaseAndCallbackKpis.Select(k => new KpiTrend(k, KpiTargets.TargetOf(k),
            dashboard.Trend.Select(t => t.Figures.Of(k) is var r ? new TrendPoint(t.Month, r.Numerator, r.Denominator) : null!).ToList())).ToList();

        var survey = await LatestPublishedSurveyAsync(db, estateId, month.AddMonths(1).AddDays(-1), ct);
        if (survey is not null)
            kpis.Add(new KpiLine(Kpi.SurveySatisfaction, survey.Satisfied, survey.Answered, KpiTargets.TargetOf(Kpi.SurveySatisfaction)));

        var repeats = (await data.CategoryTotalsAsync(estateId, filter.First.AddMonths(1 - DashboardData.TrendMonths), filter.Last, ct))
            .Where(c => c.Repeats > 0).OrderByDescending(c => c.Repeats).ThenBy(c => c.Category)
            .Select(c => new RepeatLine(c.Category, c.Repeats, c.Complaints)).ToList();

        var zone = await EstateTime.ZoneAsync(db, estateId, ct);
        var until = Period.Month(month, zone).Until;
        var since = Period.Month(month.AddMonths(1 - DashboardData.TrendMonths), zone).From;
        var notices = await db.Notices.AsNoTracking()
            .Where(n => n.EstateId == estateId && n.Status == NoticeStatus.Published && n.PublishedAt >= since && n.PublishedAt < until)
            .OrderByDescending(n => n.PublishedAt).Take(24)
            .Select(n => new NoticeLine(n.Id, n.Kind, n.Title, n.PublishedAt!.Value)).ToListAsync(ct);

        return new ScorecardFigures(estateId, estateName, month, kpis, trends, dashboard.Period.Received, dashboard.Period.Overdue,
            dashboard.Period.RepeatComplaints, survey, repeats, notices, dashboard.AsOf);
    }

    /// <summary>
    /// The latest round published to the estate's owners that had closed by <paramref name="lastDay"/>: committees are
    /// given published results and plans (SPEC 4); the figures are the survey tile's (<see cref="SurveyResults"/>).
    /// </summary>
    private static async Task<SurveySection?> LatestPublishedSurveyAsync(OwnerPortalDbContext db, int estateId, DateOnly lastDay, CancellationToken ct)
    {
        var round = await db.SurveyRounds.AsNoTracking()
            .Where(r => r.ClosesOn <= lastDay && db.SurveyPublications.Any(p => p.RoundId == r.Id && p.EstateId == estateId))
            .OrderByDescending(r => r.ClosesOn).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (round is null) return null;
        var result = await SurveyReport.CalculateAsync(db, round.Id, estateId, ct, approvedTextOnly: true);
        var plan = await SurveyPublishing.PlanAsync(db, round.Id, estateId, ct);
        return new SurveySection(round.Id, round.Title, round.ClosesOn, result.Returned, result.Invited, result.Overall.Numerator, result.Overall.Denominator,
            result.Items.Select(i => new SurveyItemLine(i.Item, i.Satisfaction.Numerator, i.Satisfaction.Denominator)).ToList(),
            plan.Select(p => new PlanLine(p.Item, p.Problem, p.Action, p.DueOn, p.Status, p.Progress)).ToList());
    }
}
