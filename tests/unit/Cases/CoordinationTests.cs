using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Cases;

/// <summary>Class 2 (developer) and class 3 (outside the estate) complaints, the special report of a major complaint, staff reopening.</summary>
public class CoordinationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Owner = new(ActorKind.Owner, "王芳", PersonId: 7);
    private static Actor Staff(StaffRole role) => new(ActorKind.Staff, role.ToString(), StaffId: 3, Role: role);
    private static readonly Actor Dispatcher = Staff(StaffRole.Dispatcher);
    private static readonly Actor Supervisor = Staff(StaffRole.DepartmentSupervisor);
    private static readonly Actor Manager = Staff(StaffRole.EstateManager);
    private static readonly Actor Quality = Staff(StaffRole.QualityOffice);
    private const int Department = 5;
    private static readonly MajorReportText Report = new("业主索赔 1500 元", "保洁员操作不当", "当面道歉并赔偿", "加强培训", "修订保洁作业规程");

    /// <summary>A complaint of <paramref name="cls"/>, planned with a deadline one day after receipt.</summary>
    private static Case Planned(ComplaintClass cls, bool major = false)
    {
        var c = Case.Receive(new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, "外墙渗水", UnitId: 1, ReporterPersonId: 7),
            "HY-2026-00001", CaseDeadlines.ForReceipt(T0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), T0, Owner);
        c.Acknowledge(Dispatcher, T0.AddHours(1), "已受理");
        c.Assign(Dispatcher, T0.AddHours(2), new Assignment(Department, null, CaseCategory.Facilities, cls, FlaggedMajor: major), 1000m);
        c.Plan(Supervisor, T0.AddHours(3), "联系开发商维修", T0.AddDays(1));
        return c;
    }

    private static bool Overdue(Case c, DateTimeOffset now) =>
        WorkQueues.Definition(WorkQueue.Overdue, new QueueViewer(null, Department), now).Compile()(c);

    private static bool InMyDepartment(Case c, DateTimeOffset now) =>
        WorkQueues.Definition(WorkQueue.MyDepartment, new QueueViewer(null, Department), now).Compile()(c);

    [Fact]
    public void A_forwarded_case_waits_on_the_developer_and_is_not_overdue_until_the_answer()
    {
        var c = Planned(ComplaintClass.Developer);
        var late = T0.AddDays(3);
        Assert.True(Overdue(c, late));

        c.ForwardToDeveloper(Dispatcher, T0.AddDays(2), T0.AddHours(5), "外墙渗水照片及位置，请开发商维修");
        Assert.Equal(T0.AddHours(5), c.WaitingOnDeveloperSince);
        Assert.True(CaseWaiting.IsWaitingOnDeveloper.Compile()(c));
        Assert.False(Overdue(c, late));
        Assert.True(InMyDepartment(c, late)); // the department still sees it, marked as waiting

        c.RecordDeveloperAnswer(Supervisor, T0.AddDays(4), c.DeveloperForwardings[0], T0.AddDays(3).AddHours(2), "下周一派人维修");
        Assert.Null(c.WaitingOnDeveloperSince);
        Assert.True(Overdue(c, T0.AddDays(4))); // back to the estate: its own deadline has passed
        Assert.Equal((T0.AddDays(3).AddHours(2), "下周一派人维修"), (c.DeveloperForwardings[0].AnsweredAt!.Value, c.DeveloperForwardings[0].Answer));
    }

    [Fact]
    public void The_owner_sees_when_it_was_forwarded_and_that_the_developer_answered_but_not_the_internal_texts()
    {
        var c = Planned(ComplaintClass.Developer);
        c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddHours(5), "内部：请开发商维修");
        c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(2), c.DeveloperForwardings[0], T0.AddDays(2), "内部：开发商答复");
        var forwarded = c.Events.Single(e => e.Kind == CaseEventKind.ForwardedToDeveloper);
        var answered = c.Events.Single(e => e.Kind == CaseEventKind.DeveloperAnswered);
        Assert.Equal((true, T0.AddHours(5), (string?)null), (forwarded.IsPublic, forwarded.At, forwarded.Text));
        Assert.Equal((true, T0.AddDays(2), (string?)null), (answered.IsPublic, answered.At, answered.Text));
        Assert.Equal(Dispatcher.Name, forwarded.ActorName);
    }

    [Fact]
    public void Forwarded_twice_it_waits_since_the_earliest_open_forwarding()
    {
        var c = Planned(ComplaintClass.Developer);
        var first = c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddHours(5), "第一次");
        var second = c.ForwardToDeveloper(Dispatcher, T0.AddDays(2), T0.AddDays(2), "催办");
        Assert.Equal(T0.AddHours(5), c.WaitingOnDeveloperSince);
        c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(3), first, T0.AddDays(3), "已安排");
        Assert.Equal(T0.AddDays(2), c.WaitingOnDeveloperSince);
        Assert.Throws<WorkflowException>(() => c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(3), first, T0.AddDays(3), "再答一次"));
        c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(4), second, T0.AddDays(4), "已维修");
        Assert.Null(c.WaitingOnDeveloperSince);
        // Forwarded again after the answers: waiting again.
        c.ForwardToDeveloper(Dispatcher, T0.AddDays(5), T0.AddDays(5), "仍渗水");
        Assert.Equal(T0.AddDays(5), c.WaitingOnDeveloperSince);
    }

    [Fact]
    public void Only_a_class_2_complaint_goes_to_the_developer_and_only_at_a_time_that_already_happened()
    {
        var service = Planned(ComplaintClass.Service);
        Assert.Throws<WorkflowException>(() => service.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(1), "x"));
        var c = Planned(ComplaintClass.Developer);
        var count = c.Events.Count;
        Assert.Throws<WorkflowException>(() => c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(2), "将来"));
        Assert.Throws<WorkflowException>(() => c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(-1), "受理前"));
        Assert.Throws<WorkflowException>(() => c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(1), "  "));
        Assert.Throws<WorkflowException>(() => c.ForwardToDeveloper(Staff(StaffRole.Leadership), T0.AddDays(1), T0.AddDays(1), "x"));
        var f = c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(1), "x");
        Assert.Throws<WorkflowException>(() => c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(2), f, T0.AddHours(20), "答复早于转交"));
        Assert.Equal((count + 1, T0.AddDays(1)), (c.Events.Count, c.WaitingOnDeveloperSince!.Value));
        Assert.Throws<WorkflowException>(() => c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(2), Planned(ComplaintClass.Developer)
            .ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(1), "别的案件"), T0.AddDays(2), "x"));
    }

    [Fact]
    public void The_department_or_the_office_records_developer_steps_on_its_own_cases_only()
    {
        var c = Planned(ComplaintClass.Developer);
        Assert.Contains(CaseAction.ForwardToDeveloper, CaseAccess.Offered(c, Supervisor, Department));
        Assert.DoesNotContain(CaseAction.ForwardToDeveloper, CaseAccess.Offered(c, Supervisor, Department + 1));
        Assert.Contains(CaseAction.ForwardToDeveloper, CaseAccess.Offered(c, Dispatcher, null));
        Assert.DoesNotContain(CaseAction.RecordDeveloperAnswer, CaseAccess.Offered(c, Dispatcher, null)); // nothing to answer yet
        c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(1), "x");
        Assert.Contains(CaseAction.RecordDeveloperAnswer, CaseAccess.Offered(c, Dispatcher, null));
        Assert.DoesNotContain(CaseAction.CoordinateExternal, CaseAccess.Offered(c, Dispatcher, null));
        Assert.DoesNotContain(CaseAction.ForwardToDeveloper, CaseAccess.Offered(Planned(ComplaintClass.Service), Dispatcher, null));
        Assert.DoesNotContain(CaseAction.ForwardToDeveloper, CaseAccess.Offered(c, Quality, null));
    }

    [Fact]
    public void An_answer_may_arrive_after_the_case_was_resolved()
    {
        var c = Planned(ComplaintClass.Developer);
        var f = c.ForwardToDeveloper(Dispatcher, T0.AddDays(1), T0.AddDays(1), "x");
        c.Resolve(Supervisor, T0.AddDays(2), "开发商已修复");
        c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(3), f, T0.AddDays(3), "已修复");
        Assert.Equal((CaseStatus.Resolved, (DateTimeOffset?)null), (c.Status, c.WaitingOnDeveloperSince));
        Assert.False(CaseWorkflow.CanPerform(CaseAction.ForwardToDeveloper, CaseStatus.Resolved, Dispatcher));
    }

    [Fact]
    public void A_class_3_coordination_is_kept_and_its_explanation_is_public()
    {
        var c = Planned(ComplaintClass.External);
        var at = T0.AddHours(10);
        var record = c.CoordinateExternal(Supervisor, T0.AddDays(1), new ExternalCoordinationDetails(" 市自来水公司 ", at, "周五前修复主管", "停水由市政管网维修引起，自来水公司承诺周五前修复。"));
        Assert.Equal(("市自来水公司", at, "周五前修复主管"), (record.With, record.CoordinatedAt, record.Agreed));
        var entry = c.Events[^1];
        Assert.Equal((CaseEventKind.ExternalCoordinated, true, "停水由市政管网维修引起，自来水公司承诺周五前修复。"), (entry.Kind, entry.IsPublic, entry.Text));
        Assert.Equal(CaseStatus.Planned, c.Status);

        Assert.Throws<WorkflowException>(() => Planned(ComplaintClass.Developer).CoordinateExternal(Supervisor, T0.AddDays(1),
            new ExternalCoordinationDetails("市自来水公司", at, "x", "y")));
        Assert.Throws<WorkflowException>(() => c.CoordinateExternal(Supervisor, T0.AddDays(1), new ExternalCoordinationDetails("市自来水公司", at, "x", " ")));
        Assert.Throws<WorkflowException>(() => c.CoordinateExternal(Supervisor, T0.AddDays(1), new ExternalCoordinationDetails("", at, "x", "y")));
        Assert.Throws<WorkflowException>(() => c.CoordinateExternal(Supervisor, T0.AddDays(1), new ExternalCoordinationDetails("z", T0.AddDays(2), "x", "y")));
        Assert.Single(c.ExternalCoordinations);
    }

    [Fact]
    public void The_estate_manager_writes_the_special_report_after_handling_and_edits_it_until_reviewed()
    {
        var c = Planned(ComplaintClass.Service, major: true);
        Assert.Throws<WorkflowException>(() => c.WriteMajorReport(Manager, T0.AddDays(1), Report)); // not handled yet
        c.Resolve(Supervisor, T0.AddDays(1), "已赔偿");
        Assert.Throws<WorkflowException>(() => c.WriteMajorReport(Dispatcher, T0.AddDays(2), Report));
        Assert.Throws<WorkflowException>(() => c.WriteMajorReport(Manager, T0.AddDays(2), Report with { Lessons = " " }));
        Assert.Null(c.SpecialReport);

        c.WriteMajorReport(Manager, T0.AddDays(2), Report);
        c.WriteMajorReport(Manager, T0.AddDays(3), Report with { CorrectiveAction = "修订规程并每月抽查" });
        var r = c.SpecialReport!;
        Assert.Equal((T0.AddDays(2), T0.AddDays(3), "修订规程并每月抽查"), (r.WrittenAt, r.LastEditedAt, r.CorrectiveAction));
        Assert.All(c.Events.Where(e => e.Kind == CaseEventKind.MajorReportWritten), e => Assert.False(e.IsPublic));
        Assert.Contains(CaseAction.ReviewMajorReport, CaseAccess.Offered(c, Quality, null));

        Assert.Throws<WorkflowException>(() => c.ReviewMajorReport(Manager, T0.AddDays(4)));
        c.ReviewMajorReport(Quality, T0.AddDays(4));
        Assert.Equal((T0.AddDays(4), Quality.Name), (r.ReviewedAt!.Value, r.ReviewedByName));
        Assert.Throws<WorkflowException>(() => c.WriteMajorReport(Manager, T0.AddDays(5), Report));
        Assert.Throws<WorkflowException>(() => c.ReviewMajorReport(Quality, T0.AddDays(5)));
        Assert.DoesNotContain(CaseAction.WriteMajorReport, CaseAccess.Offered(c, Manager, null));
        Assert.Equal("已赔偿", c.Events.Single(e => e.Kind == CaseEventKind.Resolved).Text);
    }

    [Fact]
    public void Only_a_major_complaint_has_a_special_report()
    {
        var c = Planned(ComplaintClass.Service);
        c.Resolve(Supervisor, T0.AddDays(1), "已处理");
        Assert.Throws<WorkflowException>(() => c.WriteMajorReport(Manager, T0.AddDays(2), Report));
        Assert.DoesNotContain(CaseAction.WriteMajorReport, CaseAccess.Offered(c, Manager, null));
        Assert.Throws<WorkflowException>(() => c.ReviewMajorReport(Quality, T0.AddDays(2)));
    }

    [Theory]
    [InlineData(StaffRole.Dispatcher)]
    [InlineData(StaffRole.EstateManager)]
    [InlineData(StaffRole.QualityOffice)]
    public void Staff_reopen_a_closed_case_and_the_department_sees_it_again(StaffRole role)
    {
        var c = Planned(ComplaintClass.Service);
        c.Resolve(Supervisor, T0.AddDays(1), "已处理");
        c.Verify(Dispatcher, T0.AddDays(1), null);
        c.Close(Dispatcher, T0.AddDays(1));
        Assert.False(InMyDepartment(c, T0.AddDays(2)));
        Assert.Contains(CaseAction.Reopen, CaseAccess.Offered(c, Staff(role), null));

        c.Reopen(Staff(role), T0.AddDays(2), "回访不满意", T0.AddDays(5));
        Assert.Equal((CaseStatus.InProgress, T0.AddDays(5), Department), (c.Status, c.NextDueAt!.Value, c.AssignedDepartmentId!.Value));
        Assert.True(InMyDepartment(c, T0.AddDays(2)));
        Assert.False(Overdue(c, T0.AddDays(2)));
        Assert.Equal((CaseEventKind.Reopened, true, "回访不满意"), (c.Events[^1].Kind, c.Events[^1].IsPublic, c.Events[^1].Text));
    }

    [Fact]
    public void Without_a_new_deadline_a_reopened_case_is_due_at_once()
    {
        var c = Planned(ComplaintClass.Service);
        c.Resolve(Supervisor, T0.AddHours(20), "已处理");
        c.Reopen(Dispatcher, T0.AddDays(3), "仍未修好");
        Assert.True(Overdue(c, T0.AddDays(3)));
        Assert.Contains(CaseAction.Reopen, CaseWorkflow.AllowedActions(CaseStatus.Verified, Dispatcher));
        Assert.DoesNotContain(CaseAction.Reopen, CaseWorkflow.AllowedActions(CaseStatus.Closed, Supervisor));
    }

    [Fact]
    public void The_time_waited_on_the_developer_counts_overlapping_forwardings_once()
    {
        var c = Planned(ComplaintClass.Developer);
        var a = c.ForwardToDeveloper(Dispatcher, T0.AddDays(10), T0.AddDays(1), "a");
        var b = c.ForwardToDeveloper(Dispatcher, T0.AddDays(10), T0.AddDays(2), "b");
        c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(10), a, T0.AddDays(3), "a");
        c.RecordDeveloperAnswer(Dispatcher, T0.AddDays(10), b, T0.AddDays(4), "b");
        c.ForwardToDeveloper(Dispatcher, T0.AddDays(10), T0.AddDays(6), "c"); // still open
        // [1, 4) and [6, to): within [0, 8) that is 3 + 2 days; within [2.5, 7) 1.5 + 1 days.
        Assert.Equal(TimeSpan.FromDays(5), CaseWaiting.WaitedWithin(c.DeveloperForwardings, T0, T0.AddDays(8)));
        Assert.Equal(TimeSpan.FromDays(2.5), CaseWaiting.WaitedWithin(c.DeveloperForwardings, T0.AddDays(2.5), T0.AddDays(7)));
        Assert.Equal(TimeSpan.Zero, CaseWaiting.WaitedWithin([], T0, T0.AddDays(8)));
    }
}
