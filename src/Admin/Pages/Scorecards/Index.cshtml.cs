using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Scorecards;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Scorecards;

/// <summary>
/// The estate manager's view of the owners' committee scorecard (the same figures the committee reads in the Portal)
/// and the step that publishes a summary of it, with a note, to every owner of the estate.
/// </summary>
[Authorize(Policy = Policies.ScorecardPublish)]
public class IndexModel(OwnerPortalDbContext db, DashboardData data, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public const int MonthsOffered = 12;

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public string? Note { get; set; }
    [TempData] public string? StatusMessage { get; set; }
    public string? NoteError { get; private set; }

    public ScorecardFigures Figures { get; private set; } = null!;
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public IReadOnlyList<(DateOnly Month, DateTimeOffset PublishedAt)> History { get; private set; } = [];

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        // An estate manager belongs to one estate: the scorecard is that estate's.
        if (User.EstateIdOf() is not { } estate) return false;
        Zone = await EstateTime.ZoneAsync(db, estate, ct);
        var today = EstateTime.Today(clock, Zone);
        var latest = Scorecard.DefaultMonth(today);
        Months = Enumerable.Range(0, MonthsOffered).Select(i => latest.AddMonths(-i)).ToList();
        var shown = CalendarRange.ParseMonth(Month) is { } m && Months.Contains(m) ? m : latest;
        Month = MonthText(shown);
        Figures = await Scorecard.LoadAsync(db, data, estate, shown, today, ct);
        History = (await db.ScorecardSummaries.AsNoTracking().Where(s => s.EstateId == estate).OrderByDescending(s => s.PublishedAt).Take(24)
            .Select(s => new { s.Month, s.PublishedAt }).ToListAsync(ct)).Select(s => (s.Month, s.PublishedAt)).ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if ((Note?.Trim().Length ?? 0) > ScorecardSummary.MaxNoteLength)
        {
            NoteError = t["Admin.Scorecard.NoteTooLong", ScorecardSummary.MaxNoteLength];
            return Page();
        }
        await ScorecardSummary.PublishAsync(db, Figures, Note, User.StaffIdOf(), clock.GetUtcNow(), ct);
        StatusMessage = t["Admin.Scorecard.Published", MonthText(Figures.Month)];
        return RedirectToPage(new { Month });
    }

    public static string MonthText(DateOnly m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    public string Local(DateTimeOffset at) => LocalTime.Format(at, Zone);
}
