using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Mail;
using OwnerPortal.Core.Web;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Mail;

/// <summary>
/// The outbox end to end: real PostgreSQL (a fresh database per test), the real MailKit transport, and a real SMTP
/// listener that a test can take down and bring back. Each "instance" is a service provider wired by the sites'
/// own AddOwnerPortalCore, with the background sender off so the test drives the passes.
/// </summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private readonly LogCollector _logs = new();
    private readonly List<ServiceProvider> _instances = [];
    private SmtpTestServer _smtp = null!;
    private string _cs = "";

    public async Task InitializeAsync()
    {
        _cs = await TestDatabase.CreateAsync();
        _smtp = SmtpTestServer.StartNew();
    }

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task An_enqueued_message_is_delivered_with_its_fields_and_marked_sent()
    {
        var sender = NewSender();
        long id;
        await using (var db = NewContext())
        {
            // A body line starting with "." checks dot-stuffing both ways.
            var message = Outbox.Enqueue(db, "case.update", "wang.fang@example.com", "王芳", "您的报修已受理 HY-2026-0001",
                "王芳您好：\n.您的报修已受理。", "<p>王芳您好：</p><p>您的报修已<b>受理</b>。</p>", _clock.GetUtcNow());
            await db.SaveChangesAsync();
            id = message.Id; // the database assigns it
        }

        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));

        var mail = await _smtp.WaitForMessageAsync(m => m.MessageId == Outbox.MessageIdFor(id), TimeSpan.FromSeconds(5));
        var to = Assert.Single(mail.To.Mailboxes);
        Assert.Equal(("wang.fang@example.com", "王芳"), (to.Address, to.Name));
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal("noreply@ownerportal.local", from.Address);
        Assert.Equal("您的报修已受理 HY-2026-0001", mail.Subject);
        Assert.Equal("multipart/alternative", mail.Body!.ContentType.MimeType);
        Assert.Equal("王芳您好：\n.您的报修已受理。", mail.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("<p>王芳您好：</p><p>您的报修已<b>受理</b>。</p>", mail.HtmlBody!.TrimEnd('\r', '\n'));

        await using var check = NewContext();
        var row = await check.Outbox.SingleAsync();
        Assert.Equal((OutboxStatus.Sent, 1, _clock.GetUtcNow(), null), (row.Status, row.Attempts, row.SentAt, row.LastError));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None)); // sent once, never again
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task Fifty_messages_queued_while_the_mail_server_is_down_are_all_delivered_exactly_once_when_it_returns()
    {
        var sender = NewSender();
        _smtp.Stop();
        var ids = await EnqueueAsync(50);

        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        await using (var db = NewContext())
        {
            var rows = await db.Outbox.AsNoTracking().ToListAsync();
            Assert.Equal(50, rows.Count); // nothing lost
            Assert.All(rows, r =>
            {
                Assert.Equal((OutboxStatus.Queued, 1), (r.Status, r.Attempts));
                Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(30), r.NextAttemptAt);
                Assert.StartsWith("SocketException", r.LastError);
            });
        }

        _smtp.Start();
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None)); // back-off not over yet
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(50, await sender.SendDueAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));

        var received = _smtp.Messages;
        Assert.Equal(50, received.Count);
        Assert.Equal(ids.Select(Outbox.MessageIdFor).Order(), received.Select(m => m.MessageId).Order());
        await using (var db = NewContext())
            Assert.All(await db.Outbox.AsNoTracking().ToListAsync(), r => Assert.Equal((OutboxStatus.Sent, 2), (r.Status, r.Attempts)));
        _logs.AssertNoPersonalData();
    }

    [Fact]
    public async Task Two_senders_on_one_database_never_deliver_a_message_twice()
    {
        // Each sender stops at its first batch until the other also holds one: both claims overlap for certain.
        // Without SKIP LOCKED the second claim would wait for the first one's locks and this would time out;
        // without the row locks both would claim the same rows and the Message-Ids below would repeat.
        var meet = new Rendezvous(2);
        var a = NewSender(batchSize: 10, wrap: t => new MeetingTransport(t, meet));
        var b = NewSender(batchSize: 10, wrap: t => new MeetingTransport(t, meet));
        var ids = await EnqueueAsync(100);

        var sent = await Task.WhenAll(Task.Run(() => a.SendDueAsync(CancellationToken.None)),
                                      Task.Run(() => b.SendDueAsync(CancellationToken.None)));

        Assert.Equal(100, sent.Sum());
        Assert.All(sent, n => Assert.True(n > 0));
        Assert.Equal(ids.Select(Outbox.MessageIdFor).Order(), _smtp.Messages.Select(m => m.MessageId).Order());
        await using var db = NewContext();
        Assert.Equal(100, await db.Outbox.CountAsync(r => r.Status == OutboxStatus.Sent && r.Attempts == 1));
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_marked_failed_after_max_attempts_and_does_not_hold_up_others()
    {
        _smtp.RejectRecipient = address => address == "nobody@example.com";
        var sender = NewSender();
        var options = new MailOptions();
        long bad, good;
        await using (var db = NewContext())
        {
            var refused = Outbox.Enqueue(db, "test", "nobody@example.com", null, "Secret subject", "Secret body", null, _clock.GetUtcNow());
            var accepted = Outbox.Enqueue(db, "test", "somebody@example.com", null, "Secret subject", "Secret body", null, _clock.GetUtcNow());
            await db.SaveChangesAsync();
            (bad, good) = (refused.Id, accepted.Id);
        }
        Assert.Equal(8, options.MaxAttempts);

        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            Assert.Equal(attempt == 1 ? 1 : 0, await sender.SendDueAsync(CancellationToken.None));
            await using var db = NewContext();
            var row = await db.Outbox.AsNoTracking().SingleAsync(r => r.Id == bad);
            Assert.Equal(attempt, row.Attempts);
            Assert.StartsWith("SmtpCommandException", row.LastError);
            if (attempt < options.MaxAttempts)
            {
                // 30 s, 1 min, 2 min, … doubling after each failure, at most 30 min.
                var delay = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempt - 1), 1800));
                Assert.Equal((OutboxStatus.Queued, _clock.GetUtcNow() + delay), (row.Status, row.NextAttemptAt));
                _clock.Advance(delay);
            }
            else
            {
                Assert.Equal(OutboxStatus.Failed, row.Status);
            }
        }

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        await using (var db = NewContext())
        {
            var rows = await db.Outbox.AsNoTracking().ToDictionaryAsync(r => r.Id);
            Assert.Equal((OutboxStatus.Failed, 8), (rows[bad].Status, rows[bad].Attempts));
            Assert.Equal(OutboxStatus.Sent, rows[good].Status);
        }
        Assert.Equal([Outbox.MessageIdFor(good)], _smtp.Messages.Select(m => m.MessageId));
        Assert.Contains(_logs.Lines, l => l.Contains($"{bad}", StringComparison.Ordinal) && l.Contains("SMTP 550", StringComparison.Ordinal));
        _logs.AssertNoPersonalData();
    }

    [Fact]
    public async Task Retry_now_gives_a_failed_message_one_more_attempt_and_never_resends_a_sent_one()
    {
        _smtp.RejectRecipient = address => address == "nobody@example.com";
        var sender = NewSender();
        long failed, sent;
        await using (var db = NewContext())
        {
            var refused = Outbox.Enqueue(db, "test", "nobody@example.com", null, "S", "B", null, _clock.GetUtcNow());
            var accepted = Outbox.Enqueue(db, "test", "somebody@example.com", null, "S", "B", null, _clock.GetUtcNow());
            (refused.Status, refused.Attempts, refused.NextAttemptAt) = (OutboxStatus.Failed, 8, _clock.GetUtcNow().AddHours(-1));
            await db.SaveChangesAsync();
            (failed, sent) = (refused.Id, accepted.Id);
        }
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None)); // only the queued one

        _clock.Advance(TimeSpan.FromMinutes(5));
        await using (var db = NewContext())
        {
            Assert.True(await Outbox.RetryNowAsync(db, failed, _clock.GetUtcNow()));
            Assert.False(await Outbox.RetryNowAsync(db, sent, _clock.GetUtcNow()));
            var rows = await db.Outbox.AsNoTracking().ToDictionaryAsync(r => r.Id);
            Assert.Equal((OutboxStatus.Queued, _clock.GetUtcNow(), 8), (rows[failed].Status, rows[failed].NextAttemptAt, rows[failed].Attempts));
            Assert.Equal(OutboxStatus.Sent, rows[sent].Status);
        }

        // Still refused: one attempt, then Failed again (no new back-off cycle).
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        await using (var db = NewContext())
        {
            var row = await db.Outbox.AsNoTracking().SingleAsync(r => r.Id == failed);
            Assert.Equal((OutboxStatus.Failed, 9), (row.Status, row.Attempts));
        }

        // Accepted now: the retry delivers it, and the message that was sent before went out exactly once.
        _smtp.RejectRecipient = _ => false;
        await using (var db = NewContext()) Assert.True(await Outbox.RetryNowAsync(db, failed, _clock.GetUtcNow()));
        Assert.Equal(1, await sender.SendDueAsync(CancellationToken.None));
        Assert.Equal([Outbox.MessageIdFor(sent), Outbox.MessageIdFor(failed)], _smtp.Messages.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Mail_is_written_only_with_the_change_that_caused_it()
    {
        var sender = NewSender();

        // An exception before SaveChanges: nothing written.
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var db = NewContext();
            Outbox.Enqueue(db, "test", "a@example.com", null, "s", "t", null, _clock.GetUtcNow());
            await Task.Yield();
            throw new InvalidOperationException("the change failed validation");
        });

        // Saved inside a transaction that is rolled back: nothing written.
        await using (var db = NewContext())
        {
            await db.InTransactionAsync(async transaction =>
            {
                db.Estates.Add(NewEstate("HY"));
                Outbox.Enqueue(db, "test", "b@example.com", null, "s", "t", null, _clock.GetUtcNow());
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            });
        }

        // The change itself fails in the database (duplicate estate code): neither it nor its mail is written.
        await using (var db = NewContext())
        {
            db.Estates.Add(NewEstate("CZ"));
            await db.SaveChangesAsync();
        }
        await using (var db = NewContext())
        {
            db.Estates.Add(NewEstate("CZ"));
            Outbox.Enqueue(db, "test", "c@example.com", null, "s", "t", null, _clock.GetUtcNow());
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = NewContext())
        {
            Assert.Equal(0, await db.Outbox.CountAsync());
            Assert.Equal(["CZ"], await db.Estates.Select(e => e.Code).ToListAsync());
        }
        Assert.Equal(0, await sender.SendDueAsync(CancellationToken.None));
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public void Enqueue_refuses_what_is_not_an_address()
    {
        using var db = NewContext();
        Assert.Throws<ArgumentException>(() => Outbox.Enqueue(db, "test", "not an address", null, "s", "t", null, _clock.GetUtcNow()));
        Assert.Throws<ArgumentException>(() => Outbox.Enqueue(db, "test", "Wang <w@example.com>", null, "s", "t", null, _clock.GetUtcNow()));
    }

    [Fact]
    public void Mail_settings_bind_from_configuration_and_the_sender_can_be_switched_off()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _cs,
            ["Mail:Host"] = "smtp.example.com",
            ["Mail:Port"] = "465",
            ["Mail:Security"] = "SslOnConnect",
            ["Mail:UserName"] = "portal",
            ["Mail:MaxAttempts"] = "5",
            ["Mail:RetryBaseDelay"] = "00:00:30",
        }).Build();
        using var on = new ServiceCollection().AddLogging().AddOwnerPortalCore(config, "tests").BuildServiceProvider();
        var o = on.GetRequiredService<IOptions<MailOptions>>().Value;
        Assert.Equal(("smtp.example.com", 465, MailSecurity.SslOnConnect, "portal", 5), (o.Host, o.Port, o.Security, o.UserName, o.MaxAttempts));
        Assert.Equal(TimeSpan.FromMinutes(30), o.RetryDelay(20)); // capped
        Assert.Contains(on.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is OutboxSender);

        config["Mail:SenderEnabled"] = "false";
        using var off = new ServiceCollection().AddLogging().AddOwnerPortalCore(config, "tests").BuildServiceProvider();
        Assert.DoesNotContain(off.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is OutboxSender);
    }

    // ---- helpers ----

    private OutboxSender NewSender(int? batchSize = null, Func<IMailTransport, IMailTransport>? wrap = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _cs,
            ["Mail:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:SenderEnabled"] = "false",
        };
        if (batchSize is not null) settings["Mail:BatchSize"] = batchSize.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug))
            .AddOwnerPortalCore(config, "tests")
            .AddSingleton<TimeProvider>(_clock);
        if (wrap is not null)
            services.AddSingleton(sp => wrap(new SmtpMailTransport(sp.GetRequiredService<IOptions<MailOptions>>())));
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return provider.GetRequiredService<OutboxSender>();
    }

    private OwnerPortalDbContext NewContext() => new(TestDatabase.Options(_cs));

    private async Task<List<long>> EnqueueAsync(int count)
    {
        await using var db = NewContext();
        var messages = Enumerable.Range(1, count)
            .Select(i => Outbox.Enqueue(db, "test", $"owner{i}@example.com", $"业主{i}", $"Notice {i}", $"Text {i}", $"<p>Html {i}</p>", _clock.GetUtcNow()))
            .ToList();
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    }

    private static Estate NewEstate(string code) =>
        new() { Code = code, Name = "翠竹园", Address = "深圳", FloorAreaM2 = 1000, OfficePhone = "0755", OfficeHours = "9-18" };

    private sealed class Rendezvous(int parties)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) == parties) _all.TrySetResult();
            return _all.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
    }

    /// <summary>Holds its first batch until every sender of the test holds one.</summary>
    private sealed class MeetingTransport(IMailTransport inner, Rendezvous meet) : IMailTransport
    {
        private int _calls;

        public async Task<IReadOnlyList<Exception?>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1) await meet.ArriveAsync();
            return await inner.SendAsync(messages, cancellationToken);
        }
    }

    /// <summary>Keeps every log line (message and exception) to check that no personal data is logged.</summary>
    private sealed class LogCollector : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        public IReadOnlyCollection<string> Lines => _lines;

        public void AssertNoPersonalData()
        {
            Assert.NotEmpty(_lines);
            Assert.DoesNotContain(_lines, l => l.Contains("@example.com", StringComparison.Ordinal)
                || l.Contains("Secret", StringComparison.Ordinal) || l.Contains("业主", StringComparison.Ordinal)
                || l.Contains("Notice", StringComparison.Ordinal));
        }

        public ILogger CreateLogger(string categoryName) => new Logger(_lines);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
