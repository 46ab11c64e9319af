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

/// <summary>Case mails go to the reporter and followers with accounts, honouring their choice of progress mails.</summary>
public class CaseMailTests
{
    [Fact]
    public async Task Essential_steps_reach_everyone_progress_steps_only_those_who_want_them()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var reporter = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var follower = await db.People.SingleAsync(p => p.Email == "owner2.hy@demo.ownerportal.cn");
        var bystander = await db.People.SingleAsync(p => p.Email == "owner1.bhw@demo.ownerportal.cn");
        follower.MailOnProgress = false;
        var c = await db.Cases.FirstAsync(x => x.EstateId == 1);
        db.Entry(c).Property(x => x.ReporterPersonId).CurrentValue = reporter.Id;
        db.CaseFollowers.Add(new CaseFollower { CaseId = c.Id, PersonId = follower.Id, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();

        var localizer = TestStrings.Localizer;
        var mail = new CaseMail(db, localizer, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PortalUrl"] = "https://portal.example" }).Build());
        await mail.NotifyAsync(c, CaseEventKind.Acknowledged, "已受理", DateTimeOffset.UtcNow);
        await mail.NotifyAsync(c, CaseEventKind.Planned, "更换灯管", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();

        var sent = await db.Outbox.AsNoTracking().Select(m => new { m.To, m.Kind, m.TextBody, m.Subject }).ToListAsync();
        Assert.Equal(
            new[] { (reporter.Email!, "case.acknowledged"), (follower.Email!, "case.acknowledged"), (reporter.Email!, "case.planned") }.Order().ToList(),
            sent.Select(m => (m.To, m.Kind)).Order().ToList());
        Assert.DoesNotContain(sent, m => m.To == bystander.Email);
        Assert.All(sent, m => Assert.Contains($"https://portal.example/Cases/Detail/{c.Id}", m.TextBody));
        Assert.All(sent, m => Assert.Contains(c.Reference, m.Subject));
    }
}
