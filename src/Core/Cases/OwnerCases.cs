using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Cases;

/// <summary>
/// The one place that says which cases an owner may see: those of the units they are linked to now, and the
/// public-area cases they joined ("me too"). Everything the Portal shows about cases starts here.
/// </summary>
public static class OwnerCases
{
    public static IQueryable<Case> VisibleTo(OwnerPortalDbContext db, int personId) =>
        db.Cases.Where(c => !c.IsTest && (
            db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null && m.UnitId == c.UnitId)
            || db.CaseFollowers.Any(f => f.PersonId == personId && f.CaseId == c.Id)));

    /// <summary>
    /// Cases of the units the owner is linked to now, without followed cases: who decides for the unit (a repair's
    /// quote and sign-off) — an owner who only joined a public-area case does not.
    /// </summary>
    public static IQueryable<Case> OfTheirUnits(OwnerPortalDbContext db, int personId) =>
        db.Cases.Where(c => !c.IsTest
            && db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null && m.UnitId == c.UnitId));

    /// <summary>
    /// The owner's list: cases of the unit they act for, plus the cases they follow. A union of two indexed
    /// lookups (unit, follower), so the list stays fast however many cases the estate has.
    /// </summary>
    public static IQueryable<Case> ListFor(OwnerPortalDbContext db, int personId, int activeUnitId)
    {
        var ofUnit = db.Cases.Where(c => c.UnitId == activeUnitId
            && db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null && m.UnitId == activeUnitId));
        var followed = db.Cases.Where(c => db.CaseFollowers.Any(f => f.PersonId == personId && f.CaseId == c.Id));
        return ofUnit.Union(followed).Where(c => !c.IsTest);
    }
}
