using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Cases;

public class CaseNextStepTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Owner = new(ActorKind.Owner, "王芳", PersonId: 7);
    private static readonly Actor Dispatcher = new(ActorKind.Staff, "d", StaffId: 3, Role: StaffRole.Dispatcher);
    private static readonly Actor Supervisor = new(ActorKind.Staff, "s", StaffId: 4, Role: StaffRole.DepartmentSupervisor);

    private static Case Assigned(ComplaintClass complaintClass = ComplaintClass.Service)
    {
        var c = Case.Receive(new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, "楼道灯坏了", UnitId: 1, ReporterPersonId: 7),
            "HY-2026-00001", CaseDeadlines.ForReceipt(T0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), T0, Owner);
        c.Acknowledge(Dispatcher, T0.AddHours(1), "已受理");
        c.Assign(Dispatcher, T0.AddHours(2), new Assignment(5, 9, CaseCategory.Facilities, complaintClass, FlaggedMajor: false), 1000m);
        return c;
    }

    private static HashSet<CaseAction> Offered(params CaseAction[] actions) => [.. actions];

    [Fact]
    public void A_supervisor_with_an_assigned_case_sees_the_plan_first_and_the_rest_folded()
    {
        var next = CaseNextStep.For(Assigned(), Offered(CaseAction.Plan, CaseAction.HandBack, CaseAction.Comment, CaseAction.AnswerSuggestion));
        Assert.Equal(CaseAction.Plan, next);
        Assert.True(CaseNextStep.Opens(next, null, CaseAction.Plan));
        Assert.False(CaseNextStep.Opens(next, null, CaseAction.HandBack));
    }

    [Fact]
    public void Once_planned_the_work_comes_first_not_a_new_plan()
    {
        var c = Assigned();
        c.Plan(Supervisor, T0.AddHours(3), "更换灯管", T0.AddDays(2));
        Assert.Equal(CaseAction.Start, CaseNextStep.For(c, Offered(CaseAction.Plan, CaseAction.Start, CaseAction.Resolve, CaseAction.ReviseDeadline)));
    }

    [Fact]
    public void An_assigned_case_is_not_assigned_again_first()
    {
        // The dispatcher may re-assign an assigned case, but that is not what moves it on: nothing offered does.
        var next = CaseNextStep.For(Assigned(), Offered(CaseAction.Assign, CaseAction.Comment));
        Assert.Null(next);
        Assert.True(CaseNextStep.Opens(next, null, CaseAction.Assign)); // nothing to put first: all open
    }

    [Fact]
    public void A_developer_complaint_goes_to_the_developer_first_then_waits_for_the_answer_then_is_planned()
    {
        var c = Assigned(ComplaintClass.Developer);
        var offered = Offered(CaseAction.Assign, CaseAction.Plan, CaseAction.ForwardToDeveloper, CaseAction.RecordDeveloperAnswer);
        Assert.Equal(CaseAction.ForwardToDeveloper, CaseNextStep.For(c, offered));
        c.ForwardToDeveloper(Dispatcher, T0.AddHours(3), T0.AddHours(3), "外墙渗水");
        Assert.Equal(CaseAction.RecordDeveloperAnswer, CaseNextStep.For(c, offered));
        c.RecordDeveloperAnswer(Dispatcher, T0.AddHours(4), c.DeveloperForwardings[0], T0.AddHours(4), "下周维修");
        Assert.Equal(CaseAction.Plan, CaseNextStep.For(c, offered));
    }

    [Fact]
    public void The_panel_of_a_step_just_posted_stays_open_to_show_its_errors() =>
        Assert.True(CaseNextStep.Opens(CaseAction.Plan, CaseAction.HandBack, CaseAction.HandBack));
}
