using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.WorkOrders;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>
/// Work orders in the database: numbers per estate, the quote stored with the order, who may decide on it (only
/// owners of the case's unit), the estate scope for staff, and the quote mail to the unit's owners.
/// </summary>
public class WorkOrderDatabaseTests
{
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(string Cs, long CaseId, long OrderId)> PaidRepairAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner = await db.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn")
            .Select(p => new { p.Id, p.FullName, p.Phone, Unit = p.ActiveUnitId!.Value }).SingleAsync();
        var estateId = await db.Units.Where(u => u.Id == owner.Unit).Select(u => u.EstateId).SingleAsync();
        var filed = await CaseIntake.FileAsync(db, new NewCase(estateId, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit,
            "卫生间水龙头漏水", UnitId: owner.Unit, ReporterPersonId: owner.Id, ReporterName: owner.FullName, ReporterPhone: owner.Phone),
            new Actor(ActorKind.Owner, owner.FullName, PersonId: owner.Id), Now);
        var c = filed.Case;
        var department = await db.Departments.Where(d => d.EstateId == estateId).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        var dispatcher = new Actor(ActorKind.Staff, "派单员", Role: StaffRole.Dispatcher);
        c.Acknowledge(dispatcher, Now, "收到");
        c.Assign(dispatcher, Now, new Assignment(department, null, CaseCategory.Facilities), 1000m);
        var number = await WorkOrderNumbers.NextAsync(db, estateId, 2026);
        var order = WorkOrder.Issue(c, number, new Worker("王师傅"), true, "水龙头", dispatcher, Now);
        order.SetQuote(c, [new() { Item = "水龙头", Quantity = 1, UnitPrice = 120m }], 30m, dispatcher, Now);
        await db.SaveChangesAsync();
        return (cs, c.Id, order.Id);
    }

    [Fact]
    public async Task Numbers_run_per_estate_and_the_quote_is_stored_with_the_order()
    {
        var (cs, caseId, orderId) = await PaidRepairAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var c = await db.Cases.Include(x => x.WorkOrders).SingleAsync(x => x.Id == caseId);
        var order = Assert.Single(c.WorkOrders);
        Assert.Equal(orderId, order.Id);
        Assert.Matches(@"^HY-WX-2026-\d{4}$", order.Number);
        Assert.Equal("水龙头", Assert.Single(order.QuoteLines).Item);
        Assert.Equal(150m, order.QuoteTotal);
        Assert.True(c.WorkAwaitsQuote()); // loaded with the case, the hold holds

        // The number continues after the demo's orders and runs on; each estate and year counts on its own.
        Assert.True(await db.WorkOrders.CountAsync(w => w.EstateId == c.EstateId && w.IsPaid && w.QuoteStatus == QuoteStatus.Accepted) > 0, "demo work orders");
        Assert.False(await db.WorkOrders.AnyAsync(w => w.Id != orderId && w.Number.CompareTo(order.Number) >= 0 && w.Number.StartsWith("HY-WX-2026-")));
        Assert.Equal($"HY-WX-2026-{int.Parse(order.Number[^4..]) + 1:D4}", await WorkOrderNumbers.NextAsync(db, c.EstateId, 2026));
        var other = await db.Estates.Where(e => e.Code == "BHW").Select(e => e.Id).SingleAsync();
        Assert.Equal("BHW-WX-2030-0001", await WorkOrderNumbers.NextAsync(db, other, 2030));
        Assert.Equal("HY-WX-2030-0001", await WorkOrderNumbers.NextAsync(db, c.EstateId, 2030));
    }

    [Fact]
    public async Task The_demo_work_orders_follow_the_rules()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var orders = await db.WorkOrders.AsNoTracking()
            .Select(w => new { Order = w, Case = db.Cases.Where(c => c.Id == w.CaseId).Select(c => new { c.Type, c.StartedAt, c.ResolvedAt, c.Status }).Single() })
            .ToListAsync();
        Assert.NotEmpty(orders);
        Assert.All(orders, x => Assert.Equal(CaseType.RepairRequest, x.Case.Type));
        // Paid work started only after the owner accepted the quote; the quote read back from its JSON adds up.
        var paid = orders.Where(x => x.Order.IsPaid).ToList();
        Assert.NotEmpty(paid);
        Assert.All(paid, x =>
        {
            Assert.Equal(QuoteStatus.Accepted, x.Order.QuoteStatus);
            Assert.True(x.Order.QuoteDecidedAt <= x.Case.StartedAt);
            Assert.Equal(x.Order.QuoteTotal, WorkOrder.Total(x.Order.QuoteLines, x.Order.QuoteLabour));
        });
        // Completed exactly when resolved; signed off only when completed.
        Assert.All(orders, x => Assert.Equal(x.Case.ResolvedAt, x.Order.CompletedAt));
        Assert.All(orders, x => Assert.True(x.Order.SignedOffAt is null || x.Order.CompletedAt <= x.Order.SignedOffAt));
        Assert.Contains(orders, x => x.Order.SignedOffOnPaper);
        Assert.Contains(orders, x => x.Order.SignedOffAt is not null && !x.Order.SignedOffOnPaper);
        Assert.Equal(orders.Count, orders.Select(x => x.Order.Number).Distinct().Count());
        // Every step is on the case's public timeline.
        var issued = await db.CaseEvents.CountAsync(e => e.Kind == CaseEventKind.WorkOrderIssued && e.IsPublic);
        Assert.Equal(orders.Count, issued);
    }

    [Fact]
    public async Task Only_an_owner_of_the_cases_unit_finds_it_to_decide_on_the_quote()
    {
        var (cs, caseId, _) = await PaidRepairAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        int Person(string email) => db.People.Where(p => p.Email == email).Select(p => p.Id).Single();
        var unitOwner = Person("owner1.hy@demo.ownerportal.cn");
        var neighbour = Person("owner2.hy@demo.ownerportal.cn");
        var elsewhere = Person("owner1.bhw@demo.ownerportal.cn");

        Assert.True(await OwnerCases.OfTheirUnits(db, unitOwner).AnyAsync(c => c.Id == caseId));
        Assert.False(await OwnerCases.OfTheirUnits(db, neighbour).AnyAsync(c => c.Id == caseId));
        Assert.False(await OwnerCases.OfTheirUnits(db, elsewhere).AnyAsync(c => c.Id == caseId));

        // An owner who follows the case sees it, but does not decide for the unit.
        db.CaseFollowers.Add(new CaseFollower { CaseId = caseId, PersonId = neighbour, JoinedAt = Now });
        await db.SaveChangesAsync();
        Assert.True(await OwnerCases.VisibleTo(db, neighbour).AnyAsync(c => c.Id == caseId));
        Assert.False(await OwnerCases.OfTheirUnits(db, neighbour).AnyAsync(c => c.Id == caseId));

        // A revoked link ends the right to decide.
        var membership = await db.UnitMemberships.FirstAsync(m => m.PersonId == unitOwner && m.RevokedAt == null
            && m.UnitId == db.Cases.Where(c => c.Id == caseId).Select(c => c.UnitId).First());
        membership.RevokedAt = Now;
        await db.SaveChangesAsync();
        Assert.False(await OwnerCases.OfTheirUnits(db, unitOwner).AnyAsync(c => c.Id == caseId));
    }

    [Fact]
    public async Task Staff_of_another_estate_do_not_find_the_order()
    {
        var (cs, _, orderId) = await PaidRepairAsync();
        await using var plain = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var hy = await plain.Estates.Where(e => e.Code == "HY").Select(e => e.Id).SingleAsync();
        var bhw = await plain.Estates.Where(e => e.Code == "BHW").Select(e => e.Id).SingleAsync();
        await using var own = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(hy));
        await using var other = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(bhw));
        Assert.True(await own.WorkOrders.AnyAsync(w => w.Id == orderId));
        Assert.False(await other.WorkOrders.AnyAsync(w => w.Id == orderId));
    }

    [Fact]
    public async Task The_quote_mail_goes_to_the_owners_of_the_unit_with_items_total_and_link()
    {
        var (cs, caseId, _) = await PaidRepairAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var c = await db.Cases.Include(x => x.WorkOrders).SingleAsync(x => x.Id == caseId);
        var mail = new WorkOrderMail(db, TestStrings.Localizer,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PortalUrl"] = "https://portal.example" }).Build());
        await mail.QuoteAwaitingAsync(c, c.WorkOrders[0], Now);
        await db.SaveChangesAsync();

        var members = await db.People.Where(p => p.Email != null && p.UserId != null
            && db.UnitMemberships.Any(m => m.PersonId == p.Id && m.RevokedAt == null && m.UnitId == c.UnitId)).Select(p => p.Email!).ToListAsync();
        var sent = await db.Outbox.AsNoTracking().Where(m => m.Kind == "workorder.quote").ToListAsync();
        Assert.Contains("owner1.hy@demo.ownerportal.cn", sent.Select(m => m.To));
        Assert.Equal(members.Order(), sent.Select(m => m.To).Order());
        Assert.DoesNotContain(sent, m => m.To == "owner2.hy@demo.ownerportal.cn");
        Assert.All(sent, m =>
        {
            Assert.Contains("150.00", m.Subject);
            Assert.Contains("水龙头", m.TextBody);
            Assert.Contains(c.WorkOrders[0].Number, m.TextBody);
            Assert.Contains($"https://portal.example/Cases/Detail/{caseId}", m.TextBody);
        });
    }
}
