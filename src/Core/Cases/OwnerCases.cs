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
    /// The owner's list: cases of the unit they act for (their active unit, while the link to it is active), plus the
    /// cases they follow. A union of two indexed lookups (unit, follower), so the list stays fast however many cases the
    /// estate has; the active unit is a subquery, so the page reads its list in one round trip (ADR-010).
    /// </summary>
    public static IQueryable<Case> ListFor(OwnerPortalDbContext db, int personId)
    {
        // A join, not "c.UnitId == subquery": equality of two nullable values would add IS NULL branches the index can't serve.
        var ofUnit =
            from p in db.People
            where p.Id == personId
            join c in db.Cases on p.ActiveUnitId equals c.UnitId
            where db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null && m.UnitId == c.UnitId)
            select c;
        var followed = db.Cases.Where(c => db.CaseFollowers.Any(f => f.PersonId == personId && f.CaseId == c.Id));
        return ofUnit.Union(followed).Where(c => !c.IsTest);
    }

    /// <summary>The unit the person acts for now (none before they link one).</summary>
    public static IQueryable<int?> ActiveUnitOf(OwnerPortalDbContext db, int personId) =>
        db.People.Where(p => p.Id == personId).Select(p => p.ActiveUnitId);
}
