using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Charts;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Reports;
using OwnerPortal.Core.Surveys;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Dashboards;

/// <summary>
/// What the estate and company dashboards share: the filters (period, category, department), the figures read from
/// the KPI cells (<see cref="DashboardData"/>), the tiles with targets, the charts and their drill-down links, and the
/// CSV/XLSX export of every number on the page.
/// </summary>
public abstract class DashboardPage(OwnerPortalDbContext db, DashboardData data, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public enum Span { Month, Quarter, HalfYear, Custom }
    /// <summary>The longest custom range, so a typo cannot ask for decades.</summary>
    public const int MaxMonths = 24;

    protected OwnerPortalDbContext Db { get; } = db;
    protected IStringLocalizer<Strings> T { get; } = t;
    protected DashboardData Reader { get; } = data;

    [BindProperty(SupportsGet = true)] public Span Within { get; set; }
    /// <summary>yyyy-MM: the month (or a month of the quarter / half-year) shown; last month when not given.</summary>
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    /// <summary>yyyy-MM, inclusive: the custom range.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public CaseCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public int? Department { get; set; }

    public sealed record Tile(Kpi Kpi, Ratio Figure, decimal Target, Rag Light, string Definition, string? Note, string? NumeratorLink, string? DenominatorLink);
    public sealed record Count(string Label, int? Value, string? Link, string Definition);
    /// <summary>Time to a step: the median's band, the band 90% reach, over how many cases (linked).</summary>
    public sealed record StepTime(string Label, string Median, string Ninety, int Measured, string Link, string Definition);

    public DashboardFilter Filter { get; private set; } = new(default, default);
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public DateOnly ThisMonth { get; private set; }
    /// <summary>Today in the zone of the estate (or the company).</summary>
    public DateOnly Today { get; private set; }
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public string PeriodLabel { get; private set; } = "";
    public string? FilterError { get; private set; }
    public Dashboard Data { get; private set; } = null!;
    public IReadOnlyList<Tile> Tiles { get; private set; } = [];
    public IReadOnlyList<Count> Counts { get; private set; } = [];
    public IReadOnlyList<StepTime> Times { get; private set; } = [];
    /// <summary>Company-level staff pick any estate (or the company) in the filters; estate staff see only their own.</summary>
    public IReadOnlyList<(int Id, string Code, string Name)> EstateChoices { get; private set; } = [];
    /// <summary>Each tile's figure against its target, in one chart.</summary>
    public ChartSpec? KpiChart { get; private set; }
    public IReadOnlyList<ChartSpec> Trends { get; private set; } = [];
    public IReadOnlyList<ChartSpec> Breakdowns { get; private set; } = [];
    public IReadOnlyList<ChartSpec> Other { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Departments { get; private set; } = [];
    /// <summary>The estate shown, null for the company.</summary>
    protected abstract int? ShownEstateId { get; }
    /// <summary>
    /// The current filters as route values, for links that keep them. Only what <see cref="ResolveFilter"/> parsed is
    /// kept (normalised), and links are built by the URL helper, which encodes: a crafted From/To never reaches the
    /// page as markup (issue #15).
    /// </summary>
    public RouteValueDictionary FilterValues => new()
    {
        ["Within"] = Within.ToString(), ["Month"] = Month,
        ["From"] = Within == Span.Custom ? From : null, ["To"] = Within == Span.Custom ? To : null,
        ["Category"] = Category?.ToString(), ["Department"] = Department,
    };

    /// <summary>A link to <paramref name="page"/> (this page when null) with the filters, changed by <paramref name="extra"/> (a null value drops one).</summary>
    public string LinkWithFilters(string? page = null, object? extra = null, string? handler = null)
    {
        var values = FilterValues;
        foreach (var (key, value) in new RouteValueDictionary(extra)) values[key] = value;
        return Url.Page(page, handler, values)!;
    }

    /// <summary>What else the export link of this page needs (the company's ranking KPI, the estate).</summary>
    protected virtual object? ExportValues => null;

    public string ExportLink(string format)
    {
        var values = new RouteValueDictionary(ExportValues) { ["format"] = format };
        return LinkWithFilters(extra: values, handler: "Export");
    }

    /// <summary>Reads the filters in the zone of the estate (or the company) and loads the dashboard.</summary>
    protected async Task LoadAsync(TimeZoneInfo zone, CancellationToken ct)
    {
        Zone = zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        Today = today;
        ThisMonth = new DateOnly(today.Year, today.Month, 1);
        Months = Enumerable.Range(0, MaxMonths).Select(i => ThisMonth.AddMonths(-i)).ToList();
        Filter = ResolveFilter();
        var format = T["Notices.MonthFormat"].Value;
        PeriodLabel = Filter.First == Filter.Last ? Filter.First.ToString(format, CultureInfo.CurrentCulture)
            : $"{Filter.First.ToString(format, CultureInfo.CurrentCulture)} – {Filter.Last.ToString(format, CultureInfo.CurrentCulture)}";
        if (User.EstateIdOf() is null)
            EstateChoices = await Db.Estates.AsNoTracking().OrderBy(e => e.Code).Select(e => new ValueTuple<int, string, string>(e.Id, e.Code, e.Name)).ToListAsync(ct);
        if (ShownEstateId is { } estate)
            Departments = await Db.Departments.AsNoTracking().Where(d => d.EstateId == estate).OrderBy(d => d.Id)
                .Select(d => new ValueTuple<int, string>(d.Id, d.Name)).ToListAsync(ct);
        // A department of another estate (kept in the link when the estate changed) narrows nothing here.
        if (Department is { } picked && !Departments.Any(d => d.Id == picked)) Department = null;

        Data = await Reader.LoadAsync(ShownEstateId, Filter, ct);
        var survey = await Reader.LatestSurveysAsync(ShownEstateId, Filter.Last.AddMonths(1).AddDays(-1), today, ct);
        Tiles = BuildTiles(survey.FirstOrDefault());
        KpiChart = new ChartSpec
        {
            Title = T["Admin.Dashboard.Chart.Title"], Percent = true, XTitle = T["Admin.Dashboard.Chart.Kpi"],
            XLabels = [.. Tiles.Select(x => T[$"Kpi.{x.Kpi}"].Value)],
            Series =
            [
                new(T["Admin.Dashboard.Chart.Actual"], [.. Tiles.Select(x => x.Figure.Percent)]),
                new(T["Admin.Dashboard.Chart.Target"], [.. Tiles.Select(x => (decimal?)x.Target)], Markers: true),
            ],
            Links = [.. Tiles.Select(x => x.Kpi == Kpi.SurveySatisfaction ? x.DenominatorLink : x.NumeratorLink)],
            Height = 110 + 40 * Tiles.Count, FileName = $"kpi-{Scope}-{Filter.First:yyyy-MM}-{Filter.Last:yyyy-MM}",
        };
        Counts = BuildCounts();
        Times = BuildTimes();
        Trends = BuildTrends();
        Breakdowns = BuildBreakdowns();
        Other = await BuildOtherChartsAsync(survey, ct);
    }

    private DashboardFilter ResolveFilter()
    {
        // The one place the dashboards read their months: what does not parse (or is out of range) is dropped here,
        // so nothing typed reaches the links or the date arithmetic.
        var selected = CalendarRange.ParseMonth(Month) is { } m && m <= ThisMonth ? m : ThisMonth.AddMonths(-1);
        Month = selected.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (from, to) = (CalendarRange.ParseMonth(From), CalendarRange.ParseMonth(To));
        (From, To) = (from?.ToString("yyyy-MM", CultureInfo.InvariantCulture), to?.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        if (Within == Span.Custom)
        {
            FilterError = from is null || to is null ? T["Admin.Dashboard.Error.Month"].Value
                : from > to ? T["Admin.Dashboard.Error.Order"].Value
                : to > ThisMonth ? T["Admin.Dashboard.Error.Future"].Value
                : (to.Value.Year - from.Value.Year) * 12 + to.Value.Month - from.Value.Month >= MaxMonths ? T["Admin.Dashboard.Error.Long", MaxMonths].Value
                : null;
            if (FilterError is null) return new DashboardFilter(from!.Value, to!.Value, Category, Department);
            // Keep what was typed in the form; show the month meanwhile.
            return new DashboardFilter(selected, selected, Category, Department);
        }
        var first = Within switch
        {
            Span.Quarter => new DateOnly(selected.Year, (selected.Month - 1) / 3 * 3 + 1, 1),
            Span.HalfYear => new DateOnly(selected.Year, selected.Month <= 6 ? 1 : 7, 1),
            _ => selected,
        };
        var last = first.AddMonths(Within switch { Span.Quarter => 2, Span.HalfYear => 5, _ => 0 });
        return new DashboardFilter(first, last < ThisMonth ? last : ThisMonth, Category, Department);
    }

    /// <summary>The drill-down list of the cases behind a number, with this page's filters.</summary>
    public string DrillLink(DrillMeasure measure, DateOnly? first = null, DateOnly? last = null, string? extra = null)
    {
        var query = new List<string>
        {
            $"measure={measure}", $"from={(first ?? Filter.First):yyyy-MM}", $"to={(last ?? Filter.Last):yyyy-MM}",
        };
        if (ShownEstateId is { } estate) query.Add($"estate={estate}");
        if (Filter.Category is { } c) query.Add($"category={c}");
        if (Filter.DepartmentId is { } d) query.Add($"department={d}");
        if (extra is not null) query.Add(extra);
        return "/Dashboards/Cases?" + string.Join('&', query);
    }

    private List<Tile> BuildTiles((int Id, string Title, SurveyResult Result) survey)
    {
        Tile TileOf(Kpi kpi, Ratio figure, string? note, string? numerator, string? denominator) =>
            new(kpi, figure, KpiTargets.TargetOf(kpi), KpiTargets.RagOf(figure.Percent, KpiTargets.TargetOf(kpi)), T[$"Kpi.{kpi}.Definition"], note, numerator, denominator);
        var tiles = CaseAndCallbackKpis.Select(kpi => TileOf(kpi, Data.Period.Of(kpi), null, DrillLink(KpiDrillDown.MissedOf(kpi)),
            KpiDrillDown.MeasuredOf(kpi) is { } measured ? DrillLink(measured) : null)).ToList();
        if (survey.Result is { } s)
            tiles.Add(TileOf(Kpi.SurveySatisfaction, s.Overall, survey.Title, null, SurveyLink(survey.Id)));
        return tiles;
    }

    /// <summary>The KPIs measured over cases and callbacks (the survey's comes from its rounds), in the tiles' order.</summary>
    public static readonly Kpi[] CaseAndCallbackKpis = KpiTargets.CaseAndCallback;

    public string SurveyLink(int roundId) => $"/Surveys/Results/{roundId}" + (ShownEstateId is { } e && User.EstateIdOf() is null ? $"?estate={e}" : "");

    private List<Count> BuildCounts()
    {
        var p = Data.Period;
        return
        [
            new(T["Admin.Dashboard.Count.Received"], p.Received, DrillLink(DrillMeasure.Received), T["Admin.Dashboard.Count.Received.Definition"]),
            new(T["Admin.Dashboard.Count.Overdue"], p.Overdue, DrillLink(DrillMeasure.Overdue), T["Admin.Dashboard.Count.Overdue.Definition"]),
            new(T["Admin.Dashboard.Count.StillOpen"], p.StillOpen, DrillLink(DrillMeasure.StillOpen), T["Admin.Dashboard.Count.StillOpen.Definition"]),
            new(T["Admin.Dashboard.Count.Escalated"], p.Escalated, DrillLink(DrillMeasure.Escalated), T["Admin.Dashboard.Count.Escalated.Definition"]),
            new(T["Admin.Dashboard.Count.Major"], p.Major, DrillLink(DrillMeasure.Major), T["Admin.Dashboard.Count.Major.Definition"]),
            new(T["Admin.Dashboard.Count.Repeats"], p.RepeatComplaints, DrillLink(DrillMeasure.RepeatComplaints), T["Admin.Dashboard.Count.Repeats.Definition"]),
            new(T["Admin.Dashboard.Count.CallbacksFailed"], p.CallbacksFailed, DrillLink(DrillMeasure.CallbacksFailed), T["Admin.Dashboard.Count.CallbacksFailed.Definition"]),
        ];
    }

    private List<StepTime> BuildTimes()
    {
        var p = Data.Period;
        string Band(double? upperHours) => upperHours is { } h ? DurationBands.Label(T, Durations.BandOf(h)) : "—";
        string Within(double? upperHours) => upperHours is { } h ? DurationBands.UpperLimit(T, Durations.BandOf(h)) : "—";
        return
        [
            new(T["Admin.Dashboard.Time.Acknowledge"], Band(p.AcknowledgeMedianHours), Within(p.AcknowledgeP90Hours), Data.AcknowledgeBands.Sum(),
                DrillLink(DrillMeasure.Acknowledged), T["Admin.Dashboard.Time.Acknowledge.Definition"]),
            new(T["Admin.Dashboard.Time.Close"], Band(p.CloseMedianHours), Within(p.CloseP90Hours), Data.CloseBands.Sum(),
                DrillLink(DrillMeasure.ClosedOfReceived), T["Admin.Dashboard.Time.Close.Definition"]),
        ];
    }

    /// <summary>How many cases reached the step in each duration band, from the shortest to the longest band with any; each bar opens its cases.</summary>
    private ChartSpec BandChart(string title, int[] bands, DrillMeasure drill, string file)
    {
        var first = Math.Max(0, Array.FindIndex(bands, n => n > 0));
        var shown = Enumerable.Range(first, Math.Max(1, Array.FindLastIndex(bands, n => n > 0) + 1 - first)).ToList();
        return new ChartSpec
        {
            Title = title, XTitle = T["Admin.Dashboard.Time.Band"],
            XLabels = [.. shown.Select(b => DurationBands.Label(T, b))],
            Series = [new(T["Admin.Dashboard.Time.Cases"], [.. shown.Select(b => (decimal?)bands[b])])],
            Links = [.. shown.Select(b => DrillLink(drill, extra: $"band={b}"))],
            Height = 260, FileName = $"{file}-{Scope}",
        };
    }

    private string MonthLabel(DateOnly m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// One bar chart per KPI over the trend months against its target, drawn on the server as SVG (no Plotly: five charts
    /// less for the browser to draw, issue #17); each month's figure in the table view opens that month's cases.
    /// </summary>
    private List<ChartSpec> BuildTrends()
    {
        var months = Data.Trend.Select(t => t.Month).ToList();
        ChartSpec TrendOf(Kpi kpi) => new ChartSpec
        {
            Title = T[$"Kpi.{kpi}"], Percent = true, XTitle = T["Admin.Dashboard.Month"],
            XLabels = [.. months.Select(MonthLabel)],
            Series = [new(T[$"Kpi.{kpi}"], [.. Data.Trend.Select(t => t.Figures.Of(kpi).Percent)])],
            TargetLine = new ChartTarget(KpiTargets.TargetOf(kpi), T["Admin.Dashboard.Chart.Target"]),
            Links = [.. months.Select(m => DrillLink(KpiDrillDown.MissedOf(kpi), m, m))],
            Height = 220, FileName = $"trend-{kpi}-{Scope}".ToLowerInvariant(),
        }.Svg();
        return [.. CaseAndCallbackKpis.Select(TrendOf)];
    }

    /// <summary>For file names: the estate id or "company".</summary>
    private string Scope => ShownEstateId?.ToString(CultureInfo.InvariantCulture) is { } id ? "estate-" + id : "company";

    private List<ChartSpec> BuildBreakdowns()
    {
        string Label(Breakdown b, int value) => value == Dim.None ? T["Admin.Dashboard.NotSet"] : b switch
        {
            Breakdown.Type => T[$"CaseType.{(CaseType)value}"],
            Breakdown.Category => T[$"CaseCategory.{(CaseCategory)value}"],
            Breakdown.Class => T[$"ComplaintClass.{(ComplaintClass)value}"],
            Breakdown.Channel => T[$"CaseChannel.{(CaseChannel)value}"],
            _ => value.ToString(CultureInfo.InvariantCulture),
        };
        string? Link(Breakdown b, int value) => value == Dim.None ? null : b switch
        {
            Breakdown.Type => DrillLink(DrillMeasure.Received, extra: $"type={(CaseType)value}"),
            Breakdown.Category => Filter.Category is null ? DrillLink(DrillMeasure.Received, extra: $"category={(CaseCategory)value}") : DrillLink(DrillMeasure.Received),
            Breakdown.Class => DrillLink(DrillMeasure.Received, extra: $"class={(ComplaintClass)value}"),
            Breakdown.Channel => DrillLink(DrillMeasure.Received, extra: $"channel={(CaseChannel)value}"),
            _ => null,
        };
        return [.. Enum.GetValues<Breakdown>().Select(b => new ChartSpec
        {
            Title = T[$"Admin.Dashboard.Breakdown.{b}"], XTitle = T[$"Admin.Dashboard.Breakdown.{b}.Column"],
            XLabels = [.. Data.Received[b].Select(r => Label(b, r.Value))],
            Series = [new(T["Admin.Dashboard.Count.Received"], [.. Data.Received[b].Select(r => (decimal?)r.Received)])],
            Links = [.. Data.Received[b].Select(r => Link(b, r.Value))],
            Height = 90 + 28 * Math.Max(1, Data.Received[b].Count), FileName = $"received-by-{b}-{Scope}".ToLowerInvariant(),
        })];
    }

    private async Task<Dictionary<int, string>> DepartmentNamesAsync(CancellationToken ct)
    {
        var wanted = Data.AttitudeByDepartment.Select(a => a.DepartmentId).ToList();
        return await Db.Departments.AsNoTracking().Where(d => wanted.Contains(d.Id))
            .Join(Db.Estates, d => d.EstateId, e => e.Id, (d, e) => new { d.Id, Name = ShownEstateId == null ? e.Code + " " + d.Name : d.Name })
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct);
    }

    /// <summary>Backlog by age, attitude by department and staff member, survey satisfaction per item.</summary>
    private async Task<List<ChartSpec>> BuildOtherChartsAsync(IReadOnlyList<(int Id, string Title, SurveyResult Result)> surveys, CancellationToken ct)
    {
        var charts = new List<ChartSpec>();
        string[] ages = [T["Admin.Dashboard.Age.Day"], T["Admin.Dashboard.Age.Days", 1, 3], T["Admin.Dashboard.Age.Days", 3, 7], T["Admin.Dashboard.Age.Days", 7, 30], T["Admin.Dashboard.Age.Older", 30]];
        charts.Add(new ChartSpec
        {
            Title = T["Admin.Dashboard.Backlog"], XTitle = T["Admin.Dashboard.Backlog.Age"], XLabels = ages,
            Series = [new(T["Admin.Dashboard.Backlog.Open"], [.. Data.Backlog.Select(n => (decimal?)n)])],
            Links = [.. ages.Select((_, i) => DrillLink(DrillMeasure.Backlog, Filter.First.AddMonths(-MaxMonths + 1), Filter.Last, $"age={i}"))],
            Height = 240, FileName = $"backlog-{Scope}",
        });

        charts.Add(BandChart(T["Admin.Dashboard.Time.Acknowledge"], Data.AcknowledgeBands, DrillMeasure.Acknowledged, "time-to-acknowledge"));
        charts.Add(BandChart(T["Admin.Dashboard.Time.Close"], Data.CloseBands, DrillMeasure.ClosedOfReceived, "time-to-close"));

        // Attitude: each bar opens the cases whose callbacks rated that department's (or staff member's) attitude.
        var departments = await DepartmentNamesAsync(ct);
        charts.Add(AttitudeChart(T["Admin.Dashboard.Attitude.Department"], T["Admin.Dashboard.Attitude.DepartmentColumn"],
            Data.AttitudeByDepartment.Select(a => (a.DepartmentId == Dim.None ? T["Admin.Dashboard.NotSet"].Value : departments.GetValueOrDefault(a.DepartmentId, "#" + a.DepartmentId), a.Attitude,
                a.DepartmentId == Dim.None ? null : DrillLink(DrillMeasure.AttitudeRated, extra: Filter.DepartmentId is null ? $"department={a.DepartmentId}" : null))).ToList(),
            "attitude-departments"));
        // Staff members belong to one estate: the company view lists departments only.
        if (ShownEstateId is not null)
        {
            var staffIds = Data.AttitudeByStaff.Select(a => a.StaffId).ToList();
            var staff = await Db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FullName, ct);
            charts.Add(AttitudeChart(T["Admin.Dashboard.Attitude.Staff"], T["Admin.Dashboard.Attitude.StaffColumn"],
                Data.AttitudeByStaff.Take(30).Select(a => (a.StaffId == Dim.None ? T["Admin.Dashboard.NotSet"].Value : staff.GetValueOrDefault(a.StaffId, "#" + a.StaffId), a.Attitude,
                    a.StaffId == Dim.None ? null : DrillLink(DrillMeasure.AttitudeRated, extra: $"staff={a.StaffId}"))).ToList(),
                "attitude-staff"));
        }

        if (surveys.Count > 0)
        {
            var items = surveys[0].Result.Items.Select(i => i.Item).ToList();
            charts.Add(new ChartSpec
            {
                Title = T["Admin.Dashboard.Survey"], Percent = true, XTitle = T["Admin.Dashboard.Survey.Item"],
                XLabels = [.. items.Select(i => T[$"SurveyItem.{i}"].Value)],
                Series = [.. surveys.Select(s => new ChartSeries(s.Title, [.. items.Select(i => s.Result.Items.FirstOrDefault(x => x.Item == i)?.Satisfaction.Percent)]))],
                TargetLine = new ChartTarget(KpiTargets.TargetOf(Kpi.SurveySatisfaction), T["Admin.Dashboard.Chart.Target"]),
                Links = [.. items.Select(_ => SurveyLink(surveys[0].Id))],
                Height = 110 + 34 * items.Count, FileName = $"survey-items-{Scope}",
            });
        }
        return charts;
    }

    private ChartSpec AttitudeChart(string title, string column, IReadOnlyList<(string Name, Ratio Attitude, string? Link)> rows, string file) => new()
    {
        Title = title, Percent = true, XTitle = column,
        XLabels = [.. rows.Select(r => $"{r.Name} ({r.Attitude.Denominator})")],
        Series = [new(T["Admin.Dashboard.Attitude.Satisfied"], [.. rows.Select(r => r.Attitude.Percent)])],
        Links = [.. rows.Select(r => r.Link)],
        Height = 90 + 28 * Math.Max(1, rows.Count), FileName = $"{file}-{Scope}",
    };

    /// <summary>Every number of the page as one table: tiles, counts, trends and breakdowns.</summary>
    protected ReportTable ExportTable(string title)
    {
        var rows = new List<object?[]>();
        foreach (var tile in Tiles)
            rows.Add([T[$"Kpi.{tile.Kpi}"].Value, PeriodLabel, tile.Figure.Numerator, tile.Figure.Denominator, tile.Figure.Percent, tile.Target]);
        foreach (var count in Counts.Where(c => c.Value is not null))
            rows.Add([count.Label, PeriodLabel, count.Value, null, null, null]);
        foreach (var time in Times)
        {
            rows.Add([$"{time.Label} · {T["Admin.Dashboard.Time.Median"]}", PeriodLabel, null, time.Measured, time.Median, null]);
            rows.Add([$"{time.Label} · {T["Admin.Dashboard.Time.Ninety"]}", PeriodLabel, null, time.Measured, time.Ninety, null]);
        }
        foreach (var chart in Trends.Concat(Breakdowns).Concat(Other))
            for (var i = 0; i < chart.XLabels.Count; i++)
                foreach (var series in chart.Series)
                    rows.Add([$"{chart.Title} · {series.Name}", chart.XLabels[i], null, null, i < series.Values.Count ? series.Values[i] : null, chart.TargetLine?.Value]);
        rows.AddRange(ExtraExportRows());
        return new ReportTable(title, [T["Admin.Dashboard.Export.Measure"], T["Admin.Dashboard.Export.Period"], T["Admin.Dashboard.Export.Numerator"],
            T["Admin.Dashboard.Export.Denominator"], T["Admin.Dashboard.Export.Value"], T["Admin.Dashboard.Export.Target"]], rows);
    }

    /// <summary>Rows a page adds to the export (the company's ranking).</summary>
    protected virtual IEnumerable<object?[]> ExtraExportRows() => [];

    protected IActionResult Export(string format, string title, string fileName) => format == "xlsx"
        ? File(ExportTable(title).ToXlsx(PeriodLabel), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName + ".xlsx")
        : File(ExportTable(title).ToCsv(), "text/csv; charset=utf-8", fileName + ".csv");

    protected static Task<TimeZoneInfo> ZoneOfAsync(OwnerPortalDbContext db, int? estateId, CancellationToken ct) =>
        estateId is { } id ? EstateTime.ZoneAsync(db, id, ct) : CompanyZoneAsync(db, ct);

    private static async Task<TimeZoneInfo> CompanyZoneAsync(OwnerPortalDbContext db, CancellationToken ct)
    {
        var zone = await db.CompanySettings.AsNoTracking().Select(s => s.TimeZone).FirstOrDefaultAsync(ct) ?? EstateTimeZones.Fallback;
        return TimeZoneInfo.FindSystemTimeZoneById(zone);
    }
}
