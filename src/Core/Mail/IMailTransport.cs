using MimeKit;

namespace OwnerPortal.Core.Mail;

/// <summary>The one boundary to the outside world for mail: hands messages to an SMTP server.</summary>
public interface IMailTransport
{
    /// <summary>
    /// Sends the messages (over one connection where the transport can) and returns, for each message in order,
    /// null when the server accepted it or the exception that stopped it. Does not throw for a failed message.
    /// </summary>
    Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken);
}
