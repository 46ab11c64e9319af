using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Cases;

/// <summary>How a signed-in owner stands to a case.</summary>
public enum OwnerStanding
{
    /// <summary>Not theirs: the case is not found for them.</summary>
    None,
    /// <summary>Joined a public-area case of their estate ("me too").</summary>
    Follower,
    /// <summary>Linked now to the case's unit: the reporter and the people of their flat.</summary>
    Household,
}

/// <summary>What an owner may do with a case, beyond the workflow's "is this step possible now".</summary>
public enum OwnerRight
{
    ReadPublicTimeline, Comment, Withdraw, ConfirmResolved, Reopen, Escalate, DecideWorkOrders, AnswerCallback,
    /// <summary>See other owners' names (timeline actors); staff names are always shown.</summary>
    SeeOwnerNames,
}

/// <summary>
/// The one place that decides what an owner may do to a case (issue #15): the reporter's household decides about it
/// (withdraw, confirm, reopen, escalate, quotes, callbacks); an owner who joined a public-area case reads its public
/// timeline and adds comments, and never sees who the reporter is. Every Portal handler that touches a case asks here.
/// </summary>
public static class OwnerCaseRights
{
    private static readonly IReadOnlySet<OwnerRight> FollowerRights = new HashSet<OwnerRight> { OwnerRight.ReadPublicTimeline, OwnerRight.Comment };

    public static bool May(OwnerStanding standing, OwnerRight right) => standing switch
    {
        OwnerStanding.Household => true,
        OwnerStanding.Follower => FollowerRights.Contains(right),
        _ => false,
    };

    /// <summary>The right an owner's workflow action needs; actions owners never take need one no owner has.</summary>
    public static OwnerRight? RightFor(CaseAction action) => action switch
    {
        CaseAction.Comment => OwnerRight.Comment,
        CaseAction.Withdraw => OwnerRight.Withdraw,
        CaseAction.ConfirmResolved => OwnerRight.ConfirmResolved,
        CaseAction.Reopen => OwnerRight.Reopen,
        CaseAction.Escalate => OwnerRight.Escalate,
        _ => null,
    };

    /// <summary>The workflow steps this owner may take on the case now (buttons shown, and posts accepted).</summary>
    public static IReadOnlyList<CaseAction> AllowedActions(Case c, OwnerStanding standing, int personId) =>
        CaseWorkflow.AllowedActions(c.Status, new Actor(ActorKind.Owner, "", PersonId: personId))
            .Where(a => RightFor(a) is { } right && May(standing, right))
            .Where(a => a != CaseAction.Escalate || c.Type == CaseType.Complaint)
            .ToList();

    /// <summary>
    /// Whether an owner may join a case ("me too"): an open public-area case of the estate of the unit they act for,
    /// neither withdrawn nor handled, nor a test case.
    /// </summary>
    public static bool MayJoin(Case c, int ownersEstateId) =>
        c.Location == CaseLocation.PublicArea && c.PublicAreaId is not null && c.EstateId == ownersEstateId
        && c.Status < CaseStatus.Resolved && !c.IsTest;

    /// <summary>
    /// Whether the timeline shows the name of who made this entry to this owner: staff and the system always; an owner
    /// to themself, and to their household unless that owner only joined the case.
    /// </summary>
    public static bool ShowsActorName(CaseEvent e, int viewerPersonId, OwnerStanding standing, IReadOnlySet<int> followerIds) =>
        e.ActorKind != ActorKind.Owner
        || e.ActorPersonId == viewerPersonId
        || (May(standing, OwnerRight.SeeOwnerNames) && (e.ActorPersonId is not { } actor || !followerIds.Contains(actor)));

    /// <summary>How the owner stands to the case, in one query; None also for a case that does not exist or is a test.</summary>
    public static async Task<OwnerStanding> StandingAsync(OwnerPortalDbContext db, int personId, long caseId, CancellationToken ct = default)
    {
        var found = await db.Cases.Where(c => c.Id == caseId && !c.IsTest)
            .Select(c => new
            {
                Household = db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null && m.UnitId == c.UnitId),
                Follower = db.CaseFollowers.Any(f => f.PersonId == personId && f.CaseId == c.Id),
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? OwnerStanding.None : StandingOf(found.Household, found.Follower);
    }

    /// <summary>The standing from what a page has read itself (the same two facts as <see cref="StandingAsync"/>).</summary>
    public static OwnerStanding StandingOf(bool household, bool follower) =>
        household ? OwnerStanding.Household : follower ? OwnerStanding.Follower : OwnerStanding.None;
}
