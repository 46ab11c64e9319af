using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Cases;

public static class CasePlace
{
    /// <summary>Where a case is, as people say it: the public area's name, or the unit number.</summary>
    public static async Task<string?> NameAsync(OwnerPortalDbContext db, Case c, CancellationToken ct = default) =>
        c.PublicAreaId is { } area
            ? await db.PublicAreas.Where(a => a.Id == area).Select(a => a.Name).FirstOrDefaultAsync(ct)
            : await db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Number).FirstOrDefaultAsync(ct);
}
