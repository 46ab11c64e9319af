using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>What the dashboards show: a range of whole months (estate-local), optionally one category or department.</summary>
public sealed record DashboardFilter(DateOnly First, DateOnly Last, CaseCategory? Category = null, int? DepartmentId = null)
{
    public bool Narrowed => Category is not null || DepartmentId is not null;
    public IEnumerable<DateOnly> Months()
    {
        for (var m = First; m <= Last; m = m.AddMonths(1)) yield return m;
    }
}

public enum Breakdown { Type, Category, Class, Channel }

/// <summary>The figures of a range of months, from summed cells (SPEC 7 definitions, as the cells were measured).</summary>
public sealed record KpiFigures(
    Ratio FeedbackTimeliness, Ratio ResponseWithinWorkingDay, Ratio HandlingTimeliness, Ratio VerificationPassRate,
    Ratio ComplaintClosureRate, Ratio FirstTimeFix, Ratio CallbackRate, Ratio CallbackSatisfaction, Ratio Attitude,
    int Received, int Complaints, int StillOpen, int Overdue, int Escalated, int Major, int RepeatComplaints,
    int CallbacksDone, int CallbacksFailed,
    double? AcknowledgeMedianHours, double? AcknowledgeP90Hours, double? CloseMedianHours, double? CloseP90Hours)
{
    public Ratio Of(Kpi kpi) => kpi switch
    {
        Kpi.FeedbackTimeliness => FeedbackTimeliness,
        Kpi.ResponseWithinWorkingDay => ResponseWithinWorkingDay,
        Kpi.CallbackRate => CallbackRate,
        Kpi.CallbackSatisfaction => CallbackSatisfaction,
        Kpi.ComplaintClosureRate => ComplaintClosureRate,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), "survey satisfaction comes from the survey results"),
    };
}

/// <summary>Cells summed by month; figures for any range of those months.</summary>
public sealed class KpiSums
{
    private readonly Dictionary<DateOnly, int[]> _cases = [];
    private readonly Dictionary<DateOnly, int[]> _callbacks = [];

    public static KpiSums Of(IEnumerable<CaseCell> cases, IEnumerable<CallbackCell> callbacks)
    {
        var sums = new KpiSums();
        foreach (var c in cases) AddInto(sums._cases, c.Month, c.Counts, CaseSlot.Length);
        foreach (var c in callbacks) AddInto(sums._callbacks, c.Month, c.Counts, CallbackSlot.Length);
        return sums;
    }

    private static void AddInto(Dictionary<DateOnly, int[]> sums, DateOnly month, int[] counts, int length)
    {
        if (!sums.TryGetValue(month, out var s)) sums[month] = s = new int[length];
        for (var i = 0; i < counts.Length && i < length; i++) s[i] += counts[i];
    }

    /// <summary>Open cases by age now (every month received), buckets of <see cref="Durations.AgeDays"/>.</summary>
    public int[] Backlog()
    {
        var ages = new int[Durations.AgeDays.Length + 1];
        foreach (var s in _cases.Values)
            for (var i = 0; i < ages.Length; i++) ages[i] += s[CaseSlot.OpenByAge + i];
        return ages;
    }

    /// <summary>Durations by band (<see cref="Durations.Hours"/>) of the cases received in the months: from <see cref="CaseSlot.AcknowledgeHours"/> or <see cref="CaseSlot.CloseHours"/>.</summary>
    public int[] Bands(DateOnly first, DateOnly last, int firstSlot)
    {
        var bands = new int[Durations.HourBuckets];
        foreach (var (month, s) in _cases)
            if (month >= first && month <= last)
                for (var i = 0; i < bands.Length; i++) bands[i] += s[firstSlot + i];
        return bands;
    }

