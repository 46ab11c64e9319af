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
        var buildings = await db.UnitMemberships.Where(m => m.PersonId == personId && m.RevokedAt == null)
            .Select(m => m.Unit!.BuildingId).ToListAsync(ct);
        var candidates = await Readable(db, personId)
            .Where(n => n.Kind == NoticeKind.Information && (n.ValidFrom == null || n.ValidFrom <= now) && (n.ValidUntil == null || n.ValidUntil > now))
            .OrderByDescending(n => n.IsUrgent).ThenByDescending(n => n.PublishedAt).Take(20).ToListAsync(ct);
        return candidates.Where(n => n.Affects(buildings)).Take(5).ToList();
    }
}
