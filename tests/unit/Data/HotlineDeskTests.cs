using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Identity;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>The GM hotline desk on the database: a call becomes a Hotline case, the estate's replies count, estates see only their own.</summary>
public class HotlineDeskTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    [Fact]
    public async Task A_call_files_a_hotline_case_the_estate_reply_counts_and_other_estates_do_not_see_it()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        OwnerPortalDbContext Db(int? estate = null) => new(TestDatabase.Options(cs), estate is null ? null : new Scope(estate));

        long ticketId, caseId;
        int hy, bhw;
        await using (var db = Db())
        {
            hy = await db.Estates.Where(e => e.Code == "HY").Select(e => e.Id).SingleAsync();
            bhw = await db.Estates.Where(e => e.Code == "BHW").Select(e => e.Id).SingleAsync();
            var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
            var quality = await db.Staff.SingleAsync(s => s.Email == "quality@demo.ownerportal.cn");
            var desk = new Actor(ActorKind.Staff, quality.FullName, quality.Id, Role: StaffRole.QualityOffice);
            var key = Guid.NewGuid();
            var call = new HotlineCall(hy, owner.ActiveUnitId, owner.Id, owner.FullName, owner.Phone, "楼道漏水三天无人处理", CaseType.Complaint,
                CaseCategory.Facilities, null, null, key);
            var ticket = await HotlineDesk.TakeCallAsync(db, call, desk, Now);
            Assert.Same(ticket, await HotlineDesk.TakeCallAsync(db, call, desk, Now.AddSeconds(2))); // a double submit
            ticketId = ticket.Id;
            caseId = ticket.CaseId!.Value;
            var filed = await db.Cases.SingleAsync(c => c.Id == caseId);
            Assert.Equal((CaseChannel.Hotline, owner.Id, hy, CaseStatus.Received), (filed.Channel, filed.ReporterPersonId, filed.EstateId, filed.Status));
            Assert.Equal(1, await db.HotlineTickets.CountAsync(x => x.CaseId == caseId));

            await HotlineDesk.SendHandlingFileAsync(db, ticket, "请今天上门查看并回复业主", quality.FullName, Now.AddHours(1), TestStrings.Localizer, "https://admin.example");
            await db.SaveChangesAsync();
            var managers = await db.Staff.Where(s => s.EstateId == hy && s.Role == StaffRole.EstateManager && s.IsActive).Select(s => s.Email).ToListAsync();
            var mails = await db.Outbox.Where(m => m.Kind == "hotline.handling-file").ToListAsync();
            Assert.Equal(managers.Order(), mails.Select(m => m.To).Order());
            Assert.All(mails, m => Assert.Contains($"https://admin.example/Hotline/Detail/{ticketId}", m.TextBody));

            // The quality office's own comment is not the estate's response.
            filed.Comment(desk, Now.AddHours(2), "全质办已致电业主", isPublic: true);
            await db.SaveChangesAsync();
        }

        await using (var db = Db())
        {
            var view = (await HotlineDesk.LoadAsync(db, db.HotlineTickets.Where(x => x.Id == ticketId), Now.AddHours(3))).Single();
            Assert.Equal(HotlineStage.AwaitingFirstResponse, view.Stage);
        }

        // The HY dispatcher acknowledges the case 5 hours after receipt: the desk sees a first response in time.
        await using (var db = Db(hy))
        {
            var dispatcher = await db.Staff.SingleAsync(s => s.Email == "dispatcher.hy@demo.ownerportal.cn");
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            c.Acknowledge(new Actor(ActorKind.Staff, dispatcher.FullName, dispatcher.Id, Role: StaffRole.Dispatcher), Now.AddHours(5), "已联系业主，明天上午维修");
            await db.SaveChangesAsync();
            var view = (await HotlineDesk.LoadAsync(db, db.HotlineTickets.Where(x => x.Id == ticketId), Now.AddHours(30))).Single();
            Assert.Equal(Now.AddHours(5), view.Facts.FirstResponseAt);
            Assert.True(view.FirstResponseInTime);
            Assert.Equal(HotlineStage.AwaitingCompletion, view.Stage);
        }

        // Estate scope: the BHW manager's queries do not find HY's handling file at all.
        await using (var db = Db(bhw))
        {
            Assert.False(await db.HotlineTickets.AnyAsync(x => x.Id == ticketId));
            Assert.All(await HotlineDesk.LoadAsync(db, db.HotlineTickets, Now), v => Assert.Equal(bhw, v.EstateId));
        }
        await using (var db = Db(hy)) Assert.True(await db.HotlineTickets.AnyAsync(x => x.Id == ticketId));
    }

    [Fact]
    public async Task The_demo_desk_holds_the_hotline_cases_of_the_last_30_days_in_every_stage()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var hotlineCases = await db.Cases.CountAsync(c => c.Channel == CaseChannel.Hotline && c.ReceivedAt >= Now.AddDays(-30) && c.ReceivedAt < Now);
        var views = await HotlineDesk.LoadAsync(db, db.HotlineTickets, Now);
        Assert.Equal(hotlineCases, views.Count);
        Assert.True(views.Count >= 5, $"only {views.Count} demo hotline matters");
        Assert.Contains(views, v => v.Stage == HotlineStage.Done);
        Assert.Contains(views, v => v.Stage is HotlineStage.AwaitingCompletion or HotlineStage.Completed);
        Assert.All(views.Where(v => v.Stage == HotlineStage.Done), v => Assert.NotNull(v.Facts.CompletedAt));
    }

    [Fact]
    public async Task An_owners_appeal_puts_the_case_on_the_desk_once()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var c = (await Core.Cases.CaseIntake.FileAsync(db, new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, "电梯经常停运",
            UnitId: owner.ActiveUnitId, ReporterPersonId: owner.Id, ReporterName: owner.FullName, ReporterPhone: owner.Phone), Actor.System, Now)).Case;
        var actor = new Actor(ActorKind.Owner, owner.FullName, PersonId: owner.Id);
        foreach (var hours in new[] { 1, 2 })
        {
            c.Escalate(actor, Now.AddHours(hours), "一直没人处理，向公司投诉");
            await HotlineDesk.OnOwnerEscalationAsync(db, c, actor, "一直没人处理，向公司投诉", Now.AddHours(hours));
            await db.SaveChangesAsync();
        }
        var ticket = await db.HotlineTickets.SingleAsync(x => x.CaseId == c.Id);
        Assert.Equal((HotlineSource.OwnerEscalation, Now.AddHours(1), owner.Phone, c.EstateId), (ticket.Source, ticket.ReceivedAt, ticket.CallerPhone, ticket.EstateId));
    }
}
