using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Charts;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Dashboards;

/// <summary>
/// The company dashboard (quality office, leadership): the company's figures like an estate's, and every estate
/// ranked on the chosen KPI with a small trend per estate; an estate's name opens its dashboard.
/// </summary>
[Authorize(Policy = Policies.QualityOffice)]
public class CompanyModel([FromKeyedServices(StaleReads.Key)] OwnerPortalDbContext db, DashboardData data, TimeProvider clock, IStringLocalizer<Strings> t)
    : DashboardPage(db, data, clock, t)
{
    public const int PageSize = 50;
    /// <summary>Small trends drawn: the first estates of the ranking page.</summary>
    public const int SmallMultipleCount = 24;

    /// <summary>The KPI the estates are ranked on (worst first).</summary>
    [BindProperty(SupportsGet = true)] public Kpi Rank { get; set; } = Kpi.FeedbackTimeliness;
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    /// <summary>An estate picked in the filters: its dashboard opens with the same filters.</summary>
    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }

    /// <summary>An estate's row: its figures, the ranked one, and its survey satisfaction (the latest closed round's, with the round).</summary>
    public sealed record Ranked(int Position, int EstateId, string Code, string Name, EstateFigures Figures, Ratio Figure, Rag Light, Ratio Survey, int? SurveyRoundId)
    {
        public Rag SurveyLight => KpiTargets.RagOf(Survey.Percent, KpiTargets.TargetOf(Kpi.SurveySatisfaction));
    }

    /// <summary>What the estates may be ranked on: the case and callback KPIs, and survey satisfaction.</summary>
    public static readonly Kpi[] RankedKpis = [.. CaseAndCallbackKpis, Kpi.SurveySatisfaction];
    public IReadOnlyList<Ranked> Ranking { get; private set; } = [];
    public int EstateCount { get; private set; }
    public int PageCount => Math.Max(1, (EstateCount + PageSize - 1) / PageSize);
    public IReadOnlyList<(Ranked Estate, ChartSpec Trend)> SmallMultiples { get; private set; } = [];

    protected override object? ExportValues => new { Rank };
    protected override int? ShownEstateId => null;
    private IReadOnlyList<Ranked> _allRanked = [];

    /// <summary>Every estate's figure on every ranked KPI.</summary>
    protected override IEnumerable<object?[]> ExtraExportRows()
    {
        var names = RankedKpis.ToDictionary(kpi => kpi, kpi => T[$"Kpi.{kpi}"].Value); // once, not per estate
        return from r in _allRanked
               from kpi in RankedKpis
               let figure = kpi == Kpi.SurveySatisfaction ? r.Survey : r.Figures.Period.Of(kpi)
               select new object?[] { $"{names[kpi]} · {r.Code} {r.Name}", PeriodLabel, figure.Numerator, figure.Denominator, figure.Percent, KpiTargets.TargetOf(kpi) };
    }

    /// <param name="smallMultiples">Read the top estates' monthly trends for the small multiples (the export has no use for them).</param>
    private async Task LoadCompanyAsync(bool smallMultiples, CancellationToken ct)
    {
        if (!RankedKpis.Contains(Rank)) Rank = Kpi.FeedbackTimeliness;
        Department = null; // departments belong to an estate: its dashboard narrows by them
        await LoadAsync(await ZoneOfAsync(Db, null, ct), ct);
        var estates = await Reader.EstatesAsync(Filter, ct);
        // Survey satisfaction: the survey tile's round (latest closed by the range's end and by today), from the survey cells.
        var surveys = await Reader.EstateSurveysAsync(Filter.Last.AddMonths(1).AddDays(-1), Today, ct);
        Ratio SurveyOf(int estate) => surveys.TryGetValue(estate, out var s) ? s.Overall : default;
        Ratio FigureOf(EstateFigures e) => Rank == Kpi.SurveySatisfaction ? SurveyOf(e.EstateId) : e.Period.Of(Rank);
        // Company-level staff: the filters' estate list is every estate.
        var names = EstateChoices.ToDictionary(e => e.Id);
        var target = KpiTargets.TargetOf(Rank);
        // Worst first: nothing measured goes last; ties by estate code.
        var ranked = estates.Where(e => names.ContainsKey(e.EstateId))
            .OrderBy(e => FigureOf(e).Rate is null).ThenBy(e => FigureOf(e).Rate).ThenBy(e => names[e.EstateId].Code, StringComparer.Ordinal)
            .Select((e, i) => new Ranked(i + 1, e.EstateId, names[e.EstateId].Code, names[e.EstateId].Name, e, FigureOf(e), KpiTargets.RagOf(FigureOf(e).Percent, target),
                SurveyOf(e.EstateId), surveys.TryGetValue(e.EstateId, out var s) ? s.RoundId : null))
            .ToList();
        _allRanked = ranked;
        EstateCount = ranked.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Ranking = ranked.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        // A survey round is one figure, not a monthly series: no small trends when ranking on it.
        var shown = Rank == Kpi.SurveySatisfaction || !smallMultiples ? [] : Ranking.Take(SmallMultipleCount).ToList();
        var trends = (await Reader.EstateTrendsAsync(shown.Select(r => r.EstateId).ToList(), Filter, ct)).ToDictionary(e => e.EstateId);
        SmallMultiples = shown.Where(r => trends.ContainsKey(r.EstateId)).Select(r => (r, new ChartSpec
        {
            Title = $"{r.Code} {r.Name}", Percent = true, XTitle = T["Admin.Dashboard.Month"],
            XLabels = [.. trends[r.EstateId].Trend.Select(m => m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture))],
            Series = [new(T[$"Kpi.{Rank}"], [.. trends[r.EstateId].Trend.Select(m => m.Figures.Of(Rank).Percent)])],
            TargetLine = new ChartTarget(target, T["Admin.Dashboard.Chart.Target"]),
            Links = [.. trends[r.EstateId].Trend.Select(_ => EstateLink(r.EstateId))],
            FileName = $"trend-{Rank}-{r.Code}".ToLowerInvariant(),
        }.SmallSvg())).ToList();
    }

    /// <summary>The estate's dashboard with the same period and category.</summary>
    public string EstateLink(int estateId) => LinkWithFilters("/Dashboards/Estate", new { EstateId = estateId, Department = (int?)null });

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (EstateId is { } estate) return Redirect(EstateLink(estate));
        await LoadCompanyAsync(smallMultiples: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken ct)
    {
        await LoadCompanyAsync(smallMultiples: false, ct);
        return Export(format, $"{T["Admin.Dashboard.Company.Title"]} · {PeriodLabel}", $"dashboard-company-{Filter.First:yyyy-MM}-{Filter.Last:yyyy-MM}");
    }
}
