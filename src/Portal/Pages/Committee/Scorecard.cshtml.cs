using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Scorecards;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Portal.Pages.Committee;

/// <summary>
/// The owners' committee scorecard of an estate (issue #18 item 13): committee members read it; other owners of the
/// estate are sent to the published summary; owners elsewhere get 404 (<see cref="ScorecardAccess"/>).
/// </summary>
[Authorize(Policy = Policies.Owner)]
public class ScorecardModel(OwnerPortalDbContext db, DashboardData data, TimeProvider clock) : PageModel
{
    /// <summary>How many past months the month links offer.</summary>
    public const int MonthsOffered = 12;

    public ScorecardFigures Figures { get; private set; } = null!;
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public int EstateId { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(int estate, string? month, CancellationToken ct)
    {
        var standing = await ScorecardAccess.StandingAsync(db, User.PersonIdOf()!.Value, estate, clock, ct);
        if (!ScorecardAccess.May(standing, ScorecardRight.ReadPublishedSummary)) return NotFound();
        if (!ScorecardAccess.May(standing, ScorecardRight.ReadScorecard)) return RedirectToPage("/Committee/Summary", new { estate });

        EstateId = estate;
        Zone = await EstateTime.ZoneAsync(db, estate, ct);
        var today = EstateTime.Today(clock, Zone);
        var latest = Scorecard.DefaultMonth(today);
        Months = Enumerable.Range(0, MonthsOffered).Select(i => latest.AddMonths(-i)).ToList();
        // A month outside the offered ones (or not a month) shows the latest: typed input never reaches the queries.
        var shown = CalendarRange.ParseMonth(month) is { } m && Months.Contains(m) ? m : latest;
        Figures = await Scorecard.LoadAsync(db, data, estate, shown, today, ct);
        return Page();
    }

    public static string MonthText(DateOnly m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>What the figures partial draws: the full scorecard (trends, plan details) or a published summary.</summary>
public sealed record ScorecardView(ScorecardFigures Figures, bool Full, TimeZoneInfo Zone);
