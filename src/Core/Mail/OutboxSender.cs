using System.Net.Sockets;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Observability;

namespace OwnerPortal.Core.Mail;

/// <summary>
/// Drains the outbox: claims due messages with <c>FOR UPDATE SKIP LOCKED</c>, sends them and records the outcome in
/// the same transaction. Any number of instances (both sites, several replicas) can run it side by side: a row is
/// locked by the one instance sending it and skipped by the others. When the SMTP server is down, messages stay
/// queued and are retried with exponential back-off, then marked Failed after MaxAttempts.
/// Logs carry outbox ids and counts only: addresses and bodies are personal data.
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes, IMailTransport transport, IOptions<MailOptions> options, TimeProvider clock,
    ILogger<OutboxSender> logger, OwnerPortalMetrics metrics) : BackgroundService
{
    /// <summary>How often the pass also protects and expires bodies (<see cref="ProtectAndExpireAsync"/>).</summary>
    private static readonly TimeSpan TidyEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextTidy = DateTimeOffset.MinValue; // at start-up first: rows written before bodies were protected
        while (!stoppingToken.IsCancellationRequested)
        {
            var pass = metrics.Start("outbox");
            try
            {
                if (clock.GetUtcNow() >= nextTidy)
                {
                    await ProtectAndExpireAsync(stoppingToken);
                    nextTidy = clock.GetUtcNow() + TidyEvery;
                }
                await SendDueAsync(stoppingToken);
                await RecordQueueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Typically the database is unreachable; nothing was lost, the next pass tries again.
                pass.Failed();
                LogPassFailed(logger, e);
            }
            pass.Dispose(); // counted now, not after the wait
            try { await Task.Delay(options.Value.PollInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One pass: sends every message due now, batch by batch. Returns how many were delivered.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        // Messages that fail in this pass are due again only after their back-off, so the pass ends.
        var dueBy = clock.GetUtcNow();
        var delivered = 0;
        while (true)
        {
            var (claimed, sent) = await SendBatchAsync(dueBy, cancellationToken);
            delivered += sent;
            if (claimed < options.Value.BatchSize) return delivered;
        }
    }

    /// <summary>The queue's length and oldest message for the metrics, read once per pass (not when Prometheus scrapes).
    /// Column names are snake case: the context maps this record like its tables.</summary>
    private async Task RecordQueueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
        var queue = await db.Database.SqlQuery<QueueReading>($"""
            SELECT count(*) AS queued, min(created_at) AS oldest_at FROM outbox_messages WHERE status = {(int)OutboxStatus.Queued}
            """).SingleAsync(cancellationToken);
        metrics.RecordOutbox(queue.Queued, queue.OldestAt);
    }

    private sealed record QueueReading(long Queued, DateTimeOffset? OldestAt);

    /// <summary>
    /// Drops the bodies of messages sent more than Mail:BodyRetention ago (the links in them must not outlive their
    /// use), and encrypts bodies still stored as plain text (rows from before protection, or written by a context
    /// without <see cref="OutboxBodyInterceptor"/>). Returns how many rows each step changed.
    /// </summary>
    public async Task<(int Protected, int Dropped)> ProtectAndExpireAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
        var before = clock.GetUtcNow() - options.Value.BodyRetention;
        var dropped = await db.Outbox
            .Where(m => m.Status == OutboxStatus.Sent && m.SentAt < before && (m.TextBody != "" || m.HtmlBody != null))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.TextBody, "").SetProperty(m => m.HtmlBody, (string?)null), cancellationToken);

        var protectedCount = 0;
        while (true)
        {
            var plain = await db.Outbox
                .Where(m => (m.TextBody != "" && !m.TextBody.StartsWith(OutboxBodyProtector.Prefix))
                            || (m.HtmlBody != null && m.HtmlBody != "" && !m.HtmlBody.StartsWith(OutboxBodyProtector.Prefix)))
                .OrderBy(m => m.Id).Take(100).ToListAsync(cancellationToken);
            if (plain.Count == 0) break;
            var protector = scope.ServiceProvider.GetRequiredService<OutboxBodyProtector>();
            foreach (var message in plain)
            {
                message.TextBody = protector.Protect(message.TextBody)!;
                message.HtmlBody = protector.Protect(message.HtmlBody);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            protectedCount += plain.Count;
        }
        if (dropped > 0 || protectedCount > 0) LogTidied(logger, protectedCount, dropped);
        return (protectedCount, dropped);
    }

    private async Task<(int Claimed, int Sent)> SendBatchAsync(DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
        // A retry after a lost connection claims again what is still queued: as the next pass would.
        return await db.InTransactionAsync(async transaction =>
        {
            // The row locks last until the commit below, so no other instance can claim these messages meanwhile;
            // SKIP LOCKED lets it take the next ones instead of waiting.
            var batch = await db.Outbox.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE status = {(int)OutboxStatus.Queued} AND next_attempt_at <= {dueBy}
                ORDER BY next_attempt_at, id
                LIMIT {o.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken);
            if (batch.Count == 0) return (0, 0);

            // From here on, shutdown must not cancel: a message the server accepted has to be recorded as Sent,
            // or it would be sent again. Each SMTP operation is bounded by MailOptions.Timeout instead.
            var results = await transport.SendAsync(batch.Select(m => Outbox.ToMimeMessage(m, o)).ToList(), CancellationToken.None);
            var now = clock.GetUtcNow();
            var sent = new List<long>();
            var retrying = new List<(long Id, string Reason)>();
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                var error = results[i];
                message.Attempts++; // every try counts, the successful one too
                if (error is null)
                {
                    message.Status = OutboxStatus.Sent;
                    message.SentAt = now;
                    message.LastError = null;
                    sent.Add(message.Id);
                    continue;
                }
                message.LastError = Truncate($"{error.GetType().Name}: {error.Message}", 2000);
                if (message.Attempts >= o.MaxAttempts)
                {
                    message.Status = OutboxStatus.Failed;
                    LogGivenUp(logger, message.Id, message.Attempts, SafeReason(error));
                }
                else
                {
                    message.NextAttemptAt = now + o.RetryDelay(message.Attempts);
                    retrying.Add((message.Id, SafeReason(error)));
                }
            }
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);

            if (sent.Count > 0) LogSent(logger, sent.Count, string.Join(',', sent));
            foreach (var group in retrying.GroupBy(r => r.Reason))
                LogWillRetry(logger, group.Count(), string.Join(',', group.Select(r => r.Id)), group.Key);
            return (batch.Count, sent.Count);
        }, cancellationToken);
    }

    /// <summary>Why a send failed, without the server's text (it may quote the recipient's address).</summary>
    private static string SafeReason(Exception e) => e switch
    {
        SmtpCommandException c => $"SMTP {(int)c.StatusCode} {c.ErrorCode}",
        SocketException s => $"socket {s.SocketErrorCode}",
        _ => e.GetType().Name,
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} outbox message(s): {OutboxIds}")]
    private static partial void LogSent(ILogger logger, int count, string outboxIds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} outbox message(s), will retry: {OutboxIds} ({Reason})")]
    private static partial void LogWillRetry(ILogger logger, int count, string outboxIds, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {OutboxId} failed {Attempts} times and is marked Failed ({Reason})")]
    private static partial void LogGivenUp(ILogger logger, long outboxId, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox bodies: {Protected} encrypted, {Dropped} dropped after the retention period")]
    private static partial void LogTidied(ILogger logger, int @protected, int dropped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass failed; retrying after the poll interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
