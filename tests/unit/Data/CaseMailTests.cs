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

    [Fact]
    public async Task Each_recipient_reads_the_mail_in_their_language_with_the_deadline_written_for_them()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var reporter = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var follower = await db.People.SingleAsync(p => p.Email == "owner2.hy@demo.ownerportal.cn");
        reporter.Language = "en";
        follower.Language = "zh-Hans";
        var c = await db.Cases.FirstAsync(x => x.EstateId == 1 && x.Status == CaseStatus.Assigned);
        db.Entry(c).Property(x => x.ReporterPersonId).CurrentValue = reporter.Id;
        db.CaseFollowers.Add(new CaseFollower { CaseId = c.Id, PersonId = follower.Id, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        // 2026-12-07 10:00 UTC is 18:00 in Shanghai, the estate's zone.
        var now = new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
        c.Plan(new Actor(ActorKind.Staff, "x", StaffId: 1, Role: OwnerPortal.Core.Domain.People.StaffRole.DepartmentSupervisor), now, "更换灯管", new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

        // The staff member acting reads English: that must not reach the Chinese reader's mail.
        var (ui, formats) = (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture);
        (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture) = (SiteCultures.English, SiteCultures.English);
        try
        {
            var mail = new CaseMail(db, TestStrings.Localizer, new ConfigurationBuilder().Build());
            await mail.NotifyAsync(c, CaseEventKind.Planned, "更换灯管", now);
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentUICulture, System.Globalization.CultureInfo.CurrentCulture) = (ui, formats);
        }
        await db.SaveChangesAsync();

        var sent = await db.Outbox.AsNoTracking().Where(m => m.Kind == "case.planned").ToDictionaryAsync(m => m.To, m => m.Subject + "\n" + m.TextBody);
        var english = sent[reporter.Email!];
        var chinese = sent[follower.Email!];
        Assert.Contains("To be done by: 2026-12-07 18:00", english);
        Assert.DoesNotContain("完成时间", english);
        Assert.Contains("完成时间：2026-12-07 18:00", chinese);
        Assert.DoesNotContain("To be done by", chinese);
        Assert.DoesNotContain("Plan", chinese);
        Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", english + chinese); // no US-style dates
    }
}
