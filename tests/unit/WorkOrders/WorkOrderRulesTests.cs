using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.WorkOrders;

/// <summary>
/// Repair work orders (SPEC 2, 002 第五节): a paid repair starts only after the owner accepted the quote; a declined
/// quote is revised; completion and the owner's sign-off; who may do what; every step on the timeline.
/// </summary>
public class WorkOrderRulesTests
{
    private const int Engineering = 11, Cleaning = 12;
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Dispatcher = new(ActorKind.Staff, "派单员", 1, Role: StaffRole.Dispatcher);
    private static readonly Actor Lead = new(ActorKind.Staff, "维修主管", 2, Role: StaffRole.DepartmentSupervisor);
    private static readonly Actor Manager = new(ActorKind.Staff, "经理", 3, Role: StaffRole.EstateManager);
    private static readonly Actor Quality = new(ActorKind.Staff, "品质部", 4, Role: StaffRole.QualityOffice);
    private static readonly Actor Owner = new(ActorKind.Owner, "业主", PersonId: 7);

    private static readonly QuoteLine[] Lines =
    [
        new() { Item = "DN20 角阀", Quantity = 2, UnitPrice = 35.5m },
        new() { Item = "生料带", Quantity = 1, UnitPrice = 3m },
        new() { Item = "   ", Quantity = 9, UnitPrice = 99m }, // a blank row of the form: ignored
    ];

    private static Case Repair(CaseType type = CaseType.RepairRequest, bool planned = true)
    {
        var c = Case.Receive(new NewCase(1, type, CaseChannel.Portal, CaseLocation.OwnUnit, "厨房角阀漏水", UnitId: 1), "HY-2026-00001",
            CaseDeadlines.ForReceipt(T0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), T0, Actor.System);
        c.Acknowledge(Dispatcher, T0, "收到");
        c.Assign(Dispatcher, T0, new Assignment(Engineering, null, CaseCategory.Facilities, ComplaintClass.Service), 1000m);
        if (planned) c.Plan(Lead, T0, "上门更换角阀", T0.AddDays(2));
        return c;
    }

    private static WorkOrder Issue(Case c, bool paid, Actor? by = null) =>
        WorkOrder.Issue(c, "HY-WX-2026-0001", new Worker("王师傅", 21), paid, "角阀 x2", by ?? Lead, T0.AddMinutes(5));

    [Fact]
    public void A_paid_repair_cannot_start_or_be_resolved_before_the_owner_accepts_the_quote()
    {
        var c = Repair();
        var order = Issue(c, paid: true);
        Assert.True(order.HoldsWork);
        Assert.Throws<WorkflowException>(() => c.Start(Lead, T0.AddMinutes(6)));      // no quote yet
        Assert.Throws<WorkflowException>(() => c.Resolve(Lead, T0.AddMinutes(6), "修好了"));

        order.SetQuote(c, Lines, 50m, Lead, T0.AddMinutes(10));
        Assert.Equal(QuoteStatus.Awaiting, order.QuoteStatus);
        Assert.Throws<WorkflowException>(() => c.Start(Lead, T0.AddMinutes(11)));     // quoted, not accepted
        Assert.DoesNotContain(CaseAction.Start, CaseAccess.Offered(c, Lead, Engineering));
        Assert.DoesNotContain(CaseAction.Resolve, CaseAccess.Offered(c, Lead, Engineering));

        order.AcceptQuote(c, Owner, T0.AddMinutes(20), order.QuoteRevision);
        Assert.False(order.HoldsWork);
        Assert.Contains(CaseAction.Start, CaseAccess.Offered(c, Lead, Engineering));
        c.Start(Lead, T0.AddMinutes(30));
        Assert.Equal(CaseStatus.InProgress, c.Status);
    }

