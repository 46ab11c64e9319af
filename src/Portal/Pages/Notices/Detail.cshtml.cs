using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Notices;

namespace OwnerPortal.Portal.Pages.Notices;

/// <summary>One published notice, as it was previewed when it was published. Another estate's notice is not found.</summary>
[Authorize(Policy = Policies.Owner)]
public class DetailModel([FromKeyedServices(StaleReads.Key)] OwnerPortalDbContext db) : PageModel
{
    public Notice Notice { get; private set; } = null!;
    public string EstateName { get; private set; } = "";
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var notice = await OwnerNotices.Readable(db, User.PersonIdOf()!.Value).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        EstateName = await db.Estates.Where(e => e.Id == notice.EstateId).Select(e => e.Name).FirstAsync(ct);
        Zone = await EstateTime.ZoneAsync(db, notice.EstateId, ct);
        return Page();
    }
}
