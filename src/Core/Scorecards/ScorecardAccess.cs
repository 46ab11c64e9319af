using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Core.Scorecards;

/// <summary>How an owner stands to an estate's scorecard.</summary>
public enum ScorecardStanding { OtherEstate, Owner, CommitteeMember }

public enum ScorecardRight { ReadScorecard, ReadPublishedSummary }

/// <summary>
/// Who may read what of an estate's committee scorecard (issue #18 item 13). Committee members of the estate read the
/// full scorecard and the published summary; other owners of the estate only the published summary; owners elsewhere
/// nothing (the estate's pages are simply not found). Publishing a summary is the estate manager's
/// (<see cref="Identity.Policies.ScorecardPublish"/>).
/// </summary>
public static class ScorecardAccess
{
    public static bool May(ScorecardStanding standing, ScorecardRight right) => (standing, right) switch
    {
        (ScorecardStanding.CommitteeMember, _) => true,
        (ScorecardStanding.Owner, ScorecardRight.ReadPublishedSummary) => true,
        _ => false,
    };

    /// <summary>
    /// The person's standing to the estate today: an owner or resident with an active link to one of its units, and
    /// among them a current member of its committee.
    /// </summary>
    public static async Task<ScorecardStanding> StandingAsync(OwnerPortalDbContext db, int personId, int estateId, TimeProvider clock, CancellationToken ct = default)
    {
        var linked = await db.UnitMemberships.AnyAsync(m => m.PersonId == personId && m.RevokedAt == null
            && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == estateId), ct);
        if (!linked) return ScorecardStanding.OtherEstate;
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, estateId, ct));
        return StandingOf(linked: true, await PublishedSurveys.IsCommitteeMemberAsync(db, personId, estateId, today, ct));
    }

    /// <summary>The standing from what a page has read itself: an active link to the estate, and a current committee seat.</summary>
    public static ScorecardStanding StandingOf(bool linked, bool committeeMember) =>
        !linked ? ScorecardStanding.OtherEstate : committeeMember ? ScorecardStanding.CommitteeMember : ScorecardStanding.Owner;
}
