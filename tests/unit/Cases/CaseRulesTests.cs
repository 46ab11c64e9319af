using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Cases;

public class CaseRulesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.For("Asia/Shanghai", []);
    private static readonly DateTimeOffset Friday = new(2026, 11, 20, 9, 59, 0, TimeSpan.Zero); // 17:59 in Shanghai

    [Fact]
    public void Due_times_of_a_new_case_follow_the_company_settings()
    {
        var due = CaseDeadlines.ForReceipt(Friday, new CompanySettings { Name = "x" }, Calendar);
        Assert.Equal(Friday.AddHours(24), due.FeedbackDueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero), due.ResponseDueAt);
        Assert.Equal(Friday.AddDays(7), due.EscalationDueAt);
    }

    [Fact]
    public void Changed_settings_change_the_due_times()
    {
        var settings = new CompanySettings { Name = "x", FeedbackHours = 12, ResponseWorkingDays = 2, EscalationDays = 5 };
        var due = CaseDeadlines.ForReceipt(Friday, settings, Calendar);
        Assert.Equal(Friday.AddHours(12), due.FeedbackDueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 59, 0, TimeSpan.Zero), due.ResponseDueAt);
        Assert.Equal(Friday.AddDays(5), due.EscalationDueAt);
    }

    [Fact]
    public void A_major_complaint_is_reported_within_one_working_day_of_being_flagged()
    {
        // Flagged Friday 17:59 in Shanghai: due Monday 17:59.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero), CaseDeadlines.MajorReportDue(Friday, new CompanySettings { Name = "x" }, Calendar));
    }

    [Theory]
    [InlineData(CaseStatus.Received, "feedback")]
    [InlineData(CaseStatus.Acknowledged, "response")]
    [InlineData(CaseStatus.Assigned, "response")]
    [InlineData(CaseStatus.Planned, "deadline")]
    [InlineData(CaseStatus.InProgress, "deadline")]
    [InlineData(CaseStatus.Resolved, null)]
    [InlineData(CaseStatus.Verified, null)]
    [InlineData(CaseStatus.Closed, null)]
    [InlineData(CaseStatus.Withdrawn, null)]
    public void The_next_due_time_is_that_of_the_step_the_case_waits_on(CaseStatus status, string? which)
    {
        var feedback = Friday.AddHours(24); var response = Friday.AddDays(3); var deadline = Friday.AddDays(5);
        DateTimeOffset? expected = which switch { "feedback" => feedback, "response" => response, "deadline" => deadline, _ => null };
        Assert.Equal(expected, Case.NextDueFor(status, feedback, response, deadline, null));
    }

    [Fact]
    public void A_revised_reply_date_replaces_the_deadline() =>
        Assert.Equal(Friday.AddDays(9), Case.NextDueFor(CaseStatus.InProgress, Friday, Friday, Friday.AddDays(5), Friday.AddDays(9)));

    [Fact]
    public void Receiving_a_case_writes_the_first_public_timeline_entry()
    {
        var owner = new Actor(ActorKind.Owner, "王芳", PersonId: 7);
        var due = CaseDeadlines.ForReceipt(Friday, new CompanySettings { Name = "x" }, Calendar);
        var c = Case.Receive(new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, "  楼上漏水  ", UnitId: 3, ReporterPersonId: 7),
            "HY-2026-00001", due, Friday, owner);

        Assert.Equal(CaseStatus.Received, c.Status);
        Assert.Equal("楼上漏水", c.Description);
        Assert.Equal(due.FeedbackDueAt, c.NextDueAt);
        var entry = Assert.Single(c.Events);
        Assert.Equal(CaseEventKind.Received, entry.Kind);
        Assert.True(entry.IsPublic);
        Assert.Equal("王芳", entry.ActorName);
    }

    [Fact]
    public void A_case_needs_a_description()
    {
        var due = CaseDeadlines.ForReceipt(Friday, new CompanySettings { Name = "x" }, Calendar);
        Assert.Throws<ArgumentException>(() => Case.Receive(
            new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, "   "), "R", due, Friday, Actor.System));
    }

    [Fact]
    public void A_public_area_case_needs_the_area()
    {
        var due = CaseDeadlines.ForReceipt(Friday, new CompanySettings { Name = "x" }, Calendar);
        Assert.Throws<ArgumentException>(() => Case.Receive(
            new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.PublicArea, "电梯坏了"), "R", due, Friday, Actor.System));
    }

    [Fact]
    public void References_are_estate_year_and_a_five_digit_number() =>
        Assert.Equal("HY-2026-00042", CaseReferenceCounter.Format("HY", 2026, 42));
}
