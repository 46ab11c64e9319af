using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace OwnerPortal.Tests;

/// <summary>
/// A small real SMTP server on 127.0.0.1 for tests: enough of RFC 5321 for MailKit (EHLO/HELO, MAIL, RCPT, DATA with
/// dot-unstuffing, RSET, NOOP, QUIT), every accepted message parsed with MimeKit. <see cref="Stop"/> closes the port
/// and drops open connections; <see cref="Start"/> listens again on the same port, so a test can take the "mail
/// server" down and bring it back.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly List<MimeMessage> _messages = [];
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private TaskCompletionSource _changed = NewSignal();
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task _acceptLoop = Task.CompletedTask;

    public SmtpTestServer(int port = 0) => Port = port;

    public int Port { get; private set; }

    /// <summary>Recipients this server refuses with 550 (to simulate a message that can never be delivered).</summary>
    public Func<string, bool> RejectRecipient { get; set; } = _ => false;

    /// <summary>Every message received so far, in order (duplicates included).</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get { lock (_gate) return [.. _messages]; }
    }

    public static SmtpTestServer StartNew(int port = 0)
    {
        var server = new SmtpTestServer(port);
        server.Start();
        return server;
    }

    public void Start()
    {
        if (_listener is not null) return;
        var listener = new TcpListener(IPAddress.Loopback, Port);
        // Rebind right after Stop(), even with connections of the previous run still in TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _listener = listener;
        _stop = new CancellationTokenSource();
        _acceptLoop = AcceptLoopAsync(listener, _stop.Token);
    }

    /// <summary>Closes the port and every open connection, like a mail server going down.</summary>
    public void Stop()
    {
        if (_listener is null) return;
        _stop!.Cancel();
        _listener.Stop();
        _listener = null;
        foreach (var client in _connections.Keys) client.Dispose();
    }

    public async Task<MimeMessage> WaitForMessageAsync(Func<MimeMessage, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var found = _messages.FirstOrDefault(predicate);
                if (found is not null) return found;
                changed = _changed.Task;
            }
            try { await changed.WaitAsync(cts.Token); }
            catch (OperationCanceledException) { throw new TimeoutException($"No matching message within {timeout}; received {Messages.Count}."); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        // The loops end on their own once the port and connections are closed; their exceptions are handled inside.
        await Task.WhenAll([_acceptLoop, .. _connections.Values]);
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _connections[client] = Task.Run(() => ServeAsync(client, stop), CancellationToken.None);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken stop)
    {
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                var reader = new LineReader(stream);
                async Task Reply(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), stop);

                await Reply("220 127.0.0.1 SmtpTestServer ready");
                while (await reader.ReadLineAsync(stop) is { } bytes)
                {
                    var line = Encoding.ASCII.GetString(bytes);
                    var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await Reply("250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8");
                            break;
                        case "HELO" or "MAIL" or "RSET" or "NOOP":
                            await Reply("250 OK");
                            break;
                        case "RCPT":
                            var address = line[(line.IndexOf('<') + 1)..line.LastIndexOf('>')];
                            await Reply(RejectRecipient(address) ? "550 5.1.1 Mailbox unavailable" : "250 OK");
                            break;
                        case "DATA":
                            await Reply("354 End data with <CR><LF>.<CR><LF>");
                            var message = await ReadDataAsync(reader, stop);
                            lock (_gate)
                            {
                                _messages.Add(message);
                                _changed.TrySetResult();
                                _changed = NewSignal();
                            }
                            // Only now accept: when the client sees 250, the message is already in Messages.
                            await Reply("250 OK queued");
                            break;
                        case "QUIT":
                            await Reply("221 Bye");
                            return;
                        default:
                            await Reply("502 Command not implemented");
                            break;
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or Stop() dropped the connection.
        }
        finally
        {
            _connections.TryRemove(client, out _);
        }
    }

    private static async Task<MimeMessage> ReadDataAsync(LineReader reader, CancellationToken stop)
    {
        using var data = new MemoryStream();
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (line is [(byte)'.']) break;
            // Dot-unstuffing (RFC 5321 4.5.2): a line starting with "." was sent as "..".
            var start = line is [(byte)'.', ..] ? 1 : 0;
            data.Write(line, start, line.Length - start);
            data.Write("\r\n"u8);
        }
        data.Position = 0;
        return await MimeMessage.LoadAsync(data, stop);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads CRLF-terminated lines as bytes (message bodies may be 8-bit).</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start, _end;

        public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
        {
            using var line = new MemoryStream();
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = await stream.ReadAsync(_buffer, cancellationToken);
                    if (_end == 0) return null; // connection closed
                }
                var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (lf < 0)
                {
                    line.Write(_buffer, _start, _end - _start);
                    _start = _end;
                    continue;
                }
                line.Write(_buffer, _start, lf - _start);
                _start = lf + 1;
                var bytes = line.ToArray();
                return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
            }
        }
    }
}
