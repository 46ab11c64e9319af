using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Kpis;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>SPEC 7 case KPIs on cases whose answers are known in advance (the same expressions the database runs).</summary>
public class CaseKpiTests
{
    internal static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Period October = new(Start, Start.AddMonths(1));
    internal static readonly Actor Dispatcher = new(ActorKind.Staff, "调度", Role: StaffRole.Dispatcher);
    internal static readonly Actor Supervisor = new(ActorKind.Staff, "主管", Role: StaffRole.DepartmentSupervisor);
    private static readonly Actor Owner = new(ActorKind.Owner, "业主", PersonId: 1);

    internal static Case Received(DateTimeOffset at, CaseType type = CaseType.Complaint) =>
        Case.Receive(new NewCase(1, type, CaseChannel.Portal, CaseLocation.OwnUnit, "问题"), "R", new CaseDueTimes(at.AddHours(24), at.AddHours(30), at.AddDays(7)), at, Owner);

    internal static Case Resolved(DateTimeOffset at, TimeSpan deadlineAfter, TimeSpan resolvedAfter)
    {
        var c = Received(at);
        c.Acknowledge(Dispatcher, at.AddHours(1), "已受理");
        c.Assign(Dispatcher, at.AddHours(2), new Assignment(1, null, CaseCategory.Facilities), 1000m);
        c.Plan(Supervisor, at.AddHours(3), "更换", at + deadlineAfter);
        c.Resolve(Supervisor, at + resolvedAfter, "已更换");
        return c;
    }

    private static Ratio Measure(IEnumerable<Case> cases, Func<Period, DateTimeOffset, (System.Linq.Expressions.Expression<Func<Case, bool>> N, System.Linq.Expressions.Expression<Func<Case, bool>> D)> kpi, DateTimeOffset at)
    {
        var (n, d) = kpi(October, at);
        return new Ratio(cases.Count(n.Compile()), cases.Count(d.Compile()));
    }

    [Fact]
    public void Feedback_timeliness_counts_acknowledgements_within_24_hours_and_waits_for_the_24_hours_to_pass()
    {
        var onTime = Received(Start.AddDays(1));
        onTime.Acknowledge(Dispatcher, Start.AddDays(1).AddHours(23), "已受理");
        var late = Received(Start.AddDays(2));
        late.Acknowledge(Dispatcher, Start.AddDays(2).AddHours(25), "已受理");
        var never = Received(Start.AddDays(3));
        var notDueYet = Received(Start.AddDays(30).AddHours(10)); // its 24 h end after the measuring time
        var withdrawn = Received(Start.AddDays(4));
        withdrawn.Withdraw(Owner, Start.AddDays(4).AddHours(1), "不需要了");
        var lastMonth = Received(Start.AddDays(-1));
        var cases = new[] { onTime, late, never, notDueYet, withdrawn, lastMonth };

        var at = Start.AddDays(30).AddHours(20);
        Assert.Equal(new Ratio(1, 3), Measure(cases, (p, a) => (CaseKpis.FeedbackNumerator(p, a), CaseKpis.FeedbackDenominator(p, a)), at));
        Assert.Equal(33.3m, new Ratio(1, 3).Percent);
    }

    [Fact]
    public void Response_within_one_working_day_counts_complaints_only()
    {
        var complaint = Received(Start.AddDays(1));
        complaint.Acknowledge(Dispatcher, Start.AddDays(1).AddHours(29), "已受理"); // response due at +30 h
        var lateComplaint = Received(Start.AddDays(2));
        lateComplaint.Acknowledge(Dispatcher, Start.AddDays(2).AddHours(31), "已受理");
        var repair = Received(Start.AddDays(3), CaseType.RepairRequest);
        Assert.Equal(new Ratio(1, 2), Measure([complaint, lateComplaint, repair], (p, a) => (CaseKpis.ResponseNumerator(p, a), CaseKpis.ResponseDenominator(p, a)), Start.AddDays(40)));
    }

