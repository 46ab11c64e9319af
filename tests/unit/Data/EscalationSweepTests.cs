using Microsoft.EntityFrameworkCore;
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
}
