namespace OwnerPortal.Core.Mail;

/// <summary>How the connection to the SMTP server is secured (maps to MailKit's SecureSocketOptions).</summary>
public enum MailSecurity { None, StartTls, SslOnConnect }

/// <summary>Configuration section "Mail": the SMTP server, the sender address and how the outbox is drained.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    // The defaults point at the local sink run.sh starts, so a demo never mails anyone for real.
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2525;
    public MailSecurity Security { get; set; } = MailSecurity.None;
    /// <summary>Authenticate only when set.</summary>
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "noreply@ownerportal.local";
    public string FromName { get; set; } = "OwnerPortal";
    /// <summary>Network timeout of one SMTP operation; MailKit's own default (2 minutes) would stall a batch.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the background sender in this process. Tests turn it off and call SendDueAsync themselves.</summary>
    public bool SenderEnabled { get; set; } = true;
    /// <summary>Messages claimed (and locked) per transaction, sent over one SMTP connection.</summary>
    public int BatchSize { get; set; } = 20;
    /// <summary>Pause between passes when the outbox is drained.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Attempts before a message is given up on and marked Failed.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Wait before the first retry; it doubles after each failure, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>How long the text of a sent message is kept (for "what did we send?"); then only its envelope stays.</summary>
    public TimeSpan BodyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>When a message that has failed <paramref name="attempts"/> times is tried again.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, RetryMaxDelay.Ticks));
    }
}
