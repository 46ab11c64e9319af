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

    /// <summary>
    /// Someone registered an address that already has an account: its owner is told, and the form answered as for a
    /// new account, so the form does not reveal who is registered. In the account owner's language: someone else is at
    /// the screen.
    /// </summary>
    public void RegisterAttempt(string email, string? fullName, string? language, string loginLink, string resetLink) =>
        OwnerLanguage.Write(language, () =>
        {
            var text = t["Mail.RegisterAttempt.Body", fullName ?? email, loginLink, resetLink].Value;
            Outbox.Enqueue(db, "account.register-attempt", email, fullName ?? email, t["Mail.RegisterAttempt.Subject"], text,
                MailHtml.FromText(text, loginLink, resetLink), clock.GetUtcNow());
        });

    private void Write(string kind, AppUser user, string subjectKey, string bodyKey, string link)
    {
        // In the language the person is using now: they are at the screen that asked for this mail.
        var text = t[bodyKey, user.FullName, link].Value;
        Outbox.Enqueue(db, kind, user.Email!, user.FullName, t[subjectKey], text, MailHtml.FromText(text, link), clock.GetUtcNow());
    }
}