    public KpiFigures Figures(DateOnly first, DateOnly last)
    {
        var c = new int[CaseSlot.Length];
        var b = new int[CallbackSlot.Length];
        long closed = 0;
        foreach (var (month, s) in _cases)
        {
            if (month < first || month > last) continue;
            for (var i = 0; i < c.Length; i++) c[i] += s[i];
            // Closure: complaints received this month that were closed by the end of the range.
            var monthsLeft = (last.Year - month.Year) * 12 + last.Month - month.Month;
            for (var k = 0; k <= Math.Min(monthsLeft, CaseSlot.ClosedAfterMonthsSlots - 1); k++) closed += s[CaseSlot.ClosedAfterMonths + k];
        }
        foreach (var (month, s) in _callbacks)
        {
            if (month < first || month > last) continue;
            for (var i = 0; i < b.Length; i++) b[i] += s[i];
        }
        var ack = c.AsSpan(CaseSlot.AcknowledgeHours, Durations.HourBuckets);
        var close = c.AsSpan(CaseSlot.CloseHours, Durations.HourBuckets);
        return new KpiFigures(
            new Ratio(c[CaseSlot.FeedbackOnTime], c[CaseSlot.FeedbackDue]),
            new Ratio(c[CaseSlot.ResponseOnTime], c[CaseSlot.ResponseDue]),
            new Ratio(c[CaseSlot.HandlingOnTime], c[CaseSlot.HandlingDue]),
            new Ratio(c[CaseSlot.VerifiedFirstTime], c[CaseSlot.Verified]),
            new Ratio(closed, c[CaseSlot.Complaints]),
            new Ratio(c[CaseSlot.ClosedFirstTime], c[CaseSlot.Closed]),
            new Ratio(b[CallbackSlot.RateOnTime], b[CallbackSlot.RateDue]),
            new Ratio(b[CallbackSlot.Satisfied], b[CallbackSlot.Rated]),
            new Ratio(b[CallbackSlot.AttitudeSatisfied], b[CallbackSlot.AttitudeRated]),
            c[CaseSlot.Received], c[CaseSlot.Complaints], c[CaseSlot.Open], c[CaseSlot.Overdue], c[CaseSlot.Escalated], c[CaseSlot.Major],
            c[CaseSlot.RepeatComplaints], b[CallbackSlot.Done], b[CallbackSlot.Failed],
            Durations.Quantile(ack, 0.5), Durations.Quantile(ack, 0.9), Durations.Quantile(close, 0.5), Durations.Quantile(close, 0.9));
    }
}

/// <summary>
/// One dashboard's data: an estate's, or the company's (every estate summed). <c>AsOf</c>: when the estate's cells were
/// last computed (the company: the latest of any estate); they are recomputed within a pass of any change.
/// </summary>
public sealed record Dashboard(
    KpiFigures Period,
    IReadOnlyList<(DateOnly Month, KpiFigures Figures)> Trend,
    int[] Backlog,
    IReadOnlyDictionary<Breakdown, IReadOnlyList<(int Value, int Received)>> Received,
    IReadOnlyList<(int DepartmentId, Ratio Attitude)> AttitudeByDepartment,
    IReadOnlyList<(int StaffId, Ratio Attitude)> AttitudeByStaff,
    int[] AcknowledgeBands,
    int[] CloseBands,
    DateTimeOffset? AsOf);

/// <summary>
/// One estate's figures in the company view: the ranked KPIs and overdue count of the period (the ranking sums only
/// those) and each month of the trend (no duration quantiles).
/// </summary>
public sealed record EstateFigures(int EstateId, KpiFigures Period, IReadOnlyList<(DateOnly Month, KpiFigures Figures)> Trend);

/// <summary>
/// Reads the dashboards from the KPI cells (<see cref="KpiRollups"/>), never from the cases: an estate reads its own
/// cells, the company its summed cells (estate 0) and each estate's totals.
/// </summary>
public sealed class DashboardData([FromKeyedServices(StaleReads.Key)] OwnerPortalDbContext db, IMemoryCache? cache = null)
{
    /// <summary>How long the survey results of a closed round are reused (late paper forms show after this).</summary>
    public static readonly TimeSpan SurveyCacheTime = TimeSpan.FromMinutes(10);
    /// <summary>Months of trend shown before and including the range's last month.</summary>
    public const int TrendMonths = 12;
    /// <summary>Departments and staff members listed by attitude: the lowest this many.</summary>
    public const int AttitudeRows = 30;

