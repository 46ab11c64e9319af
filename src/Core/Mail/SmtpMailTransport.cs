using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace OwnerPortal.Core.Mail;

/// <summary>Sends through the configured SMTP server with MailKit: one connection per batch.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var results = new Exception?[messages.Count];
        using var client = new SmtpClient { Timeout = (int)o.Timeout.TotalMilliseconds };
        for (var i = 0; i < messages.Count; i++)
        {
            if (!client.IsConnected)
            {
                try
                {
                    await client.ConnectAsync(o.Host, o.Port, ToMailKit(o.Security), cancellationToken);
                    if (!string.IsNullOrEmpty(o.UserName))
                        await client.AuthenticateAsync(o.UserName, o.Password ?? "", cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // No server, no point trying the rest of the batch one by one: they all fail the same way.
                    for (var j = i; j < messages.Count; j++) results[j] = e;
                    return results;
                }
            }
            try
            {
                await client.SendAsync(messages[i], cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A refused recipient leaves the connection usable; a dropped one is reopened for the next message.
                results[i] = e;
            }
        }
        if (client.IsConnected)
        {
            try { await client.DisconnectAsync(quit: true, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException) { /* every message is already accepted */ }
        }
        return results;
    }

    private static SecureSocketOptions ToMailKit(MailSecurity security) => security switch
    {
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
