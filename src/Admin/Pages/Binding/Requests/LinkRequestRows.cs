using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Binding.Requests;

/// <summary>Link requests as the clerk reads them: who asks, for which unit, and who is already linked to it.</summary>
public static class LinkRequestRows
{
    public record Linked(string Name, UnitRelation Relation, string Phone, DateTime Since);

    public record Row(int Id, string Name, string Phone, string? Email, int EstateId, string Estate, int UnitId, string Unit,
        UnitRelation Relation, string? Note, DateTime Created, LinkRequestStatus Status, DateTime? Decided, string? DecidedBy,
        string? Reason, IReadOnlyList<Linked> AlreadyLinked);

    /// <summary>
    /// Rows for the requests <paramref name="query"/> finds (already scoped to the clerk's estate). The requesters
    /// are not members of the estate, so the estate filter on people would hide them: they are read by the ids of
    /// the requests found here, and nothing else.
    /// </summary>
    public static async Task<IReadOnlyList<Row>> LoadAsync(OwnerPortalDbContext db, IQueryable<UnitLinkRequest> query, CancellationToken ct)
    {
        var requests = await query.AsNoTracking()
            .Select(r => new
            {
                r.Id, r.PersonId, r.UnitId, r.Relation, r.Note, r.CreatedAt, r.Status, r.DecidedAt, r.Reason,
                DecidedBy = db.Staff.Where(s => s.Id == r.DecidedByStaffId).Select(s => s.FullName).FirstOrDefault(),
                Unit = db.Units.Where(u => u.Id == r.UnitId)
                    .Select(u => new { u.Number, u.EstateId, Estate = db.Estates.Where(e => e.Id == u.EstateId).Select(e => e.Name).First() }).First(),
            })
            .ToListAsync(ct);
        var personIds = requests.Select(r => r.PersonId).Distinct().ToList();
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.FullName, p.Phone, p.Email }).ToDictionaryAsync(p => p.Id, ct);
        var unitIds = requests.Select(r => r.UnitId).Distinct().ToList();
        var linked = (await db.UnitMemberships.AsNoTracking().Where(m => unitIds.Contains(m.UnitId) && m.RevokedAt == null)
                .OrderBy(m => m.Since)
                .Select(m => new { m.UnitId, m.Relation, m.Since, Person = db.People.Where(p => p.Id == m.PersonId).Select(p => new { p.FullName, p.Phone }).First() })
                .ToListAsync(ct))
            .ToLookup(m => m.UnitId);
        var zones = await EstateTimeZones.LoadAsync(db, requests.Select(r => r.Unit.EstateId), ct);

        return requests.Select(r =>
        {
            var zone = zones[r.Unit.EstateId];
            var person = people[r.PersonId];
            return new Row(r.Id, person.FullName, PersonalData.MaskPhone(person.Phone), person.Email, r.Unit.EstateId, r.Unit.Estate,
                r.UnitId, r.Unit.Number, r.Relation, r.Note, zone.ToLocal(r.CreatedAt), r.Status,
                r.DecidedAt is { } d ? zone.ToLocal(d) : null, r.DecidedBy, r.Reason,
                linked[r.UnitId].Select(m => new Linked(m.Person.FullName, m.Relation, PersonalData.MaskPhone(m.Person.Phone), zone.ToLocal(m.Since))).ToList());
        }).ToList();
    }
}