    [Fact]
    public void Handling_timeliness_uses_the_last_agreed_deadline_falling_in_the_period()
    {
        var onTime = Resolved(Start.AddDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(2));
        var late = Resolved(Start.AddDays(5), TimeSpan.FromDays(2), TimeSpan.FromDays(4));
        var revised = Received(Start.AddDays(10));
        revised.Acknowledge(Dispatcher, Start.AddDays(10).AddHours(1), "已受理");
        revised.Assign(Dispatcher, Start.AddDays(10).AddHours(2), new Assignment(1, null, CaseCategory.Facilities), 1000m);
        revised.Plan(Supervisor, Start.AddDays(10).AddHours(3), "订配件", Start.AddDays(12));
        revised.ReviseDeadline(Supervisor, Start.AddDays(11), Start.AddDays(15), "配件未到");
        revised.Resolve(Supervisor, Start.AddDays(14), "已修好"); // late for the first deadline, on time for the agreed one
        var deadlineNextMonth = Resolved(Start.AddDays(29), TimeSpan.FromDays(5), TimeSpan.FromDays(1));
        var cases = new[] { onTime, late, revised, deadlineNextMonth };
        Assert.Equal(new Ratio(2, 3), Measure(cases, (p, a) => (CaseKpis.HandlingNumerator(p, a), CaseKpis.HandlingDenominator(p, a)), Start.AddDays(40)));
    }

    [Fact]
    public void Verification_pass_rate_counts_first_attempts_and_closure_rate_counts_closed_complaints_at_period_end()
    {
        var first = Resolved(Start.AddDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(1));
        first.Verify(Dispatcher, Start.AddDays(3), "好");
        first.Close(Dispatcher, Start.AddDays(3));
        var second = Resolved(Start.AddDays(2), TimeSpan.FromDays(3), TimeSpan.FromDays(1));
        second.FailVerification(Dispatcher, Start.AddDays(4), "还漏");
        second.Resolve(Supervisor, Start.AddDays(5), "再修");
        second.Verify(Dispatcher, Start.AddDays(6), "好了");
        second.Close(Dispatcher, Start.AddDays(40)); // closed after the period ended
        var open = Received(Start.AddDays(9));
        var cases = new[] { first, second, open };

        Assert.Equal(new Ratio(1, 2), Measure(cases, (p, _) => (CaseKpis.VerificationNumerator(p), CaseKpis.VerificationDenominator(p)), Start.AddDays(50)));
        Assert.Equal(new Ratio(1, 3), Measure(cases, (p, a) => (CaseKpis.ClosureNumerator(p, a), CaseKpis.ClosureDenominator(p)), Start.AddDays(50)));
        Assert.Equal(new Ratio(1, 1), Measure(cases, (p, _) => (CaseKpis.FirstTimeFixNumerator(p), CaseKpis.FirstTimeFixDenominator(p)), Start.AddDays(50)));
    }

    [Fact]
    public void A_reopened_case_does_not_count_as_a_first_time_fix()
    {
        var c = Resolved(Start.AddDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(1));
        c.Verify(Dispatcher, Start.AddDays(3), "好");
        c.Close(Dispatcher, Start.AddDays(3));
        c.Reopen(Dispatcher, Start.AddDays(5), "回访不满意");
        c.Resolve(Supervisor, Start.AddDays(6), "返工");
        c.Verify(Dispatcher, Start.AddDays(7), "好");
        c.Close(Dispatcher, Start.AddDays(7));
        Assert.Equal(new Ratio(0, 1), Measure([c], (p, _) => (CaseKpis.FirstTimeFixNumerator(p), CaseKpis.FirstTimeFixDenominator(p)), Start.AddDays(50)));
    }

    [Fact]
    public void Nothing_measured_has_no_rate() => Assert.Null(new Ratio(0, 0).Percent);
}
