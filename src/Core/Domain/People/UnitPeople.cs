using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.People;

public enum AddPersonResult { Added, AlreadyLinked }

/// <summary>The estate office's side of a unit's people: keying in someone without an account, revoking a link.</summary>
public static class UnitPeople
{
    /// <summary>
    /// Creates a person without a portal account and links them to the unit, unless someone with that mobile number
    /// is already actively linked to it. Saves. The caller has checked the unit is in the user's scope.
    /// </summary>
    public static async Task<(AddPersonResult Result, Person? Person)> AddWithoutAccountAsync(
        OwnerPortalDbContext db, int unitId, string fullName, string mobile, UnitRelation relation, DateTimeOffset now, CancellationToken ct = default)
    {
        var phone = mobile.Trim();
        if (await db.UnitMemberships.AnyAsync(m => m.UnitId == unitId && m.RevokedAt == null
                && db.People.Any(p => p.Id == m.PersonId && p.Phone == phone), ct))
            return (AddPersonResult.AlreadyLinked, null);
        // Person and link in one SaveChanges: under an estate scope a person without a link to the estate is invisible.
        var person = new Person { FullName = fullName.Trim(), Phone = phone, ActiveUnitId = unitId };
        person.Units.Add(new UnitMembership { UnitId = unitId, Relation = relation, Since = now });
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return (AddPersonResult.Added, person);
    }

    /// <summary>
    /// Ends an active link (kept, with when and by whom). A person who was acting for that unit in the Portal moves to
    /// their longest-held other active unit, or to none. Returns false when there is no such active link in scope.
    /// Saves.
    /// </summary>
    public static async Task<bool> RevokeAsync(OwnerPortalDbContext db, int membershipId, string revokedBy, DateTimeOffset now, CancellationToken ct = default)
    {
        var link = await db.UnitMemberships.SingleOrDefaultAsync(m => m.Id == membershipId && m.RevokedAt == null, ct);
        if (link is null) return false;
        link.RevokedAt = now;
        link.RevokedBy = revokedBy.Length > 100 ? revokedBy[..100] : revokedBy;

        var person = await db.People.SingleAsync(p => p.Id == link.PersonId, ct);
        if (person.ActiveUnitId == link.UnitId)
        {
            // The other units may be in other estates, outside this user's scope: only their id is read, nothing shown.
            person.ActiveUnitId = await db.UnitMemberships.IgnoreQueryFilters()
                .Where(m => m.PersonId == person.Id && m.Id != link.Id && m.RevokedAt == null)
                .OrderBy(m => m.Since).ThenBy(m => m.Id)
                .Select(m => (int?)m.UnitId).FirstOrDefaultAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}
