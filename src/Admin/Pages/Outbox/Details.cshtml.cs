using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Admin.Pages.Outbox;

/// <summary>One message as it was written; the HTML part is shown in a sandbox that runs no script.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public class DetailsModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    [TempData] public string? StatusMessage { get; set; }

    public bool CanRetry => Message.Status is OutboxStatus.Queued or OutboxStatus.Failed;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var message = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        Message = message;
        Zone = await IndexModel.CompanyZoneAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        if (!await db.Outbox.AnyAsync(m => m.Id == id, ct)) return NotFound();
        StatusMessage = await Core.Mail.Outbox.RetryNowAsync(db, id, clock.GetUtcNow(), ct) ? "Admin.Outbox.Retried" : "Admin.Outbox.AlreadySent";
        return RedirectToPage(new { id });
    }

    public string Local(DateTimeOffset t) => IndexModel.FormatLocal(t, Zone);
}