    [Fact]
    public void A_free_repair_starts_at_once()
    {
        var c = Repair();
        var order = Issue(c, paid: false);
        Assert.False(order.HoldsWork);
        Assert.False(order.CanQuote);
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, Lines, 10m, Lead, T0.AddMinutes(6)));
        c.Start(Lead, T0.AddMinutes(6));
        Assert.Equal(CaseStatus.InProgress, c.Status);
    }

    [Fact]
    public void The_quote_total_is_the_items_plus_labour_and_blank_rows_are_ignored()
    {
        var c = Repair();
        var order = Issue(c, paid: true);
        order.SetQuote(c, Lines, 50m, Lead, T0.AddMinutes(10));
        Assert.Equal(2, order.QuoteLines.Count);
        Assert.Equal(71m, order.QuoteLines[0].Amount);
        Assert.Equal(124m, order.QuoteTotal); // 2 × 35.50 + 3 + 50 labour
        Assert.Equal(1, order.QuoteRevision);
    }

    [Fact]
    public void A_quote_must_make_sense()
    {
        var c = Repair();
        var order = Issue(c, paid: true);
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, [], 0m, Lead, T0));
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, [new() { Item = "管件", Quantity = 0, UnitPrice = 5 }], 0m, Lead, T0));
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, [new() { Item = "管件", Quantity = 1, UnitPrice = -5 }], 0m, Lead, T0));
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, [], -1m, Lead, T0));
        Assert.Equal(QuoteStatus.None, order.QuoteStatus);
        order.SetQuote(c, [], 80m, Lead, T0); // labour only is a quote
        Assert.Equal(80m, order.QuoteTotal);
    }

    [Fact]
    public void A_declined_quote_needs_a_reason_is_revised_and_accepted()
    {
        var c = Repair();
        var order = Issue(c, paid: true);
        order.SetQuote(c, Lines, 50m, Lead, T0.AddMinutes(10));
        Assert.Throws<WorkflowException>(() => order.DeclineQuote(c, Owner, T0.AddMinutes(20), " ", order.QuoteRevision));
        order.DeclineQuote(c, Owner, T0.AddMinutes(20), "人工费太高", order.QuoteRevision);
        Assert.Equal(QuoteStatus.Declined, order.QuoteStatus);
        Assert.Equal("人工费太高", order.QuoteDeclineReason);
        Assert.True(order.HoldsWork);
        Assert.Throws<WorkflowException>(() => order.AcceptQuote(c, Owner, T0.AddMinutes(21), order.QuoteRevision)); // nothing awaiting now
        Assert.Throws<WorkflowException>(() => c.Start(Lead, T0.AddMinutes(21)));

        order.SetQuote(c, Lines, 20m, Lead, T0.AddMinutes(30));
        Assert.Equal(2, order.QuoteRevision);
        // The owner's page still showed the first quote: it is not accepted unseen.
        Assert.Throws<WorkflowException>(() => order.AcceptQuote(c, Owner, T0.AddMinutes(35), revisionSeen: 1));
        Assert.Equal(QuoteStatus.Awaiting, order.QuoteStatus);
        Assert.Equal(94m, order.QuoteTotal);
        order.AcceptQuote(c, Owner, T0.AddMinutes(40), order.QuoteRevision);
        Assert.Null(order.QuoteDeclineReason);
        Assert.False(order.CanQuote); // an accepted quote is not changed any more
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, Lines, 0m, Lead, T0.AddMinutes(41)));
    }

    [Fact]
    public void Completion_needs_started_work_says_what_was_done_and_is_not_in_the_future()
    {
        var c = Repair();
        var order = Issue(c, paid: false);
        Assert.False(order.CanComplete(c)); // planned, not started
        Assert.Throws<WorkflowException>(() => order.Complete(c, "更换角阀", null, T0.AddMinutes(30), Lead, T0.AddHours(1)));
        c.Start(Lead, T0.AddMinutes(10));
        Assert.Throws<WorkflowException>(() => order.Complete(c, " ", null, T0.AddMinutes(30), Lead, T0.AddHours(1)));
        Assert.Throws<WorkflowException>(() => order.Complete(c, "更换角阀", null, T0.AddHours(2), Lead, T0.AddHours(1)));
        Assert.Throws<WorkflowException>(() => order.Complete(c, "更换角阀", null, T0, Lead, T0.AddHours(1))); // before it was issued

        order.Complete(c, "更换两个角阀", "角阀 x2，生料带 1 卷", T0.AddMinutes(50), Lead, T0.AddHours(1));
        Assert.Equal(WorkOrderStage.Completed, order.Stage);
        Assert.Equal(T0.AddMinutes(50), order.CompletedAt);
        Assert.Equal("角阀 x2，生料带 1 卷", order.MaterialsUsed);
        Assert.Throws<WorkflowException>(() => order.Complete(c, "again", null, T0.AddMinutes(50), Lead, T0.AddHours(1)));
        // The case is resolved as usual (the Admin does it together with the completion when allowed).
        c.Resolve(Lead, T0.AddHours(1), order.WorkDone!);
        Assert.Equal(CaseStatus.Resolved, c.Status);
    }

    [Fact]
    public void The_owner_signs_off_once_after_completion_in_the_portal_or_staff_key_in_the_paper_order()
    {
        var c = Repair();
        var order = Issue(c, paid: false);
        Assert.Throws<WorkflowException>(() => order.SignOff(c, "满意", Owner, T0.AddMinutes(6))); // not done yet
        c.Start(Lead, T0.AddMinutes(10));
        order.Complete(c, "更换角阀", null, T0.AddMinutes(50), Lead, T0.AddHours(1));
        Assert.Throws<WorkflowException>(() => order.SignOff(c, "", Owner, T0.AddHours(2)));
        order.SignOff(c, "师傅很细心，满意", Owner, T0.AddHours(2));
        Assert.Equal(WorkOrderStage.SignedOff, order.Stage);
        Assert.False(order.SignedOffOnPaper);
        Assert.Equal("业主", order.SignedOffBy);
        Assert.Throws<WorkflowException>(() => order.SignOff(c, "再签一次", Owner, T0.AddHours(3)));

        var paper = Repair();
        var second = Issue(paper, paid: false, by: Dispatcher);
        paper.Start(Lead, T0.AddMinutes(10));
        second.Complete(paper, "疏通下水", null, T0.AddMinutes(40), Dispatcher, T0.AddHours(1));
        Assert.Throws<WorkflowException>(() => second.SignOff(paper, "满意", Quality, T0.AddHours(2))); // not a work-order role
        second.SignOff(paper, "满意（纸质工单）", Dispatcher, T0.AddHours(2));
        Assert.True(second.SignedOffOnPaper);
    }

    [Fact]
    public void Only_the_repair_lead_dispatcher_or_manager_manage_orders_and_only_owners_decide_quotes()
    {
        var c = Repair();
        Assert.True(WorkOrder.MayManage(c, Lead, Engineering));
        Assert.False(WorkOrder.MayManage(c, Lead, Cleaning));   // another department's supervisor
        Assert.True(WorkOrder.MayManage(c, Dispatcher, null));
        Assert.True(WorkOrder.MayManage(c, Manager, null));
        Assert.False(WorkOrder.MayManage(c, Quality, null));
        Assert.False(WorkOrder.MayManage(c, Owner, null));
        Assert.Throws<WorkflowException>(() => Issue(c, paid: true, by: Quality));
        Assert.Throws<WorkflowException>(() => WorkOrder.Issue(c, "N", new Worker("x"), true, null, Owner, T0));

        var order = Issue(c, paid: true, by: Manager);
        Assert.Throws<WorkflowException>(() => order.SetQuote(c, Lines, 1m, Owner, T0.AddMinutes(10)));
        order.SetQuote(c, Lines, 1m, Dispatcher, T0.AddMinutes(10));
        Assert.Throws<WorkflowException>(() => order.AcceptQuote(c, Manager, T0.AddMinutes(11), order.QuoteRevision)); // staff cannot accept for the owner
        Assert.Throws<WorkflowException>(() => order.DeclineQuote(c, Lead, T0.AddMinutes(11), "贵", order.QuoteRevision));
        order.AcceptQuote(c, Owner, T0.AddMinutes(12), order.QuoteRevision);
    }

    [Fact]
    public void Orders_are_for_assigned_repair_requests_and_a_second_only_when_the_first_is_finished()
    {
        Assert.False(WorkOrder.CanIssue(Repair(CaseType.Complaint)));
        Assert.Throws<WorkflowException>(() => Issue(Repair(CaseType.Complaint), paid: false));
        var received = Case.Receive(new NewCase(1, CaseType.RepairRequest, CaseChannel.Phone, CaseLocation.OwnUnit, "灯坏了", UnitId: 1), "HY-2026-00002",
            CaseDeadlines.ForReceipt(T0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), T0, Actor.System);
        Assert.False(WorkOrder.CanIssue(received)); // not yet assigned

        var c = Repair(planned: false);
        Assert.True(WorkOrder.CanIssue(c)); // assigned is enough
        var first = Issue(c, paid: false);
        Assert.False(WorkOrder.CanIssue(c));
        Assert.Throws<WorkflowException>(() => Issue(c, paid: false));
        Assert.Throws<WorkflowException>(() => first.Cancel(c, " ", Lead, T0.AddMinutes(7)));
        first.Cancel(c, "业主暂不维修", Lead, T0.AddMinutes(7));
        Assert.Equal(WorkOrderStage.Cancelled, first.Stage);
        Assert.True(WorkOrder.CanIssue(c)); // a re-done repair gets a second order
        var second = WorkOrder.Issue(c, "HY-WX-2026-0002", new Worker("李师傅"), true, null, Lead, T0.AddMinutes(8));
        Assert.Null(second.WorkerStaffId);
        Assert.Equal(2, c.WorkOrders.Count);
    }

    [Fact]
    public void A_cancelled_paid_order_no_longer_holds_the_work()
    {
        var c = Repair();
        var order = Issue(c, paid: true);
        order.SetQuote(c, Lines, 50m, Lead, T0.AddMinutes(10));
        order.DeclineQuote(c, Owner, T0.AddMinutes(20), "不修了", order.QuoteRevision);
        order.Cancel(c, "业主不同意收费维修", Lead, T0.AddMinutes(30));
        Assert.False(c.WorkAwaitsQuote());
        c.Resolve(Lead, T0.AddMinutes(31), "业主放弃维修");
        Assert.Equal(CaseStatus.Resolved, c.Status);
    }

    [Fact]
    public void Every_step_is_a_public_timeline_entry()
    {
        var c = Repair();
        var order = Issue(c, paid: true);
        order.SetQuote(c, Lines, 50m, Lead, T0.AddMinutes(10));
        order.DeclineQuote(c, Owner, T0.AddMinutes(20), "太贵", order.QuoteRevision);
        order.SetQuote(c, Lines, 10m, Lead, T0.AddMinutes(30));
        order.AcceptQuote(c, Owner, T0.AddMinutes(40), order.QuoteRevision);
        c.Start(Lead, T0.AddMinutes(50));
        order.Complete(c, "更换角阀", null, T0.AddMinutes(55), Lead, T0.AddHours(1));
        order.SignOff(c, "满意", Owner, T0.AddHours(2));

        var steps = c.Events.Where(e => e.Kind >= CaseEventKind.WorkOrderIssued).ToList();
        Assert.Equal(
            [CaseEventKind.WorkOrderIssued, CaseEventKind.QuoteAwaitingAcceptance, CaseEventKind.QuoteDeclined, CaseEventKind.QuoteAwaitingAcceptance,
             CaseEventKind.QuoteAccepted, CaseEventKind.WorkDone, CaseEventKind.WorkSignedOff],
            steps.Select(e => e.Kind).ToList());
        Assert.All(steps, e => Assert.True(e.IsPublic));
        Assert.Contains("¥84.00", steps[3].Text);           // the revised total
        Assert.Equal("太贵", steps[2].Text);
        Assert.Equal(ActorKind.Owner, steps[4].ActorKind);
        Assert.All(steps, e => Assert.Null(e.ToStatus)); // work-order steps do not move the case
    }
}
