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
        // In the language the person is using now: they are at the screen that asked for this mail.
        var text = t[bodyKey, user.FullName, link].Value;
        Outbox.Enqueue(db, kind, user.Email!, user.FullName, t[subjectKey], text, MailHtml.FromText(text, link), clock.GetUtcNow());
    }
}