    /// <summary>
    /// An estate's dashboard, or the company's (estate null). Tiles, trends and backlog read the totals (in all, or of the
    /// category; a department reads its fine cells); the breakdowns and attitude lists only the slots they need.
    /// </summary>
    public Task<Dashboard> LoadAsync(int? estateId, DashboardFilter filter, CancellationToken ct = default) =>
        estateId is null ? CompanyCachedAsync("dashboard", filter, () => ComputeAsync(null, filter, ct), noteUse: true, ct) : ComputeAsync(estateId, filter, ct);

    /// <summary>How long a company figure is kept at most (it is replaced as soon as any estate is recomputed).</summary>
    public static readonly TimeSpan CompanyCacheTime = TimeSpan.FromMinutes(2);
    /// <summary>The company filters read within this time are prepared after each refresher pass, at most <see cref="MaxPrepared"/>.</summary>
    public static readonly TimeSpan PreparedFor = TimeSpan.FromMinutes(10);
    public const int MaxPrepared = 8;
    private static readonly object RecentFiltersKey = new();

    /// <summary>The company filters read lately and when (shared through the cache by every reader of this process).</summary>
    private ConcurrentDictionary<DashboardFilter, DateTimeOffset>? RecentCompanyFilters =>
        cache?.GetOrCreate(RecentFiltersKey, _ => new ConcurrentDictionary<DashboardFilter, DateTimeOffset>());

    /// <summary>
    /// After the refresher recomputed estates: the company figures of the filters read lately, computed now under the
    /// new version so that the next reader finds them rather than computing them itself. Returns how many filters.
    /// </summary>
    public async Task<int> PrepareCompanyAsync(CancellationToken ct = default)
    {
        if (RecentCompanyFilters is not { } recent) return 0;
        var since = DateTimeOffset.UtcNow - PreparedFor;
        var prepared = 0;
        foreach (var (filter, readAt) in recent.OrderByDescending(f => f.Value).ToList())
        {
            if (readAt < since) { recent.TryRemove(filter, out _); continue; }
            if (prepared == MaxPrepared) break;
            await CompanyCachedAsync("dashboard", filter, () => ComputeAsync(null, filter, ct), noteUse: false, ct);
            await CompanyCachedAsync("estates", filter, () => ComputeEstatesAsync(filter, ct), noteUse: false, ct);
            prepared++;
        }
        return prepared;
    }

    /// <summary>
    /// The company's figures sum every estate's cells, which change only when the refresher recomputes estates: they
    /// are reused until a pass that did ends (<see cref="KpiRollups"/> then updates the company's kpi_refresh row). The
    /// version is that row's transaction id (xmin), which every such pass changes whatever its clock said, and which
    /// reads the same on a standby.
    /// </summary>
    private async Task<T> CompanyCachedAsync<T>(string what, DashboardFilter filter, Func<Task<T>> load, bool noteUse, CancellationToken ct) where T : class
    {
        if (cache is null) return await load();
        if (noteUse && !db.Visibility.Restricted) RecentCompanyFilters![filter] = DateTimeOffset.UtcNow;
        var version = await db.Database.SqlQuery<long?>($"SELECT xmin::text::bigint AS \"Value\" FROM kpi_refresh WHERE estate_id = {Dim.Company}").SingleOrDefaultAsync(ct);
        var key = (typeof(DashboardData), what, filter, version, db.Visibility);
        if (cache.TryGetValue(key, out T? hit) && hit is not null) return hit;
        var value = await load(); // read after the version: at least as new as the key says
        cache.Set(key, value, CompanyCacheTime);
        return value;
    }

