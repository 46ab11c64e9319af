using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;

namespace OwnerPortal.Core.Time;

/// <summary>Times are stored in UTC and shown in the estate's zone: its own, else the company's.</summary>
public static class EstateTimeZones
{
    public const string Fallback = "Asia/Shanghai";

    /// <summary>The zone of each of <paramref name="estateIds"/> that the caller can see.</summary>
    public static Task<IReadOnlyDictionary<int, TimeZoneInfo>> LoadAsync(OwnerPortalDbContext db, IEnumerable<int> estateIds, CancellationToken ct = default) =>
        LoadAsync(db.Estates, db, estateIds, ct);

    /// <summary>
    /// The zone of each of <paramref name="estateIds"/>, whoever is signed in: for background work, which has no user
    /// and so sees no estate through the query filters.
    /// </summary>
    public static Task<IReadOnlyDictionary<int, TimeZoneInfo>> LoadUnscopedAsync(OwnerPortalDbContext db, IEnumerable<int> estateIds, CancellationToken ct = default) =>
        LoadAsync(db.Estates.IgnoreQueryFilters(), db, estateIds, ct);

    private static async Task<IReadOnlyDictionary<int, TimeZoneInfo>> LoadAsync(IQueryable<Estate> estates, OwnerPortalDbContext db, IEnumerable<int> estateIds, CancellationToken ct)
    {
        var ids = estateIds.Distinct().ToList();
        var company = await db.CompanySettings.AsNoTracking().Where(s => s.Id == CompanySettings.SingletonId)
            .Select(s => s.TimeZone).FirstOrDefaultAsync(ct) ?? Fallback;
        var zones = await estates.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.TimeZone }).ToListAsync(ct);
        return zones.ToDictionary(e => e.Id, e => TimeZoneInfo.FindSystemTimeZoneById(e.TimeZone ?? company));
    }

    public static DateTime ToLocal(this TimeZoneInfo zone, DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, zone).DateTime;
}
