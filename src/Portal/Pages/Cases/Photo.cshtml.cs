using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Storage;

namespace OwnerPortal.Portal.Pages.Cases;

/// <summary>A photo of a case the owner may see (full size or thumbnail); anyone else's answers 404.</summary>
[Authorize(Policy = Policies.Owner)]
public class PhotoModel(OwnerPortalDbContext db, AttachmentStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, bool thumb, CancellationToken ct)
    {
        var visible = OwnerCases.VisibleTo(db, User.PersonIdOf()!.Value);
        var photo = await db.CaseAttachments.AsNoTracking()
            .Where(a => a.Id == id && visible.Any(c => c.Id == a.CaseId))
            .Select(a => new { a.StorageKey, a.ThumbnailKey, a.ContentType }).FirstOrDefaultAsync(ct);
        if (photo is null) return NotFound();
        Response.Headers.CacheControl = "private, max-age=86400";
        return thumb && photo.ThumbnailKey is { } key
            ? File(store.Open(key), "image/jpeg")
            : File(store.Open(photo.StorageKey), photo.ContentType);
    }
}
