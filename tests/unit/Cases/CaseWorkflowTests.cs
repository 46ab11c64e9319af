using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Cases;

public class CaseWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Owner = new(ActorKind.Owner, "王芳", PersonId: 7);
    private static Actor Staff(StaffRole role) => new(ActorKind.Staff, role.ToString(), StaffId: 3, Role: role);
    private static readonly Actor Dispatcher = Staff(StaffRole.Dispatcher);
    private static readonly Actor Supervisor = Staff(StaffRole.DepartmentSupervisor);
    private static readonly Actor Manager = Staff(StaffRole.EstateManager);
    private static readonly Actor Quality = Staff(StaffRole.QualityOffice);
    private static readonly MajorReportText Report = new("业主索赔 1500 元", "保洁员操作不当", "当面道歉并赔偿", "加强培训", "修订保洁作业规程");

    private static Case NewCase(CaseType type = CaseType.Complaint) => Case.Receive(
        new NewCase(1, type, CaseChannel.Portal, CaseLocation.OwnUnit, "楼道灯坏了", UnitId: 1, ReporterPersonId: 7),
        "HY-2026-00001", CaseDeadlines.ForReceipt(T0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), T0, Owner);

    /// <summary>A case walked along the happy path to <paramref name="status"/> (Withdrawn: withdrawn on arrival).</summary>
    private static Case CaseIn(CaseStatus status, CaseType type = CaseType.Complaint, ComplaintClass complaintClass = ComplaintClass.Service)
    {
        var c = NewCase(type);
        var t = T0;
        if (status == CaseStatus.Withdrawn) { c.Withdraw(Owner, t, null); return c; }
        var steps = new Action[]
        {
            () => c.Acknowledge(Dispatcher, t = t.AddHours(1), "已受理"),
            () =>
            {
                c.Assign(Dispatcher, t = t.AddHours(1), new Assignment(5, 9, CaseCategory.Facilities, complaintClass, FlaggedMajor: true), 1000m);
                // A class 2 complaint goes to the developer as soon as it is classified.
                if (complaintClass == ComplaintClass.Developer) c.ForwardToDeveloper(Dispatcher, t, t, "外墙渗水，请开发商维修");
            },
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

    private static void Perform(Case c, CaseAction action, Actor actor)
    {
        var now = T0.AddDays(1);
        switch (action)
        {
            case CaseAction.Acknowledge: c.Acknowledge(actor, now, "收到"); break;
            case CaseAction.Assign: c.Assign(actor, now, new Assignment(5, null, CaseCategory.Sanitation), 1000m); break;
            case CaseAction.Plan: c.Plan(actor, now, "方案", now.AddDays(3)); break;
            case CaseAction.ReviseDeadline: c.ReviseDeadline(actor, now, now.AddDays(5), "等配件"); break;
            case CaseAction.Start: c.Start(actor, now); break;
            case CaseAction.Resolve: c.Resolve(actor, now, "完成"); break;
            case CaseAction.ConfirmResolved: c.ConfirmResolved(actor, now, "好的"); break;
            case CaseAction.FailVerification: c.FailVerification(actor, now, "未修好"); break;
            case CaseAction.Verify: c.Verify(actor, now, null); break;
            case CaseAction.Close: c.Close(actor, now); break;
            case CaseAction.Reopen: c.Reopen(actor, now, "没修好"); break;
            case CaseAction.Withdraw: c.Withdraw(actor, now, null); break;
            case CaseAction.Escalate: c.Escalate(actor, now, "7 天未解决"); break;
            case CaseAction.Comment: c.Comment(actor, now, "补充说明", isPublic: true); break;
            case CaseAction.HandBack: c.HandBack(actor, now, "不属于本部门"); break;
            case CaseAction.AnswerSuggestion: c.AnswerSuggestion(actor, now, adopted: true, "采纳，下月实施"); break;
            case CaseAction.ReportMajor: c.ReportMajor(actor, now, "索赔 1500 元，已报全质办"); break;
            case CaseAction.RequestFollowUp: c.RequestFollowUp(actor, now, "回访：部分解决，需跟进"); break;
            case CaseAction.ForwardToDeveloper: c.ForwardToDeveloper(actor, now, now.AddHours(-1), "再次转交：外墙渗水"); break;
            case CaseAction.RecordDeveloperAnswer:
                c.RecordDeveloperAnswer(actor, now, c.DeveloperForwardings.FirstOrDefault(f => !f.IsAnswered), now, "下周派人维修"); break;
            case CaseAction.CoordinateExternal:
                c.CoordinateExternal(actor, now, new ExternalCoordinationDetails("市自来水公司", now.AddHours(-2), "周五前抢修主管", "停水由市政管网维修引起，自来水公司承诺周五前修复。")); break;
            case CaseAction.WriteMajorReport: c.WriteMajorReport(actor, now, Report); break;
            case CaseAction.ReviewMajorReport: c.ReviewMajorReport(actor, now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    public static TheoryData<CaseAction, CaseStatus, string> EveryCell()
    {
        var data = new TheoryData<CaseAction, CaseStatus, string>();
        foreach (var action in Enum.GetValues<CaseAction>())
            foreach (var status in Enum.GetValues<CaseStatus>())
                foreach (var actor in Actors.Keys)
                    data.Add(action, status, actor);
        return data;
    }

    private static readonly Dictionary<string, Actor> Actors = new[] { Owner, Actor.System }
        .Concat(Enum.GetValues<StaffRole>().Select(Staff))
        .ToDictionary(a => a.Role?.ToString() ?? a.Kind.ToString());

    /// <summary>Every action in every status by every kind of actor: it works exactly when the workflow allows it, and then leaves a timeline entry.</summary>
    [Theory]
    [MemberData(nameof(EveryCell))]
    public void An_action_succeeds_exactly_when_the_workflow_allows_it(CaseAction action, CaseStatus status, string actorName)
    {
        var actor = Actors[actorName];
        // Only a suggestion can be answered; every other action is tried on a complaint of the class it fits, with
        // what it needs: an open forwarding to answer, a written special report to review.
        var c = CaseIn(status, action == CaseAction.AnswerSuggestion ? CaseType.Suggestion : CaseType.Complaint, action switch
        {
            CaseAction.ForwardToDeveloper or CaseAction.RecordDeveloperAnswer => ComplaintClass.Developer,
            CaseAction.CoordinateExternal => ComplaintClass.External,
            _ => ComplaintClass.Service,
        });
        if (action == CaseAction.ReviewMajorReport && CaseWorkflow.CanPerform(CaseAction.WriteMajorReport, status, Manager))
            c.WriteMajorReport(Manager, T0.AddHours(12), Report);
        var entries = c.Events.Count;
        if (CaseWorkflow.CanPerform(action, status, actor))
        {
            Perform(c, action, actor);
            Assert.Equal(entries + 1, c.Events.Count);
            var entry = c.Events[^1];
            Assert.Equal(actor.Name, entry.ActorName);
            if (entry.ToStatus is not null) Assert.Equal((status, c.Status), (entry.FromStatus!.Value, entry.ToStatus.Value));
        }
        else
        {
            Assert.Throws<WorkflowException>(() => Perform(c, action, actor));
            Assert.Equal((status, entries), (c.Status, c.Events.Count)); // nothing changed
        }
    }

    // The SPEC 2 rules themselves, stated independently of the table.
    [Theory]
    [InlineData(CaseAction.Acknowledge, CaseStatus.Received, StaffRole.Dispatcher, true)]
    [InlineData(CaseAction.Acknowledge, CaseStatus.Received, StaffRole.DepartmentSupervisor, false)]
    [InlineData(CaseAction.Assign, CaseStatus.Acknowledged, StaffRole.Dispatcher, true)]
    [InlineData(CaseAction.Assign, CaseStatus.Received, StaffRole.Dispatcher, false)]
    [InlineData(CaseAction.Plan, CaseStatus.Assigned, StaffRole.DepartmentSupervisor, true)]
    [InlineData(CaseAction.Plan, CaseStatus.Assigned, StaffRole.Dispatcher, false)]
    [InlineData(CaseAction.Resolve, CaseStatus.InProgress, StaffRole.DepartmentSupervisor, true)]
    [InlineData(CaseAction.Verify, CaseStatus.Resolved, StaffRole.Dispatcher, true)]
    [InlineData(CaseAction.Verify, CaseStatus.Resolved, StaffRole.DepartmentSupervisor, false)]
    [InlineData(CaseAction.Close, CaseStatus.Resolved, StaffRole.Dispatcher, false)]
    [InlineData(CaseAction.Close, CaseStatus.Verified, StaffRole.Dispatcher, true)]
    [InlineData(CaseAction.Reopen, CaseStatus.Closed, StaffRole.QualityOffice, true)]
    [InlineData(CaseAction.Reopen, CaseStatus.Closed, StaffRole.Leadership, false)]
    [InlineData(CaseAction.Acknowledge, CaseStatus.Received, StaffRole.Leadership, false)]
    public void Staff_roles_follow_spec_2(CaseAction action, CaseStatus status, StaffRole role, bool allowed) =>
        Assert.Equal(allowed, CaseWorkflow.CanPerform(action, status, Staff(role)));

    [Theory]
    [InlineData(CaseAction.Withdraw, CaseStatus.Received, true)]
    [InlineData(CaseAction.Withdraw, CaseStatus.InProgress, true)]
    [InlineData(CaseAction.Withdraw, CaseStatus.Resolved, false)]
    [InlineData(CaseAction.Reopen, CaseStatus.Resolved, true)]
    [InlineData(CaseAction.Reopen, CaseStatus.Closed, false)]
    [InlineData(CaseAction.ConfirmResolved, CaseStatus.Resolved, true)]
    [InlineData(CaseAction.Escalate, CaseStatus.InProgress, true)]
    [InlineData(CaseAction.Escalate, CaseStatus.Closed, false)]
    [InlineData(CaseAction.Acknowledge, CaseStatus.Received, false)]
    [InlineData(CaseAction.Comment, CaseStatus.Withdrawn, false)]
    public void Owners_follow_spec_2(CaseAction action, CaseStatus status, bool allowed) =>
        Assert.Equal(allowed, CaseWorkflow.CanPerform(action, status, Owner));

    // A dissatisfied callback (phone or online) reopens a closed case through the system; "partly fixed" asks for a follow-up.
    [Theory]
    [InlineData(CaseAction.Reopen, CaseStatus.Closed, true)]
    [InlineData(CaseAction.Reopen, CaseStatus.Verified, true)]
    [InlineData(CaseAction.Reopen, CaseStatus.InProgress, false)]
    [InlineData(CaseAction.RequestFollowUp, CaseStatus.Closed, true)]
    [InlineData(CaseAction.RequestFollowUp, CaseStatus.InProgress, false)]
    [InlineData(CaseAction.Acknowledge, CaseStatus.Received, false)]
    public void The_callback_system_actor_follows_spec_3(CaseAction action, CaseStatus status, bool allowed) =>
        Assert.Equal(allowed, CaseWorkflow.CanPerform(action, status, Actor.System));

    [Fact]
    public void The_happy_path_records_every_step_on_the_timeline()
    {
        var c = CaseIn(CaseStatus.Closed);
        Assert.Equal(
            [CaseEventKind.Received, CaseEventKind.Acknowledged, CaseEventKind.Assigned, CaseEventKind.Planned, CaseEventKind.Started,
             CaseEventKind.Resolved, CaseEventKind.Verified, CaseEventKind.Closed],
            c.Events.Select(e => e.Kind));
        Assert.NotNull(c.AcknowledgedAt);
        Assert.Equal(c.AcknowledgedAt, c.RespondedAt);
        Assert.NotNull(c.ClosedAt);
        Assert.Null(c.NextDueAt);
    }

    [Fact]
    public void A_failed_verification_goes_back_to_the_department_internally()
    {
        var c = CaseIn(CaseStatus.Resolved);
        c.FailVerification(Dispatcher, T0.AddDays(1), "现场仍有问题");
        Assert.Equal(CaseStatus.InProgress, c.Status);
        Assert.Equal(1, c.VerificationFailures);
        Assert.Null(c.ResolvedAt);
        Assert.False(c.Events[^1].IsPublic);
    }

    [Fact]
    public void Reopening_counts_against_first_time_fix_and_takes_a_new_deadline()
    {
        var c = CaseIn(CaseStatus.Closed);
        var deadline = T0.AddDays(10);
        c.Reopen(Dispatcher, T0.AddDays(2), "回访不满意", deadline);
        Assert.Equal((CaseStatus.InProgress, 1), (c.Status, c.ReopenCount));
        Assert.Null(c.ClosedAt);
        Assert.Equal(deadline, c.NextDueAt);
    }

    [Fact]
    public void A_compensation_claim_over_the_threshold_makes_a_complaint_major()
    {
        var c = CaseIn(CaseStatus.Acknowledged);
        c.Assign(Dispatcher, T0.AddHours(3), new Assignment(5, null, CaseCategory.ServiceAttitude, ComplaintClass.Service, CompensationClaimed: 1500m), 1000m);
        Assert.True(c.IsMajor);
        var small = CaseIn(CaseStatus.Acknowledged);
        small.Assign(Dispatcher, T0.AddHours(3), new Assignment(5, null, CaseCategory.ServiceAttitude, CompensationClaimed: 800m), 1000m);
        Assert.False(small.IsMajor);
    }

    [Fact]
    public void A_revised_reply_date_becomes_the_due_time_the_owner_sees()
    {
        var c = CaseIn(CaseStatus.InProgress);
        var revised = T0.AddDays(6);
        c.ReviseDeadline(Supervisor, T0.AddDays(1), revised, "等待配件");
        Assert.Equal(revised, c.NextDueAt);
        Assert.True(c.Events[^1].IsPublic);
    }

    [Fact]
    public void Escalation_keeps_the_first_time_and_logs_every_appeal()
    {
        var c = CaseIn(CaseStatus.InProgress);
        c.Escalate(Actor.System, T0.AddDays(7), "超过 7 天未解决");
        c.Escalate(Owner, T0.AddDays(8), "对处理不满意，向总经理热线投诉");
        Assert.Equal(T0.AddDays(7), c.EscalatedAt);
        Assert.Equal(2, c.Events.Count(e => e.Kind == CaseEventKind.Escalated));
        Assert.False(c.Events[^2].IsPublic);
        Assert.True(c.Events[^1].IsPublic);
    }

    [Fact]
    public void Only_a_major_complaint_is_reported_and_the_first_report_time_is_kept()
    {
        var manager = Staff(StaffRole.EstateManager);
        var c = CaseIn(CaseStatus.InProgress);
        c.ReportMajor(manager, T0.AddDays(1), "已报全质办");
        c.ReportMajor(manager, T0.AddDays(2), "补充报告");
        Assert.Equal(T0.AddDays(1), c.MajorReportedAt);
        Assert.False(c.Events[^1].IsPublic);

        var ordinary = NewCase(CaseType.Suggestion);
        ordinary.Acknowledge(Dispatcher, T0.AddHours(1), "已受理");
        ordinary.Assign(Dispatcher, T0.AddHours(2), new Assignment(5, null, CaseCategory.Other, FlaggedMajor: true), 1000m);
        Assert.Throws<WorkflowException>(() => ordinary.ReportMajor(manager, T0.AddDays(1), "x"));
    }

    [Fact]
    public void A_deadline_in_the_past_is_refused()
    {
        var c = CaseIn(CaseStatus.Assigned);
        Assert.Throws<WorkflowException>(() => c.Plan(Supervisor, T0.AddDays(1), "方案", T0));
        Assert.Equal(CaseStatus.Assigned, c.Status);
    }

    [Fact]
    public void Handing_back_returns_the_case_to_dispatch_internally_without_a_department()
    {
        var c = CaseIn(CaseStatus.Planned);
        c.HandBack(Supervisor, T0.AddDays(1), "属于保洁部");
        Assert.Equal(CaseStatus.Acknowledged, c.Status);
        Assert.Null(c.AssignedDepartmentId);
        Assert.Null(c.AssignedStaffId);
        Assert.Equal((CaseEventKind.HandedBack, false, "属于保洁部"), (c.Events[^1].Kind, c.Events[^1].IsPublic, c.Events[^1].Text));
        Assert.Equal(c.ResponseDueAt, c.NextDueAt);
        // The dispatcher assigns it again.
        c.Assign(Dispatcher, T0.AddDays(1).AddHours(1), new Assignment(6, null, CaseCategory.Sanitation), 1000m);
        Assert.Equal((CaseStatus.Assigned, 6), (c.Status, c.AssignedDepartmentId!.Value));
    }

    [Theory]
    [InlineData(StaffRole.DepartmentSupervisor, true)]
    [InlineData(StaffRole.EstateManager, true)]
    [InlineData(StaffRole.Dispatcher, false)]
    [InlineData(StaffRole.QualityOffice, false)]
    public void Only_the_department_or_the_estate_manager_hands_back(StaffRole role, bool allowed) =>
        Assert.Equal(allowed, CaseWorkflow.CanPerform(CaseAction.HandBack, CaseStatus.InProgress, Staff(role)));

    [Theory]
    [InlineData(CaseStatus.Received)]
    [InlineData(CaseStatus.Acknowledged)]
    [InlineData(CaseStatus.Resolved)]
    public void Handing_back_needs_a_department_case(CaseStatus status) =>
        Assert.Throws<WorkflowException>(() => CaseIn(status).HandBack(Supervisor, T0.AddDays(1), "x"));

    [Fact]
    public void A_suggestion_answer_is_public_and_recorded_on_the_case()
    {
        var c = CaseIn(CaseStatus.Assigned, CaseType.Suggestion);
        c.AnswerSuggestion(Supervisor, T0.AddDays(1), adopted: false, " 暂不采纳：预算不足 ");
        Assert.Equal((false, "暂不采纳：预算不足"), (c.SuggestionAdopted!.Value, c.SuggestionReply));
        Assert.Equal(CaseStatus.Assigned, c.Status);
        Assert.Equal((CaseEventKind.SuggestionAnswered, true), (c.Events[^1].Kind, c.Events[^1].IsPublic));
    }

    [Fact]
    public void Only_a_suggestion_is_answered_and_only_with_a_reply()
    {
        var complaint = CaseIn(CaseStatus.Assigned);
        Assert.Throws<WorkflowException>(() => complaint.AnswerSuggestion(Dispatcher, T0.AddDays(1), true, "好"));
        Assert.Null(complaint.SuggestionAdopted);
        var suggestion = CaseIn(CaseStatus.Assigned, CaseType.Suggestion);
        Assert.Throws<WorkflowException>(() => suggestion.AnswerSuggestion(Dispatcher, T0.AddDays(1), true, "  "));
        Assert.Null(suggestion.SuggestionAdopted);
        Assert.False(CaseWorkflow.CanPerform(CaseAction.AnswerSuggestion, CaseStatus.Received, Dispatcher));
        Assert.False(CaseWorkflow.CanPerform(CaseAction.AnswerSuggestion, CaseStatus.Assigned, Staff(StaffRole.Leadership)));
    }
}
