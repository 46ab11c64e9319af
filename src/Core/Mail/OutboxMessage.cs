namespace OwnerPortal.Core.Mail;

public enum OutboxStatus { Queued, Sent, Failed }

/// <summary>
/// An e-mail written in the same transaction as the change that caused it; <see cref="OutboxSender"/> delivers it.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    /// <summary>What kind of message, e.g. "account.confirm" (for the outbox page and owners' mail preferences).</summary>
    public required string Kind { get; set; }
    public required string To { get; set; }
    public string? ToName { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }
}
