using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Localization;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

public class EscalationSweepTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Complaints_unresolved_past_their_escalation_time_are_escalated_once()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        var t = TestStrings.Localizer;
        OwnerPortalDbContext Db() => new(TestDatabase.Options(cs));
        CaseMail Mail(OwnerPortalDbContext db) => new(db, t, new ConfigurationBuilder().Build());

        // The demo history is already consistent: nothing is overdue for escalation at its anchor.
        await using (var db = Db()) Assert.Equal(0, await EscalationSweep.RunOnceAsync(db, Mail(db), t, Now));

        long oldComplaint, oldSuggestion, freshComplaint;
        await using (var db = Db())
        {
            var unit = await db.Units.FirstAsync();
            async Task<long> File(CaseType type, DateTimeOffset at) => (await CaseIntake.FileAsync(db,
                new NewCase(unit.EstateId, type, CaseChannel.Phone, CaseLocation.OwnUnit, "测试", UnitId: unit.Id), Actor.System, at)).Case.Id;
            oldComplaint = await File(CaseType.Complaint, Now.AddDays(-8));
            oldSuggestion = await File(CaseType.Suggestion, Now.AddDays(-8));
            freshComplaint = await File(CaseType.Complaint, Now.AddDays(-6));
        }

        await using (var db = Db()) Assert.Equal(1, await EscalationSweep.RunOnceAsync(db, Mail(db), t, Now));
        await using (var db = Db()) Assert.Equal(0, await EscalationSweep.RunOnceAsync(db, Mail(db), t, Now)); // never twice

        await using (var db = Db())
        {
            var escalated = await db.Cases.Include(c => c.Events).SingleAsync(c => c.Id == oldComplaint);
            Assert.Equal(Now, escalated.EscalatedAt);
            var entry = escalated.Events.Single(e => e.Kind == CaseEventKind.Escalated);
            Assert.Equal(ActorKind.System, entry.ActorKind);
            Assert.False(entry.IsPublic);
            Assert.Null((await db.Cases.SingleAsync(c => c.Id == oldSuggestion)).EscalatedAt);
            Assert.Null((await db.Cases.SingleAsync(c => c.Id == freshComplaint)).EscalatedAt);
        }
    }

    [Fact]
    public async Task Two_instances_sweeping_at_the_same_moment_escalate_each_complaint_once()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        var t = TestStrings.Localizer;
        var overdue = new List<long>();
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            foreach (var unit in await db.Units.OrderBy(u => u.Id).Take(12).ToListAsync())
                overdue.Add((await CaseIntake.FileAsync(db, new NewCase(unit.EstateId, CaseType.Complaint, CaseChannel.Phone,
                    CaseLocation.OwnUnit, "测试", UnitId: unit.Id), Actor.System, Now.AddDays(-8))).Case.Id);
        }

        // Each instance holds its list of due complaints until the other also read one (or 3 s passed): without the
        // sweep's database lock both lists hold all twelve and every complaint is escalated and mailed twice; with it
        // the second instance reads only after the first committed, and finds nothing left.
        var meet = new AfterDueList(2);
        async Task<int> Instance()
        {
            var options = new DbContextOptionsBuilder<OwnerPortalDbContext>(TestDatabase.Options(cs)).AddInterceptors(meet).Options;
            await using var db = new OwnerPortalDbContext(options);
            return await EscalationSweep.RunOnceAsync(db, new CaseMail(db, t, new ConfigurationBuilder().Build()), t, Now);
        }
        var escalated = await Task.WhenAll(Task.Run(Instance), Task.Run(Instance));

        Assert.Equal(overdue.Count, escalated.Sum());
        Assert.Contains(0, escalated);
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var events = await db.Cases.Where(c => overdue.Contains(c.Id))
                .Select(c => c.Events.Count(e => e.Kind == CaseEventKind.Escalated)).ToListAsync();
            Assert.Equal(overdue.Count, events.Count);
            Assert.All(events, n => Assert.Equal(1, n));
        }
    }

    /// <summary>Pauses a sweep after it read the due complaints until the other instance did too, at most 3 s.</summary>
    private sealed class AfterDueList(int parties) : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
            DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("escalation_due_at", StringComparison.Ordinal) && command.CommandText.Contains("LIMIT", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _arrived) >= parties) _all.TrySetResult();
                try { await _all.Task.WaitAsync(TimeSpan.FromSeconds(3), cancellationToken); }
                catch (TimeoutException) { } // the other instance is waiting for this one's lock
            }
            return result;
        }
    }
}
