using System.Net;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Portal.Identity;

/// <summary>The account e-mails (confirm address, reset password), written to the outbox in the caller's transaction.</summary>
public sealed class AccountMail(OwnerPortalDbContext db, IStringLocalizer<Strings> t, TimeProvider clock)
{
    public void ConfirmEmail(AppUser user, string link) => Write("account.confirm", user, "Mail.Confirm.Subject", "Mail.Confirm.Body", link);

    public void ResetPassword(AppUser user, string link) => Write("account.reset", user, "Mail.Reset.Subject", "Mail.Reset.Body", link);

    private void Write(string kind, AppUser user, string subjectKey, string bodyKey, string link)
    {
        var text = t[bodyKey, user.FullName, link].Value;
        var html = "<p>" + WebUtility.HtmlEncode(t[bodyKey, user.FullName, "{LINK}"].Value).Replace("\n", "<br>", StringComparison.Ordinal)
            .Replace("{LINK}", $"<a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a>", StringComparison.Ordinal) + "</p>";
        Outbox.Enqueue(db, kind, user.Email!, user.FullName, t[subjectKey], text, html, clock.GetUtcNow());
    }
}
