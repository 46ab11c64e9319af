using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Scorecards;

namespace OwnerPortal.Portal.Pages.Committee;

/// <summary>The scorecard summary the estate manager published to every owner of the estate; owners elsewhere get 404.</summary>
[Authorize(Policy = Policies.Owner)]
public class SummaryModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    public ScorecardSummary? Summary { get; private set; }
    public ScorecardFigures? Figures { get; private set; }
    public bool IsCommittee { get; private set; }
    public int EstateId { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(int estate, CancellationToken ct)
    {
        var standing = await ScorecardAccess.StandingAsync(db, User.PersonIdOf()!.Value, estate, clock, ct);
        if (!ScorecardAccess.May(standing, ScorecardRight.ReadPublishedSummary)) return NotFound();
        (EstateId, IsCommittee) = (estate, ScorecardAccess.May(standing, ScorecardRight.ReadScorecard));
        Zone = await OwnerPortal.Core.Domain.Estates.EstateTime.ZoneAsync(db, estate, ct);
        Summary = await ScorecardSummary.LatestAsync(db, estate, ct);
        Figures = Summary?.ReadFigures();
        return Page();
    }
}
