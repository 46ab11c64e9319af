using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>A class 2 complaint waiting on the developer, the class 3 coordination and the special report, in the database.</summary>
public class DeveloperWaitingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly Actor Dispatcher = new(ActorKind.Staff, "调度", Role: StaffRole.Dispatcher);
    private static readonly Actor Manager = new(ActorKind.Staff, "经理", Role: StaffRole.EstateManager);
    private static readonly Actor Quality = new(ActorKind.Staff, "全质办", Role: StaffRole.QualityOffice);
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    [Fact]
    public async Task Waiting_on_the_developer_keeps_a_case_out_of_the_overdue_queue_and_the_sweep_until_the_answer()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        var t = TestStrings.Localizer;
        OwnerPortalDbContext Db() => new(TestDatabase.Options(cs));
        CaseMail Mail(OwnerPortalDbContext db) => new(db, t, new ConfigurationBuilder().Build());
        var company = new QueueViewer(null, null);
        async Task<bool> InOverdue(long id)
        {
            await using var db = Db();
            return await WorkQueues.Filter(db.Cases, WorkQueue.Overdue, company, Now).AnyAsync(c => c.Id == id);
        }

        // Received ten days ago, deadline two days later, forwarded to the developer nine days ago: late on both counts.
        long id;
        await using (var db = Db())
        {
            var unit = await db.Units.FirstAsync();
            var department = await db.Departments.Where(d => d.EstateId == unit.EstateId).Select(d => d.Id).FirstAsync();
            var c = (await CaseIntake.FileAsync(db, new NewCase(unit.EstateId, CaseType.Complaint, CaseChannel.Phone, CaseLocation.OwnUnit, "外墙渗水", UnitId: unit.Id),
                Actor.System, Now.AddDays(-10))).Case;
            c.Acknowledge(Dispatcher, Now.AddDays(-10).AddHours(1), "已受理");
            c.Assign(Dispatcher, Now.AddDays(-10).AddHours(2), new Assignment(department, null, CaseCategory.Facilities, ComplaintClass.Developer), 1000m);
            c.Plan(Dispatcher with { Role = StaffRole.EstateManager }, Now.AddDays(-10).AddHours(3), "转开发商维修", Now.AddDays(-8));
            c.ForwardToDeveloper(Dispatcher, Now.AddDays(-9), Now.AddDays(-9), "外墙渗水，请开发商维修");
            await db.SaveChangesAsync();
            id = c.Id;
        }
        await using (var db = Db())
            Assert.Equal(Now.AddDays(-9), (await db.Cases.SingleAsync(c => c.Id == id)).WaitingOnDeveloperSince);
        Assert.False(await InOverdue(id));
        await using (var db = Db()) await EscalationSweep.RunOnceAsync(db, Mail(db), t, Now);
        await using (var db = Db()) Assert.Null((await db.Cases.SingleAsync(c => c.Id == id)).EscalatedAt);

        // The developer answers: the case is the estate's again, overdue and escalated by the next sweep.
        await using (var db = Db())
        {
            var c = await db.Cases.Include(x => x.DeveloperForwardings).SingleAsync(x => x.Id == id);
            c.RecordDeveloperAnswer(Dispatcher, Now.AddHours(-1), c.DeveloperForwardings.Single(), Now.AddHours(-2), "开发商下周维修");
            await db.SaveChangesAsync();
        }
        await using (var db = Db())
        {
            var c = await db.Cases.Include(x => x.DeveloperForwardings).Include(x => x.Events).SingleAsync(x => x.Id == id);
            Assert.Null(c.WaitingOnDeveloperSince);
            Assert.Equal((Now.AddHours(-2), "开发商下周维修"), (c.DeveloperForwardings.Single().AnsweredAt!.Value, c.DeveloperForwardings.Single().Answer));
            Assert.Equal([CaseEventKind.ForwardedToDeveloper, CaseEventKind.DeveloperAnswered],
                c.Events.Where(e => e.IsPublic && e.Kind is CaseEventKind.ForwardedToDeveloper or CaseEventKind.DeveloperAnswered).OrderBy(e => e.At).Select(e => e.Kind));
        }
        Assert.True(await InOverdue(id));
        await using (var db = Db()) Assert.True(await EscalationSweep.RunOnceAsync(db, Mail(db), t, Now) >= 1);
        await using (var db = Db()) Assert.Equal(Now, (await db.Cases.SingleAsync(c => c.Id == id)).EscalatedAt);
    }

    [Fact]
    public async Task Coordinations_and_the_special_report_are_stored_with_the_case_and_stay_in_its_estate()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        long id;
        int estate;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var unit = await db.Units.FirstAsync();
            estate = unit.EstateId;
            var department = await db.Departments.Where(d => d.EstateId == unit.EstateId).Select(d => d.Id).FirstAsync();
            var c = (await CaseIntake.FileAsync(db, new NewCase(unit.EstateId, CaseType.Complaint, CaseChannel.Phone, CaseLocation.PublicArea, "小区门口停水",
                UnitId: unit.Id, PublicAreaId: await db.PublicAreas.Where(a => a.EstateId == unit.EstateId).Select(a => (int?)a.Id).FirstAsync()), Actor.System, Now.AddDays(-5))).Case;
            c.Acknowledge(Dispatcher, Now.AddDays(-5).AddHours(1), "已受理");
            c.Assign(Dispatcher, Now.AddDays(-5).AddHours(2), new Assignment(department, null, CaseCategory.Facilities, ComplaintClass.External, FlaggedMajor: true), 1000m);
            c.CoordinateExternal(Dispatcher, Now.AddDays(-4), new ExternalCoordinationDetails("市自来水公司", Now.AddDays(-4).AddHours(-3), "两天内修复主管", "停水由市政管网维修引起。"));
            c.Plan(Manager, Now.AddDays(-4), "跟进自来水公司", Now.AddDays(-2));
            c.Resolve(Manager, Now.AddDays(-3), "已恢复供水");
            c.WriteMajorReport(Manager, Now.AddDays(-2), new MajorReportText("停水投诉", "市政管网", "协调抢修", "提前告知", "建立停水通知流程"));
            await db.SaveChangesAsync();
            id = c.Id;
        }
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var c = await db.Cases.Include(x => x.ExternalCoordinations).Include(x => x.SpecialReport).SingleAsync(x => x.Id == id);
            Assert.Equal(("市自来水公司", "两天内修复主管"), (c.ExternalCoordinations.Single().With, c.ExternalCoordinations.Single().Agreed));
            Assert.Equal("建立停水通知流程", c.SpecialReport!.CorrectiveAction);
            c.ReviewMajorReport(Quality, Now.AddDays(-1));
            await db.SaveChangesAsync();
        }
        var other = await new OwnerPortalDbContext(TestDatabase.Options(cs)).Estates.Where(e => e.Id != estate).Select(e => e.Id).FirstAsync();
        await using (var theirs = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(other)))
        {
            Assert.False(await theirs.ExternalCoordinations.AnyAsync(x => x.CaseId == id));
            Assert.False(await theirs.MajorComplaintReports.AnyAsync(x => x.CaseId == id));
        }
        await using (var ours = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(estate)))
            Assert.Equal(Now.AddDays(-1), (await ours.MajorComplaintReports.SingleAsync(x => x.CaseId == id)).ReviewedAt);
    }
}
