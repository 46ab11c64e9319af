using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Notices;

namespace OwnerPortal.Core.Notices;

/// <summary>
/// What an owner may read: published notices of the estates where they have a unit (active link), nothing else —
/// a notice of another estate is simply not found.
/// </summary>
public static class OwnerNotices
{
    public static IQueryable<Notice> Readable(OwnerPortalDbContext db, int personId) =>
        db.Notices.AsNoTracking().Where(n => n.Status == NoticeStatus.Published
            && db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null
                && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == n.EstateId)));

    /// <summary>Information notices in force for the buildings the owner lives in, newest first.</summary>
    public static async Task<IReadOnlyList<Notice>> PinnedAsync(OwnerPortalDbContext db, int personId, DateTimeOffset now, CancellationToken ct = default)
    {
        var buildings = await BuildingsOf(db, personId).ToListAsync(ct);
        return await PinnedAsync(db, personId, buildings, now, ct);
    }

    /// <summary>The buildings of the units the person is linked to now.</summary>
    public static IQueryable<int> BuildingsOf(OwnerPortalDbContext db, int personId) =>
        db.UnitMemberships.Where(m => m.PersonId == personId && m.RevokedAt == null).Select(m => m.Unit!.BuildingId);

    /// <summary>The same for a page that has read the person's buildings (<see cref="BuildingsOf"/>) already.</summary>
    public static async Task<IReadOnlyList<Notice>> PinnedAsync(OwnerPortalDbContext db, int personId, IReadOnlyCollection<int> buildings, DateTimeOffset now, CancellationToken ct = default)
    {
        var candidates = await Readable(db, personId)
            .Where(n => n.Kind == NoticeKind.Information && (n.ValidFrom == null || n.ValidFrom <= now) && (n.ValidUntil == null || n.ValidUntil > now))
            .OrderByDescending(n => n.IsUrgent).ThenByDescending(n => n.PublishedAt).Take(20).ToListAsync(ct);
        return candidates.Where(n => n.Affects(buildings)).Take(5).ToList();
    }
}
