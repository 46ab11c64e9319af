using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.Estates;

/// <summary>Dates as the estate office sees them: in the estate's time zone, else the company's.</summary>
public static class EstateTime
{
    public static async Task<TimeZoneInfo> ZoneAsync(OwnerPortalDbContext db, int estateId, CancellationToken ct = default)
    {
        var zone = await db.Estates.Where(e => e.Id == estateId).Select(e => e.TimeZone).FirstOrDefaultAsync(ct)
                   ?? await db.CompanySettings.Select(s => s.TimeZone).FirstOrDefaultAsync(ct)
                   ?? "Asia/Shanghai";
        return TimeZoneInfo.FindSystemTimeZoneById(zone);
    }

    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    public static DateOnly DateOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