    private async Task<Dashboard> ComputeAsync(int? estateId, DashboardFilter filter, CancellationToken ct)
    {
        var scope = estateId ?? Dim.Company;
        var category = filter.Category is { } k ? (int)k : Dim.All;
        var trendFrom = filter.First.AddMonths(1 - TrendMonths);
        var caseCells = db.CaseCells.AsNoTracking().Where(c => c.EstateId == scope);
        var callbackCells = db.CallbackCells.AsNoTracking().Where(c => c.EstateId == scope && c.Month >= trendFrom && c.Month <= filter.Last);
        if (filter.DepartmentId is { } department)
        {
            caseCells = caseCells.Where(c => c.Type != Dim.All && c.DepartmentId == department && (category == Dim.All || c.Category == category));
            callbackCells = callbackCells.Where(c => c.DepartmentId == department && (category == Dim.All || c.Category == category));
        }
        else
        {
            caseCells = caseCells.Where(c => c.Type == Dim.All && c.Category == category);
            callbackCells = callbackCells.Where(c => c.DepartmentId == Dim.All && c.StaffId == Dim.All && c.Category == category);
        }
        // Every month: the backlog is of all open cases, whenever received.
        var sums = KpiSums.Of(await caseCells.ToListAsync(ct), await callbackCells.ToListAsync(ct));

        var fine = db.CaseCells.AsNoTracking().Where(c => c.EstateId == scope && c.Type != Dim.All && c.Month >= filter.First && c.Month <= filter.Last);
        if (filter.Category is not null) fine = fine.Where(c => c.Category == category);
        if (filter.DepartmentId is { } d) fine = fine.Where(c => c.DepartmentId == d);
        var received = await fine.Select(c => new { c.Type, c.Category, c.Class, c.Channel, Received = c.Counts[CaseSlot.Received] }).ToListAsync(ct);
        IReadOnlyList<(int, int)> By(Func<(int Type, int Category, int Class, int Channel), int> dim) =>
            received.GroupBy(c => dim((c.Type, c.Category, c.Class, c.Channel))).Select(g => (g.Key, g.Sum(c => c.Received)))
                .Where(g => g.Item2 > 0).OrderByDescending(g => g.Item2).ToList();
        var breakdowns = new Dictionary<Breakdown, IReadOnlyList<(int, int)>>
        {
            [Breakdown.Type] = By(c => c.Type),
            [Breakdown.Category] = By(c => c.Category),
            [Breakdown.Class] = By(c => c.Class),
            [Breakdown.Channel] = By(c => c.Channel),
        };

        var rated = db.CallbackCells.AsNoTracking().Where(c => c.EstateId == scope && c.DepartmentId != Dim.All && c.Month >= filter.First && c.Month <= filter.Last);
        if (filter.Category is not null) rated = rated.Where(c => c.Category == category);
        if (filter.DepartmentId is { } dd) rated = rated.Where(c => c.DepartmentId == dd);
        // The lowest-rated departments and staff members, grouped, ordered and cut by the database (the company has a
        // cell per department of every estate: thousands of rows for thirty).
        async Task<IReadOnlyList<(int, Ratio)>> LowestAsync(Expression<Func<CallbackCell, int>> dim)
        {
            var rows = await rated.GroupBy(dim)
                .Select(g => new { Key = g.Key, Satisfied = g.Sum(c => c.Counts[CallbackSlot.AttitudeSatisfied]), Rated = g.Sum(c => c.Counts[CallbackSlot.AttitudeRated]) })
                .Where(g => g.Key != Dim.All && g.Rated > 0)
                .OrderBy(g => (decimal)g.Satisfied / g.Rated).ThenByDescending(g => g.Rated).ThenBy(g => g.Key)
                .Take(AttitudeRows).ToListAsync(ct);
            return rows.Select(r => (r.Key, new Ratio(r.Satisfied, r.Rated))).ToList();
        }
        var byDepartment = await LowestAsync(c => c.DepartmentId);
        var byStaff = await LowestAsync(c => c.StaffId);

        var asOf = estateId is { } id
            ? await db.KpiRefreshes.AsNoTracking().Where(r => r.EstateId == id).Select(r => (DateTimeOffset?)r.RefreshedAt).FirstOrDefaultAsync(ct)
            : await db.KpiRefreshes.AsNoTracking().MaxAsync(r => (DateTimeOffset?)r.RefreshedAt, ct);
        return new Dashboard(sums.Figures(filter.First, filter.Last), Trend(sums, filter), sums.Backlog(), breakdowns,
            byDepartment, byStaff,
            sums.Bands(filter.First, filter.Last, CaseSlot.AcknowledgeHours), sums.Bands(filter.First, filter.Last, CaseSlot.CloseHours), asOf);
    }

