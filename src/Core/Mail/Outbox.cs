using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Mail;

// Temporary: replaced by the mail branch's implementation at merge.
public static class Outbox
{
    public static OutboxMessage Enqueue(OwnerPortalDbContext db, string kind, string to, string? toName, string subject,
        string textBody, string? htmlBody, DateTimeOffset now)
    {
        var message = new OutboxMessage
        {
            Kind = kind, To = to, ToName = toName, Subject = subject, TextBody = textBody, HtmlBody = htmlBody,
            Status = OutboxStatus.Queued, CreatedAt = now, NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }
}
