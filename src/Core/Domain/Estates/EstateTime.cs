using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Domain.Estates;

/// <summary>Dates as the estate office sees them: in the estate's time zone, else the company's.</summary>
public static class EstateTime
{
    public static async Task<TimeZoneInfo> ZoneAsync(OwnerPortalDbContext db, int estateId, CancellationToken ct = default)
    {
        // The estate's zone, else the company's, in one round trip (ADR-010); without a company settings row, the estate's.
        var zones = await db.CompanySettings
            .Select(s => new { Estate = db.Estates.Where(e => e.Id == estateId).Select(e => e.TimeZone).FirstOrDefault(), Company = s.TimeZone })
            .FirstOrDefaultAsync(ct);
        return LocalTime.Zone(zones is null ? await db.Estates.Where(e => e.Id == estateId).Select(e => e.TimeZone).FirstOrDefaultAsync(ct) : zones.Estate ?? zones.Company);
    }

    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    public static DateOnly DateOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