    /// <summary>Every estate's figures for the range (company view: the ranking), from its totals unless a department narrows it.</summary>
    public Task<IReadOnlyList<EstateFigures>> EstatesAsync(DashboardFilter filter, CancellationToken ct = default) =>
        CompanyCachedAsync("estates", filter, () => ComputeEstatesAsync(filter, ct), noteUse: true, ct);

    private async Task<IReadOnlyList<EstateFigures>> ComputeEstatesAsync(DashboardFilter filter, CancellationToken ct)
    {
        if (filter.DepartmentId is not null)
            return (await EstateSumsAsync(filter, filter.First, null, ct)).Select(e => new EstateFigures(e.Key, e.Value.Figures(filter.First, filter.Last), [])).ToList();

        // One row per estate, summed by the database over the range's months: the rate slots, and in the first
        // "closed after months" slot the complaints closed by the range's end (as KpiSums counts them), placed in the
        // range's last month so that KpiSums reads exactly that.
        // Only the slots the ranking shows are summed (PostgreSQL arrays count from 1; a cell's months to the range's
        // end: (last - month) in months); the others stay 0.
        int[] ranked = [CaseSlot.FeedbackDue, CaseSlot.FeedbackOnTime, CaseSlot.ResponseDue, CaseSlot.ResponseOnTime, CaseSlot.Complaints, CaseSlot.Overdue];
        var sums = string.Join(", ", Enumerable.Range(0, CaseSlot.ClosedAfterMonths).Select(i => ranked.Contains(i) ? $"sum(counts[{i + 1}])::int" : "0"));
        var monthsLeft = "((date_part('year', {1}::date) - date_part('year', month)) * 12 + date_part('month', {1}::date) - date_part('month', month))";
        var closedByEnd = string.Join(" + ", Enumerable.Range(0, CaseSlot.ClosedAfterMonthsSlots)
            .Select(k => $"CASE WHEN {monthsLeft} >= {k} THEN counts[{CaseSlot.ClosedAfterMonths + 1 + k}] ELSE 0 END"));
        var sql = $$"""
            SELECT estate_id, {1}::date AS month, -1 AS type, category, -1 AS class, -1 AS channel, -1 AS department_id,
                   ARRAY[{{sums}}, sum({{closedByEnd}})::int] AS counts
            FROM kpi_case_cells
            WHERE estate_id <> {{Dim.Company}} AND type = {{Dim.All}} AND category = {2} AND month >= {0}::date AND month <= {1}::date
            GROUP BY estate_id, category
            """;
        var category = filter.Category is { } k ? (int)k : Dim.All;
        var cases = (await db.CaseCells.FromSqlRaw(sql, filter.First, filter.Last, category).AsNoTracking()
                .Select(c => new { c.EstateId, Counts = string.Join(",", c.Counts) }).ToListAsync(ct))
            .ToDictionary(c => c.EstateId, c => new CaseCell { EstateId = c.EstateId, Month = filter.Last, Counts = ParseCounts(c.Counts) });
        var callbackSums = string.Join(", ", Enumerable.Range(1, CallbackSlot.Length).Select(i => $"sum(counts[{i}])::int"));
        var callbackSql = $$"""
            SELECT estate_id, {1}::date AS month, category, -1 AS department_id, -1 AS staff_id, ARRAY[{{callbackSums}}] AS counts
            FROM kpi_callback_cells
            WHERE estate_id <> {{Dim.Company}} AND department_id = {{Dim.All}} AND staff_id = {{Dim.All}} AND category = {2} AND month >= {0}::date AND month <= {1}::date
            GROUP BY estate_id, category
            """;
        var callbacks = (await db.CallbackCells.FromSqlRaw(callbackSql, filter.First, filter.Last, category).AsNoTracking().ToListAsync(ct)).ToLookup(c => c.EstateId);
        return cases.Keys.Union(callbacks.Select(g => g.Key)).Order().Select(id =>
            new EstateFigures(id, KpiSums.Of(cases.TryGetValue(id, out var cell) ? [cell] : [], callbacks[id]).Figures(filter.First, filter.Last), [])).ToList();
    }

