using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Observability;

namespace OwnerPortal.Core.Cases;

/// <summary>The "Escalation" configuration section.</summary>
public sealed class EscalationOptions
{
    public bool SweepEnabled { get; set; } = true;
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// SPEC 2 (003 4.3.3): a complaint not resolved within the escalation period (7 days by default) is escalated to
/// company leadership and the quality office; a class 2 complaint waiting on the developer is left until the developer
/// answered (<see cref="CaseWaiting"/>). Runs every minute in each site; a database lock lets one instance
/// work at a time, so no complaint is escalated twice.
/// </summary>
public sealed partial class EscalationSweep(IServiceScopeFactory scopes, TimeProvider clock, IOptions<EscalationOptions> options, ILogger<EscalationSweep> logger,
    OwnerPortalMetrics metrics) : BackgroundService
{
    private const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.SweepEvery;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pass = metrics.Start("escalation-sweep");
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var escalated = await RunOnceAsync(scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>(),
                    scope.ServiceProvider.GetRequiredService<CaseMail>(), scope.ServiceProvider.GetRequiredService<IStringLocalizer<Strings>>(),
                    clock.GetUtcNow(), stoppingToken);
                if (escalated > 0) LogEscalated(logger, escalated);
            }
            catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException && !stoppingToken.IsCancellationRequested)
            {
                pass.Failed();
                LogFailed(logger, e); // the next pass tries again
            }
            pass.Dispose();
            try { await Task.Delay(every, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Escalates the complaints whose escalation time has passed unresolved; returns how many.</summary>
    public static Task<int> RunOnceAsync(OwnerPortalDbContext db, CaseMail mail, IStringLocalizer<Strings> t, DateTimeOffset now, CancellationToken ct = default) =>
        db.InTransactionAsync(async tx =>
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(727002)", ct);
            var due = await db.Cases
                .Where(c => c.Type == CaseType.Complaint && c.Status < CaseStatus.Resolved && c.EscalatedAt == null
                            && c.EscalationDueAt <= now && !c.IsTest)
                .Where(CaseWaiting.IsNotWaitingOnDeveloper) // waiting on the developer is not the estate's delay
                .OrderBy(c => c.EscalationDueAt).Take(BatchSize).ToListAsync(ct);
            if (due.Count == 0) return 0;

            // The timeline text is data, written in the owners' language like staff notes.
            var reason = OwnerLanguage.Write(() => t["Cases.Escalation.Auto"].Value);

            foreach (var c in due)
            {
                c.Escalate(Actor.System, now, reason);
                await mail.NotifyAsync(c, CaseEventKind.Escalated, reason, now, ct);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return due.Count;
        }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Count} complaints unresolved past their escalation time")]
    private static partial void LogEscalated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation sweep failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
