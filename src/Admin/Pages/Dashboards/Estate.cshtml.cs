using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Surveys;
using OwnerPortal.Admin.Charts;
using OwnerPortal.Admin.Pages.Reports;

namespace OwnerPortal.Admin.Pages.Dashboards;

/// <summary>
/// The estate dashboard's KPI tiles (SPEC 6): each figure with its target, traffic light and definition, for a month,
/// quarter or half-year, from the same KPI definitions the monthly reports use (first slice of issue #9: charts,
/// drill-down, the company view and rollups follow).
/// </summary>
[Authorize(Policy = Policies.Dashboards)]
public class EstateModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : ReportPage(db, clock)
{
    public enum Span { Month, Quarter, HalfYear }

    [BindProperty(SupportsGet = true)] public Span Within { get; set; }

    public sealed record Tile(Kpi Kpi, Ratio Figure, decimal Target, Rag Light, string Definition, string? Note = null);
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];
    public string PeriodLabel { get; private set; } = "";
    public bool Loaded { get; private set; }
    /// <summary>"KPI vs target": each tile's figure as a bar, its target as a mark.</summary>
    public ChartSpec? Chart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return;
        Loaded = true;
        var first = Within switch
        {
            Span.Quarter => new DateOnly(SelectedMonth.Year, (SelectedMonth.Month - 1) / 3 * 3 + 1, 1),
            Span.HalfYear => new DateOnly(SelectedMonth.Year, SelectedMonth.Month <= 6 ? 1 : 7, 1),
            _ => SelectedMonth,
        };
        var months = Within switch { Span.Quarter => 3, Span.HalfYear => 6, _ => 1 };
        var period = new Period(Period.Month(first, Zone).From, Period.Month(first.AddMonths(months - 1), Zone).Until);
        PeriodLabel = months == 1 ? first.ToString(t["Notices.MonthFormat"]) : $"{first.ToString(t["Notices.MonthFormat"])} – {first.AddMonths(months - 1).ToString(t["Notices.MonthFormat"])}";

        var now = Clock.GetUtcNow();
        var cases = await CaseKpis.MeasureAsync(Db.Cases.AsNoTracking().Where(c => c.EstateId == EstateId), period, now, ct);
        var callbacks = await CallbackKpis.MeasureAsync(Db.Callbacks.AsNoTracking().Where(b => b.EstateId == EstateId), period, now, ct);
        Tile TileOf(Kpi kpi, Ratio figure, string? note = null) =>
            new(kpi, figure, KpiTargets.TargetOf(kpi), KpiTargets.RagOf(figure.Percent, KpiTargets.TargetOf(kpi)), t[$"Kpi.{kpi}.Definition"], note);
        var tiles = new List<Tile>
        {
            TileOf(Kpi.FeedbackTimeliness, cases.FeedbackTimeliness),
            TileOf(Kpi.ResponseWithinWorkingDay, cases.ResponseWithinWorkingDay),
            TileOf(Kpi.CallbackRate, callbacks.CallbackRate),
            TileOf(Kpi.CallbackSatisfaction, callbacks.Satisfaction),
            TileOf(Kpi.ComplaintClosureRate, cases.ComplaintClosureRate),
        };
        // The latest round of this estate that has closed by the end of the period.
        var lastDay = first.AddMonths(months).AddDays(-1);
        var round = await Db.SurveyRounds.AsNoTracking()
            .Where(r => r.ClosesOn <= lastDay && r.Estates.Any(e => e.EstateId == EstateId))
            .OrderByDescending(r => r.ClosesOn).Select(r => new { r.Id, r.Title }).FirstOrDefaultAsync(ct);
        if (round is not null)
        {
            var survey = await SurveyReport.CalculateAsync(Db, round.Id, EstateId, ct);
            tiles.Add(TileOf(Kpi.SurveySatisfaction, new Ratio(survey.Overall.Part, survey.Overall.Whole), round.Title));
        }
        Tiles = tiles;
        var surveyLink = round is null ? null : $"/Surveys/Results/{round.Id}" + (User.EstateIdOf() is null ? $"?estate={EstateId}" : "");
        Chart = new ChartSpec
        {
            Title = t["Admin.Dashboard.Chart.Title"],
            Kind = ChartKind.HorizontalBar,
            Percent = true,
            XTitle = t["Admin.Dashboard.Chart.Kpi"],
            XLabels = [.. tiles.Select(x => t[$"Kpi.{x.Kpi}"].Value)],
            Series =
            [
                new(t["Admin.Dashboard.Chart.Actual"], [.. tiles.Select(x => x.Figure.Percent)]),
                new(t["Admin.Dashboard.Chart.Target"], [.. tiles.Select(x => (decimal?)x.Target)], Markers: true),
            ],
            Links = [.. tiles.Select(x => x.Kpi == Kpi.SurveySatisfaction ? surveyLink : null)],
            Height = 110 + 40 * tiles.Count,
            FileName = $"kpi-{Estate?.Code}-{first:yyyy-MM}-{Within}".ToLowerInvariant(),
        };
    }
}