    /// <summary>The trend months of some estates (company view: the small multiples of one page of the ranking).</summary>
    public async Task<IReadOnlyList<EstateFigures>> EstateTrendsAsync(IReadOnlyCollection<int> estateIds, DashboardFilter filter, CancellationToken ct = default) =>
        estateIds.Count == 0 ? [] : (await EstateSumsAsync(filter, filter.First.AddMonths(1 - TrendMonths), estateIds, ct))
        .Select(e => new EstateFigures(e.Key, e.Value.Figures(filter.First, filter.Last), Trend(e.Value, filter))).ToList();

    private async Task<Dictionary<int, KpiSums>> EstateSumsAsync(DashboardFilter filter, DateOnly from, IReadOnlyCollection<int>? estateIds, CancellationToken ct)
    {
        // Rankings and small trends need the rates and counts, not the duration and age histograms: read the slots
        // before them only (a third of each cell).
        var caseCells = db.CaseCells.FromSqlRaw($"SELECT estate_id, month, type, category, class, channel, department_id, counts[1:{CaseSlot.OpenByAge}] AS counts FROM kpi_case_cells")
            .AsNoTracking().Where(c => c.EstateId != Dim.Company && c.Month >= from && c.Month <= filter.Last);
        var callbackCells = db.CallbackCells.AsNoTracking().Where(c => c.EstateId != Dim.Company && c.Month >= from && c.Month <= filter.Last);
        if (estateIds is not null)
        {
            caseCells = caseCells.Where(c => estateIds.Contains(c.EstateId));
            callbackCells = callbackCells.Where(c => estateIds.Contains(c.EstateId));
        }
        // The estates' totals, in all or of one category; a department narrows to the fine cells.
        var category = filter.Category is { } k ? (int)k : Dim.All;
        if (filter.DepartmentId is { } department)
        {
            caseCells = caseCells.Where(c => c.Type != Dim.All && c.DepartmentId == department && (category == Dim.All || c.Category == category));
            callbackCells = callbackCells.Where(c => c.DepartmentId == department && (category == Dim.All || c.Category == category));
        }
        else
        {
            caseCells = caseCells.Where(c => c.Type == Dim.All && c.Category == category);
            callbackCells = callbackCells.Where(c => c.DepartmentId == Dim.All && c.StaffId == Dim.All && c.Category == category);
        }
        // Npgsql reads int arrays slowly (~0.2 µs a number); the same numbers as text read three times faster.
        var cases = (await caseCells.Select(c => new { c.EstateId, c.Month, Counts = string.Join(",", c.Counts) }).ToListAsync(ct))
            .Select(c => new CaseCell { EstateId = c.EstateId, Month = c.Month, Counts = ParseCounts(c.Counts) })
            .ToLookup(c => c.EstateId);
        var callbacks = (await callbackCells.ToListAsync(ct)).ToLookup(c => c.EstateId);
        return cases.Select(g => g.Key).Union(callbacks.Select(g => g.Key)).ToDictionary(id => id, id => KpiSums.Of(cases[id], callbacks[id]));
    }

