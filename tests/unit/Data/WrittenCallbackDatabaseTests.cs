using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>Written callbacks on real PostgreSQL: the draw and its exclusions, owner scoping, one answer per household.</summary>
public class WrittenCallbackDatabaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static async Task<string> DemoAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        return cs;
    }

    private static WrittenCallbacks Service(OwnerPortalDbContext db) =>
        new(db, TestStrings.Localizer, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PortalUrl"] = "https://portal.example" }).Build());

    [Fact]
    public async Task A_round_samples_five_percent_avoiding_recent_contacts_and_mails_the_households_with_accounts()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var estate = await db.Units.Where(u => u.Id == owner.ActiveUnitId).Select(u => u.EstateId).SingleAsync();
        var departments = await db.Departments.Where(d => d.EstateId == estate).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        var units = await db.Units.Where(u => u.EstateId == estate).Select(u => u.Id).ToListAsync();
        var service = Service(db);

        // Everyone but owner1.hy's household was invited by another department 10 days ago.
        var earlier = new WrittenCallbackRound { EstateId = estate, DepartmentId = departments[1], Seed = "earlier", Households = units.Count, DrawnAt = Now.AddDays(-10), DrawnBy = "t" };
        earlier.Invitations.AddRange(units.Where(u => u != owner.ActiveUnitId).Select(u => new WrittenCallbackInvitation { EstateId = estate, UnitId = u, InvitedAt = Now.AddDays(-10) }));
        db.WrittenCallbackRounds.Add(earlier);
        await db.SaveChangesAsync();
        Assert.DoesNotContain(owner.ActiveUnitId!.Value, await service.RecentlyContactedAsync(estate, WrittenCallbackRules.ExclusionStart(Now)));

        var round = await service.DrawAsync(departments[0], Now, null, "test");
        Assert.Equal(WrittenCallbackRules.SampleSize(units.Count), round.Invitations.Count);
        Assert.Contains(round.Invitations, i => i.UnitId == owner.ActiveUnitId); // the only one not contacted comes first
        var mine = round.Invitations.Single(i => i.UnitId == owner.ActiveUnitId);
        Assert.True(mine.Mails >= 1);
        var mail = await db.Outbox.SingleAsync(m => m.Kind == "callback.written" && m.To == owner.Email);
        Assert.Contains($"https://portal.example/Callbacks/Written/{mine.Id}", mail.TextBody);

        var coverage = await service.CoverageAsync(estate, 2026);
        Assert.Equal(round.Invitations.Count, coverage.Single(c => c.DepartmentId == departments[0]).Coverage.Sampled);
        Assert.True(coverage.Single(c => c.DepartmentId == departments[0]).Coverage.MeetsTarget);
    }

    [Fact]
    public async Task Only_people_of_the_household_may_answer_and_the_household_answers_once()
    {
        var cs = await DemoAsync();
        int invitationId;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
            var unit = await db.Units.SingleAsync(u => u.Id == owner.ActiveUnitId);
            var department = await db.Departments.FirstAsync(d => d.EstateId == unit.EstateId && d.Kind == DepartmentKind.Engineering);
            var round = new WrittenCallbackRound { EstateId = unit.EstateId, DepartmentId = department.Id, Seed = "s", Households = 1, DrawnAt = Now, DrawnBy = "t" };
            round.Invitations.Add(new WrittenCallbackInvitation { EstateId = unit.EstateId, UnitId = unit.Id, InvitedAt = Now });
            db.WrittenCallbackRounds.Add(round);
            await db.SaveChangesAsync();
            invitationId = (int)round.Invitations[0].Id;

            var service = Service(db);
            foreach (var other in new[] { "owner2.hy@demo.ownerportal.cn", "owner1.bhw@demo.ownerportal.cn" })
            {
                var person = await db.People.SingleAsync(p => p.Email == other);
                Assert.Null(await service.ForPersonAsync(invitationId, person.Id)); // the page answers 404
            }
            Assert.NotNull(await service.ForPersonAsync(invitationId, owner.Id));
        }

        // Two answers arrive at once (say the owner online and staff keying in the paper form): one is kept.
        await using var first = new OwnerPortalDbContext(TestDatabase.Options(cs));
        await using var second = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var person1 = await first.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn").Select(p => p.Id).SingleAsync();
        var online = (await Service(first).ForPersonAsync(invitationId, person1))!;
        var paper = await second.WrittenCallbackInvitations.SingleAsync(i => i.Id == invitationId);
        Assert.Equal(WrittenAnswerResult.Saved, await Service(first).AnswerAsync(online, new WrittenAnswer(5, 5, 5, 5, "很好"), Now, person1, null));
        Assert.Equal(WrittenAnswerResult.AlreadyAnswered, await Service(second).AnswerAsync(paper, new WrittenAnswer(1, 1, 1, 1, null), Now, null, 1));
        // And once answered, the household cannot answer again.
        Assert.Equal(WrittenAnswerResult.AlreadyAnswered, await Service(first).AnswerAsync(online, new WrittenAnswer(2, 2, 2, 2, null), Now, person1, null));

        await using var check = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var stored = await check.WrittenCallbackInvitations.SingleAsync(i => i.Id == invitationId);
        Assert.Equal((5, false, person1), (stored.Overall!.Value, stored.IsPaper, stored.AnsweredByPersonId!.Value));
    }
}
