using Microsoft.EntityFrameworkCore;
using MimeKit;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Mail;

/// <summary>
/// Writing mail: a message is added to the caller's context and saved by the caller's SaveChanges, in the same
/// transaction as the change that caused it. If that change rolls back, no mail goes out; if it commits, the mail
/// is durable and <see cref="OutboxSender"/> delivers it even when the SMTP server is down for a while.
/// </summary>
public static class Outbox
{
    /// <summary>Adds the message to <paramref name="db"/>; its Id is known after the caller's SaveChanges.</summary>
    public static OutboxMessage Enqueue(OwnerPortalDbContext db, string kind, string to, string? toName,
        string subject, string textBody, string? htmlBody, DateTimeOffset now)
    {
        // A malformed address would only fail at the SMTP server, MaxAttempts times; refuse it here instead.
        if (!MailboxAddress.TryParse(to, out var parsed) || !string.IsNullOrEmpty(parsed.Name))
            throw new ArgumentException("Not an e-mail address.", nameof(to));
        var message = new OutboxMessage
        {
            Kind = kind,
            To = to,
            ToName = toName,
            Subject = subject,
            TextBody = textBody,
            HtmlBody = htmlBody,
            Status = OutboxStatus.Queued,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>
    /// An administrator's "retry now": a queued or failed message becomes due at once. A failed message gets one more
    /// attempt (its count is kept), so a message that fails again is marked Failed again rather than retried for
    /// another back-off cycle. One conditional UPDATE: if a sender holds the row, this waits for its commit and then
    /// leaves a message it sent alone, so a retry can never send a message twice. False if nothing was changed.
    /// </summary>
    public static async Task<bool> RetryNowAsync(OwnerPortalDbContext db, long id, DateTimeOffset now, CancellationToken ct = default) =>
        await db.Outbox.Where(m => m.Id == id && m.Status != OutboxStatus.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Queued).SetProperty(m => m.NextAttemptAt, now), ct) == 1;

    /// <summary>The e-mail for an outbox row: text, or text + HTML as multipart/alternative.</summary>
    public static MimeMessage ToMimeMessage(OutboxMessage message, MailOptions options)
    {
        var mime = new MimeMessage
        {
            // Stable per row: if a message is ever sent twice (crash between SMTP "250 OK" and the commit),
            // the copies carry the same Message-Id, so mail clients and tests can tell them apart as duplicates.
            MessageId = MessageIdFor(message.Id),
            Date = message.CreatedAt,
            Subject = message.Subject,
            Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody(),
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        mime.To.Add(new MailboxAddress(message.ToName ?? "", message.To));
        // RFC 3834: tells out-of-office responders not to answer a machine.
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        return mime;
    }

    /// <summary>Message-Id without the angle brackets (MimeKit adds them).</summary>
    public static string MessageIdFor(long outboxId) => $"outbox-{outboxId}@ownerportal";
}