    /// <summary>
    /// The latest two survey rounds of the estate (or every estate) closed by <paramref name="lastDay"/> and already
    /// closed <paramref name="today"/> (a round still taking answers is no result yet, issue #18), newest first.
    /// A closed round's results barely change, and company-wide they read every estate's answers: they are reused for
    /// <see cref="SurveyCacheTime"/>.
    /// </summary>
    public async Task<IReadOnlyList<(int Id, string Title, SurveyResult Result)>> LatestSurveysAsync(int? estateId, DateOnly lastDay, DateOnly today, CancellationToken ct = default)
    {
        var rounds = db.SurveyRounds.AsNoTracking().Where(r => r.ClosesOn <= lastDay && r.ClosesOn < today);
        if (estateId is { } estate) rounds = rounds.Where(r => r.Estates.Any(e => e.EstateId == estate));
        var latest = await rounds.OrderByDescending(r => r.ClosesOn).Take(2).Select(r => new { r.Id, r.Title }).ToListAsync(ct);
        var results = new List<(int, string, SurveyResult)>();
        foreach (var r in latest)
        {
            var key = (nameof(LatestSurveysAsync), r.Id, estateId, db.Visibility);
            if (cache?.TryGetValue(key, out SurveyResult? cached) != true || cached is null)
            {
                cached = await SurveyReport.CalculateAsync(db, r.Id, estateId, ct);
                cache?.Set(key, cached, SurveyCacheTime);
            }
            results.Add((r.Id, r.Title, cached));
        }
        return results;
    }

    /// <summary>
    /// Each estate's survey satisfaction in the company ranking: the survey tile's figure (the latest round closed by
    /// <paramref name="lastDay"/> and already closed <paramref name="today"/>, see <see cref="LatestSurveysAsync"/>), read
    /// from the survey cells the refresher keeps (<see cref="SurveyCells"/>), one row per estate.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, (int RoundId, Ratio Overall)>> EstateSurveysAsync(DateOnly lastDay, DateOnly today, CancellationToken ct = default)
    {
        var rows = await db.SurveyCells.FromSqlInterpolated($"""
                SELECT DISTINCT ON (c.estate_id) c.estate_id, c.round_id, c.satisfied, c.answered, c.returned
                FROM kpi_survey_cells c JOIN survey_rounds r ON r.id = c.round_id
                WHERE r.closes_on <= {lastDay} AND r.closes_on < {today}
                ORDER BY c.estate_id, r.closes_on DESC, r.id DESC
                """).AsNoTracking().ToListAsync(ct);
        return rows.ToDictionary(c => c.EstateId, c => (c.RoundId, c.Overall));
    }

    /// <summary>An estate's complaints and repeat complaints per category over a range of months, from its category totals.</summary>
    public async Task<IReadOnlyList<(int Category, int Repeats, int Complaints)>> CategoryTotalsAsync(int estateId, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var cells = await db.CaseCells.AsNoTracking()
            .Where(c => c.EstateId == estateId && c.Type == Dim.All && c.Category != Dim.All && c.Month >= first && c.Month <= last)
            .Select(c => new { c.Category, Repeats = c.Counts[CaseSlot.RepeatComplaints], Complaints = c.Counts[CaseSlot.Complaints] }).ToListAsync(ct);
        return cells.GroupBy(c => c.Category).Select(g => (g.Key, g.Sum(c => c.Repeats), g.Sum(c => c.Complaints))).ToList();
    }

    /// <summary>"12,0,-3": PostgreSQL's array_to_string of the counts.</summary>
    private static int[] ParseCounts(string text)
    {
        var counts = new int[text.Count(ch => ch == ',') + 1];
        var (i, sign) = (0, 1);
        foreach (var ch in text)
        {
            if (ch == ',') { counts[i++] *= sign; sign = 1; }
            else if (ch == '-') sign = -1;
            else counts[i] = counts[i] * 10 + (ch - '0');
        }
        counts[i] *= sign;
        return counts;
    }

    private static List<(DateOnly, KpiFigures)> Trend(KpiSums sums, DashboardFilter filter) =>
        Enumerable.Range(0, TrendMonths).Select(i => filter.Last.AddMonths(i + 1 - TrendMonths)).Select(m => (m, sums.Figures(m, m))).ToList();
}
