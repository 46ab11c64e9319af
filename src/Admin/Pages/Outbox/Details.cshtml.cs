using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Admin.Pages.Outbox;

/// <summary>
/// One message as it was written, with its links removed: they may carry a password-reset or confirmation token or a
/// signed callback link, which would let the reader act as the recipient. The HTML part is shown in a sandbox.
/// </summary>
[Authorize(Policy = Policies.SystemAdmin)]
public class DetailsModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;
    public string Text { get; private set; } = "";
    public string? Html { get; private set; }
    /// <summary>Sent longer ago than Mail:BodyRetention: only the envelope is kept.</summary>
    public bool BodyDropped => Message.Status == OutboxStatus.Sent && Message.TextBody.Length == 0;
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    [TempData] public string? StatusMessage { get; set; }

    public bool CanRetry => Message.Status is OutboxStatus.Queued or OutboxStatus.Failed;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var message = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null) return NotFound();
        Message = message;
        var removed = t["Admin.Outbox.LinkRemoved"].Value;
        Text = OutboxRedaction.Redact(message.TextBody, removed);
        Html = string.IsNullOrEmpty(message.HtmlBody) ? null : OutboxRedaction.Redact(message.HtmlBody, removed);
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
