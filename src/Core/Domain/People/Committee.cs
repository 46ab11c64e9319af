using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.People;

public enum CommitteeAddResult { Added, NotLinked, AlreadyMember }

/// <summary>Membership of an estate's owners' committee (业主委员会): who sits on it, from when, until when.</summary>
public static class Committee
{
    /// <summary>A membership counts until the day it ends: ended today means no longer a member today.</summary>
    public static bool IsCurrent(DateOnly from, DateOnly? until, DateOnly today) => from <= today && (until is null || until > today);

    /// <summary>
    /// Adds a person from today, if they are actively linked to a unit of the estate and not already a member. Saves.
    /// </summary>
    public static async Task<CommitteeAddResult> AddAsync(OwnerPortalDbContext db, int estateId, int personId, DateOnly today, CancellationToken ct = default)
    {
        var linked = await db.UnitMemberships.AnyAsync(m => m.PersonId == personId && m.RevokedAt == null
            && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == estateId), ct);
        if (!linked) return CommitteeAddResult.NotLinked;
        if (await db.CommitteeMemberships.AnyAsync(c => c.PersonId == personId && c.EstateId == estateId && (c.Until == null || c.Until > today), ct))
            return CommitteeAddResult.AlreadyMember;
        db.CommitteeMemberships.Add(new CommitteeMembership { PersonId = personId, EstateId = estateId, From = today });
        await db.SaveChangesAsync(ct);
        return CommitteeAddResult.Added;
    }

    /// <summary>Ends a current membership of the estate today. False when there is none with that id in scope. Saves.</summary>
    public static async Task<bool> EndAsync(OwnerPortalDbContext db, int estateId, int membershipId, DateOnly today, CancellationToken ct = default)
    {
        var membership = await db.CommitteeMemberships
            .SingleOrDefaultAsync(c => c.Id == membershipId && c.EstateId == estateId && (c.Until == null || c.Until > today), ct);
        if (membership is null) return false;
        // A membership that would only start later is simply ended before it began.
        membership.Until = membership.From > today ? membership.From : today;
        await db.SaveChangesAsync(ct);
        return true;
    }
}
