using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Text;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Dashboards;

/// <summary>
/// The cases behind a dashboard number (issue #9): <see cref="KpiDrillDown"/> for a measure, months and optional
/// narrowing, newest received first, keyset-paged, with the full list as CSV. Estate staff are kept to their estate by
/// the DbContext's query filters; company-level staff may name an estate.
/// </summary>
[Authorize(Policy = Policies.Dashboards)]
public class CasesModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "measure")] public string? Measure { get; set; }
    [BindProperty(SupportsGet = true, Name = "from")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "estate")] public int? Estate { get; set; }
    [BindProperty(SupportsGet = true, Name = "category")] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "department")] public int? Department { get; set; }
    [BindProperty(SupportsGet = true, Name = "type")] public string? Type { get; set; }
    [BindProperty(SupportsGet = true, Name = "channel")] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true, Name = "class")] public string? Class { get; set; }
    /// <summary>Backlog only: the age bucket (0: under a day … 4: 30 days and more).</summary>
    [BindProperty(SupportsGet = true, Name = "age")] public int? Age { get; set; }
    /// <summary>Attitude only: the staff member whose work the callbacks rated.</summary>
    [BindProperty(SupportsGet = true, Name = "staff")] public int? Staff { get; set; }
    /// <summary>Times to acknowledge / close only: the duration band (<see cref="Core.Kpis.Rollups.Durations.Hours"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "band")] public int? Band { get; set; }
    [BindProperty(SupportsGet = true, Name = "after")] public string? After { get; set; }

    public sealed record Row(long Id, string Reference, string Estate, CaseType Type, CaseCategory? Category, CaseStatus Status,
        DateTime Received, DateTime? Deadline, string? Department);
    /// <summary>How the list writes times: in the case's estate's zone, to the minute.</summary>
    public const string TimeFormat = "yyyy-MM-dd HH:mm";

    public DrillProblem? Problem { get; private set; }
    public DrillMeasure Drill { get; private set; }
    public string Heading { get; private set; } = "";
    /// <summary>The narrowing filters in words ("Category: Facilities · Type: Complaint"), empty when none.</summary>
    public string Narrowing { get; private set; } = "";
    public int Count { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public string DashboardLink { get; private set; } = "/Dashboards/Estate";
    /// <summary>The link's parameters (without the page cursor), for the next page and the CSV.</summary>
    public Dictionary<string, string> LinkValues { get; } = [];
    /// <summary>Company-level staff see every estate, so the list says which.</summary>
    public bool ShowEstate => User.EstateIdOf() is null;

    private IQueryable<Case> _cases = Enumerable.Empty<Case>().AsQueryable();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private object[] _headingParts = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!await ResolveAsync(ct)) return;
        Count = await _cases.CountAsync(ct);
        var query = _cases;
        if (QueueCursor.Parse(After) is { DueTicks: { } ticks } cursor)
        {
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            query = query.Where(c => c.ReceivedAt < at || (c.ReceivedAt == at && c.Id < cursor.Id));
        }
        var rows = await RowsAsync(query, PageSize + 1, ct);
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            var last = rows[^1];
            NextCursor = QueueCursor.After(last.ReceivedAt, last.Row.Id).ToString();
        }
        Rows = rows.Select(r => r.Row).ToList();
        Heading = string.Format(CultureInfo.CurrentCulture, t[Count == 1 ? "Admin.DrillDown.HeadingOne" : "Admin.DrillDown.Heading"], [.. _headingParts, Count]);
    }

    /// <summary>The whole list as CSV, the same rows as the pages.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await ResolveAsync(ct)) return BadRequest(t[$"Admin.DrillDown.Problem.{Problem}"].Value);
        var rows = await RowsAsync(_cases, int.MaxValue, ct);
        var sheet = new List<IReadOnlyList<object?>>
        {
            new object?[] { t["Admin.Cases.Reference"].Value, t["Admin.Estate.Name"].Value, t["Cases.Field.Type"].Value, t["Cases.Field.Category"].Value,
                t["Cases.Filter.Status"].Value, t["Cases.Field.Received"].Value, t["Admin.Cases.Field.Deadline"].Value, t["Admin.Cases.Field.Department"].Value },
        };
        sheet.AddRange(rows.Select(x => x.Row).Select(r => (IReadOnlyList<object?>)new object?[]
        {
            r.Reference, r.Estate, t.Enum(r.Type), r.Category is { } c ? t.Enum(c) : "", t.Enum(r.Status),
            r.Received.ToString(TimeFormat, CultureInfo.InvariantCulture), r.Deadline?.ToString(TimeFormat, CultureInfo.InvariantCulture), r.Department,
        }));
        var name = string.Create(CultureInfo.InvariantCulture, $"cases-{Drill}-{From}-{To}.csv");
        return File(SheetWriters.Csv(sheet), "text/csv; charset=utf-8", name);
    }

    /// <summary>Reads the parameters into the list's query, its heading and narrowing; false (with a problem) when they cannot be read.</summary>
    private async Task<bool> ResolveAsync(CancellationToken ct)
    {
        if (!KpiDrillDown.TryParseFilter<DrillMeasure>(Measure, out var named) || named is not { } measure) return Fail(DrillProblem.UnknownMeasure);
        Drill = measure;
        if (!KpiDrillDown.TryParseFilter<CaseCategory>(Category, out var category) || !KpiDrillDown.TryParseFilter<CaseType>(Type, out var type)
            || !KpiDrillDown.TryParseFilter<CaseChannel>(Channel, out var channel) || !KpiDrillDown.TryParseFilter<ComplaintClass>(Class, out var cls))
            return Fail(DrillProblem.UnknownFilter);

        // Estate staff: their own estate, whatever the link says (the query filters would hide the rest anyway).
        var estateId = User.EstateIdOf() ?? Estate;
        string estateName = t["Admin.DrillDown.AllEstates"];
        if (estateId is { } id)
        {
            var name = await db.Estates.AsNoTracking().Where(e => e.Id == id).Select(e => e.Name).FirstOrDefaultAsync(ct);
            if (name is null) return Fail(DrillProblem.UnknownEstate);
            estateName = name;
            _zone = await EstateTime.ZoneAsync(db, id, ct);
            DashboardLink = $"/Dashboards/Estate?estateId={id}";
        }
        else
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(
                await db.CompanySettings.AsNoTracking().Select(s => s.TimeZone).FirstOrDefaultAsync(ct) ?? EstateTimeZones.Fallback);
        }
        var today = EstateTime.Today(clock, _zone);
        if (KpiDrillDown.ParseMonths(From, To, today.AddMonths(-1), out var first, out var last) is { } problem) return Fail(problem);
        (From, To) = (first.ToString("yyyy-MM", CultureInfo.InvariantCulture), last.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        if (estateId is not null) DashboardLink += $"&Month={To}";

        foreach (var (key, value) in new (string, object?)[]
                 { ("measure", measure), ("from", From), ("to", To), ("estate", estateId), ("category", category), ("department", Department), ("type", type), ("channel", channel), ("class", cls), ("age", Age), ("staff", Staff), ("band", Band) })
            if (value is not null) LinkValues[key] = Convert.ToString(value, CultureInfo.InvariantCulture)!;

        var narrowing = new DrillNarrowing(estateId, category, Department, type, channel, cls, Age, Staff, Band);
        _cases = KpiDrillDown.Filter(db, measure, KpiDrillDown.Months(first, last, _zone), clock.GetUtcNow(), narrowing).AsNoTracking();

        _headingParts = [t[$"Admin.DrillDown.Measure.{measure}"].Value, estateName,
            first == last ? From : string.Format(CultureInfo.CurrentCulture, t["Admin.DrillDown.Range"], From, To)];
        var parts = new List<string>();
        if (category is { } ca) parts.Add($"{t["Cases.Field.Category"]}: {t.Enum(ca)}");
        if (Department is { } d)
            parts.Add($"{t["Admin.Cases.Field.Department"]}: {await db.Departments.AsNoTracking().Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "#" + d.ToString(CultureInfo.InvariantCulture)}");
        if (type is { } ty) parts.Add($"{t["Cases.Field.Type"]}: {t.Enum(ty)}");
        if (channel is { } ch) parts.Add($"{t["Admin.DrillDown.Channel"]}: {t.Enum(ch)}");
        if (cls is { } cl) parts.Add($"{t["Admin.DrillDown.Class"]}: {t.Enum(cl)}");
        if (Staff is { } st)
            parts.Add($"{t["Admin.DrillDown.Staff"]}: {await db.Staff.AsNoTracking().Where(x => x.Id == st).Select(x => x.FullName).FirstOrDefaultAsync(ct) ?? "#" + st.ToString(CultureInfo.InvariantCulture)}");
        if (Band is { } b && b >= 0 && b <= Core.Kpis.Rollups.Durations.Hours.Length) parts.Add($"{t["Admin.Dashboard.Time.Band"]}: {Core.Kpis.Rollups.DurationBands.Label(t, b)}");
        Narrowing = string.Join(" · ", parts);
        return true;
    }

    private bool Fail(DrillProblem problem)
    {
        Problem = problem;
        return false;
    }

    private async Task<List<(Row Row, DateTimeOffset ReceivedAt)>> RowsAsync(IQueryable<Case> query, int take, CancellationToken ct)
    {
        var rows = await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(take)
            .Select(c => new
            {
                c.Id, c.Reference, c.EstateId, Estate = db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.Name).First(), c.Type, c.Category, c.Status,
                c.ReceivedAt, Deadline = c.RevisedDeadlineAt ?? c.DeadlineAt,
                Department = db.Departments.Where(x => x.Id == c.AssignedDepartmentId).Select(x => x.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var zones = await EstateTimeZones.LoadAsync(db, rows.Select(r => r.EstateId), ct);
        DateTime Local(DateTimeOffset at, int estate) => zones.GetValueOrDefault(estate, _zone).ToLocal(at);
        return rows.Select(r => (new Row(r.Id, r.Reference, r.Estate, r.Type, r.Category, r.Status, Local(r.ReceivedAt, r.EstateId),
            r.Deadline is { } d ? Local(d, r.EstateId) : null, r.Department), r.ReceivedAt)).ToList();
    }
}
