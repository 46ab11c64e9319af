using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Cases;

/// <summary>The workbench queue definitions, evaluated on cases walked through the workflow.</summary>
public class WorkQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Owner = new(ActorKind.Owner, "王芳", PersonId: 7);
    private static readonly Actor Dispatcher = new(ActorKind.Staff, "调度", StaffId: 3, Role: StaffRole.Dispatcher);
    private static readonly Actor Supervisor = new(ActorKind.Staff, "主管", StaffId: 4, Role: StaffRole.DepartmentSupervisor);
    private const int Department = 5, Worker = 9;

    private static Case CaseIn(CaseStatus status, bool escalated = false)
    {
        var c = Case.Receive(new NewCase(1, CaseType.Complaint, CaseChannel.Phone, CaseLocation.OwnUnit, "楼道灯坏了", UnitId: 1),
            "HY-2026-00001", CaseDeadlines.ForReceipt(T0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), T0, Owner);
        var t = T0;
        if (escalated) c.Escalate(Owner, t = t.AddMinutes(1), "太慢");
        if (status == CaseStatus.Withdrawn) { c.Withdraw(Owner, t, null); return c; }
        var steps = new Action[]
        {
            () => c.Acknowledge(Dispatcher, t = t.AddHours(1), "已受理"),
            () => c.Assign(Dispatcher, t = t.AddHours(1), new Assignment(Department, Worker, CaseCategory.Facilities), 1000m),
            () => c.Plan(Supervisor, t = t.AddHours(1), "更换灯管", t.AddDays(2)),
            () => c.Start(Supervisor, t = t.AddHours(1)),
            () => c.Resolve(Supervisor, t = t.AddHours(1), "已更换"),
            () => c.Verify(Dispatcher, t = t.AddHours(1), "合格"),
            () => c.Close(Dispatcher, t = t.AddHours(1)),
        };
        foreach (var step in steps.Take((int)status)) step();
        Assert.Equal(status, c.Status);
        return c;
    }

    private static bool In(WorkQueue queue, Case c, DateTimeOffset now, QueueViewer? viewer = null) =>
        WorkQueues.Definition(queue, viewer ?? new QueueViewer(Worker, Department), now).Compile()(c);

    [Fact]
    public void Open_means_waiting_on_a_step_with_a_due_time()
    {
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var c = CaseIn(status);
            var open = status is CaseStatus.Received or CaseStatus.Acknowledged or CaseStatus.Assigned or CaseStatus.Planned or CaseStatus.InProgress;
            Assert.Equal(open, c.NextDueAt is not null);
            Assert.Equal(open, WorkQueues.DueKindOf(status) is not null);
        }
    }

    [Fact]
    public void New_is_every_received_case_and_awaiting_acknowledgement_those_past_the_feedback_time()
    {
        var c = CaseIn(CaseStatus.Received);
        Assert.Equal(c.FeedbackDueAt, c.NextDueAt);
        Assert.True(In(WorkQueue.New, c, T0));
        Assert.False(In(WorkQueue.AwaitingAcknowledgement, c, c.FeedbackDueAt.AddMinutes(-1)));
        Assert.True(In(WorkQueue.AwaitingAcknowledgement, c, c.FeedbackDueAt.AddMinutes(1)));
        Assert.True(In(WorkQueue.New, c, c.FeedbackDueAt.AddMinutes(1)));

        var acknowledged = CaseIn(CaseStatus.Acknowledged);
        Assert.False(In(WorkQueue.New, acknowledged, T0.AddDays(30)));
        Assert.False(In(WorkQueue.AwaitingAcknowledgement, acknowledged, T0.AddDays(30)));
    }

    [Theory]
    [InlineData(CaseStatus.Received, DueKind.Feedback)]
    [InlineData(CaseStatus.Acknowledged, DueKind.Response)]
    [InlineData(CaseStatus.Assigned, DueKind.Response)]
    [InlineData(CaseStatus.Planned, DueKind.Deadline)]
    [InlineData(CaseStatus.InProgress, DueKind.Deadline)]
    public void Overdue_once_the_due_time_of_the_current_step_passed_and_says_which(CaseStatus status, DueKind kind)
    {
        var c = CaseIn(status);
        var due = c.NextDueAt!.Value;
        Assert.Equal(kind, WorkQueues.DueKindOf(status));
        Assert.Equal(kind switch { DueKind.Feedback => c.FeedbackDueAt, DueKind.Response => c.ResponseDueAt, _ => c.DeadlineAt!.Value }, due);
        Assert.False(In(WorkQueue.Overdue, c, due));
        Assert.True(In(WorkQueue.Overdue, c, due.AddSeconds(1)));
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Verified)]
    [InlineData(CaseStatus.Closed)]
    [InlineData(CaseStatus.Withdrawn)]
    public void Finished_or_resolved_cases_are_never_overdue_nor_in_the_department_queues(CaseStatus status)
    {
        var c = CaseIn(status);
        var later = T0.AddYears(1);
        Assert.False(In(WorkQueue.Overdue, c, later));
        Assert.False(In(WorkQueue.MyDepartment, c, later));
        Assert.False(In(WorkQueue.AssignedToMe, c, later));
        Assert.False(In(WorkQueue.New, c, later));
        Assert.Equal(status == CaseStatus.Resolved, In(WorkQueue.AwaitingVerification, c, later));
    }

    [Fact]
    public void My_department_and_assigned_to_me_follow_the_assignment()
    {
        var c = CaseIn(CaseStatus.Planned);
        Assert.True(In(WorkQueue.MyDepartment, c, T0, new QueueViewer(1, Department)));
        Assert.False(In(WorkQueue.MyDepartment, c, T0, new QueueViewer(1, Department + 1)));
        Assert.False(In(WorkQueue.MyDepartment, c, T0, new QueueViewer(1, null)));
        Assert.True(In(WorkQueue.AssignedToMe, c, T0, new QueueViewer(Worker, null)));
        Assert.False(In(WorkQueue.AssignedToMe, c, T0, new QueueViewer(Worker + 1, Department)));
        Assert.False(In(WorkQueue.AssignedToMe, c, T0, new QueueViewer(null, Department)));
        Assert.False(In(WorkQueue.MyDepartment, CaseIn(CaseStatus.Acknowledged), T0));
    }

    [Fact]
    public void Escalated_until_closed_or_withdrawn()
    {
        Assert.False(In(WorkQueue.Escalated, CaseIn(CaseStatus.InProgress), T0));
        Assert.True(In(WorkQueue.Escalated, CaseIn(CaseStatus.InProgress, escalated: true), T0));
        Assert.True(In(WorkQueue.Escalated, CaseIn(CaseStatus.Resolved, escalated: true), T0));
        Assert.True(In(WorkQueue.Escalated, CaseIn(CaseStatus.Verified, escalated: true), T0));
        Assert.False(In(WorkQueue.Escalated, CaseIn(CaseStatus.Closed, escalated: true), T0));
        Assert.False(In(WorkQueue.Escalated, CaseIn(CaseStatus.Withdrawn, escalated: true), T0));
    }

    [Fact]
    public void The_cursor_round_trips_and_rejects_junk()
    {
        var due = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8));
        var cursor = QueueCursor.After(due, 42);
        Assert.Equal(cursor, QueueCursor.Parse(cursor.ToString()));
        Assert.Equal(due.UtcTicks, QueueCursor.Parse(cursor.ToString())!.Value.DueTicks);
        Assert.Equal(new QueueCursor(null, 7), QueueCursor.Parse(QueueCursor.After(null, 7).ToString()));
        foreach (var junk in new[] { null, "", "x", "1_", "_", "-1_2", "1_-2", "1_2_3", "99999999999999999999_1" })
            Assert.Null(QueueCursor.Parse(junk));
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("+86 138 0013 8000", "13800138000")]
    [InlineData("0138000", "0138000")]
    [InlineData("3-2-12", null)]
    [InlineData("HY-2026-00042", null)]
    [InlineData("王芳", null)]
    public void Phone_search_matches_on_digits(string term, string? digits) => Assert.Equal(digits, WorkQueues.PhoneDigits(term));
}
