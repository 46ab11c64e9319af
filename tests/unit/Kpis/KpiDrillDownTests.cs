using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Kpis;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>Reading a drill-down link: months, filters, and what a late list is.</summary>
public class KpiDrillDownTests
{
    private static readonly DateOnly LastMonth = new(2026, 10, 1);

    [Theory]
    [InlineData("2026-07", "2026-09", "2026-07-01", "2026-09-01")]
    [InlineData("2026-07", null, "2026-07-01", "2026-07-01")]
    [InlineData(null, "2026-09", "2026-09-01", "2026-09-01")]
    [InlineData(null, null, "2026-10-01", "2026-10-01")]
    [InlineData(" 2026-07 ", "2026-07", "2026-07-01", "2026-07-01")]
    public void Months_are_read_inclusive(string? from, string? to, string first, string last)
    {
        Assert.Null(KpiDrillDown.ParseMonths(from, to, LastMonth, out var f, out var l));
        Assert.Equal(DateOnly.Parse(first), f);
        Assert.Equal(DateOnly.Parse(last), l);
    }

    [Theory]
    [InlineData("2026-10", "2026-07", DrillProblem.FromAfterTo)]
    [InlineData("2026-13", "2026-14", DrillProblem.MalformedMonth)]
    [InlineData("2026/07", "2026-09", DrillProblem.MalformedMonth)]
    [InlineData("2026-07-01", null, DrillProblem.MalformedMonth)]
    [InlineData("July", "2026-09", DrillProblem.MalformedMonth)]
    [InlineData("0001-01", "0001-01", DrillProblem.MalformedMonth)] // issue #15: the month arithmetic overflowed (500)
    [InlineData("9999-12", "9999-12", DrillProblem.MalformedMonth)]
    [InlineData("2026-01\"><svg onload=alert(1)>", "2026-03", DrillProblem.MalformedMonth)]
    public void Bad_months_are_a_problem(string? from, string? to, DrillProblem problem) =>
        Assert.Equal(problem, KpiDrillDown.ParseMonths(from, to, LastMonth, out _, out _));

    [Fact]
    public void Months_span_whole_calendar_months_in_the_zone()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var p = KpiDrillDown.Months(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 1), shanghai);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero), p.From);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), p.Until);
    }

    [Fact]
    public void Filters_are_enum_names_and_nothing_else()
    {
        Assert.True(KpiDrillDown.TryParseFilter<CaseCategory>("facilities", out var category));
        Assert.Equal(CaseCategory.Facilities, category);
        Assert.True(KpiDrillDown.TryParseFilter<CaseType>(null, out var none));
        Assert.Null(none);
        Assert.False(KpiDrillDown.TryParseFilter<CaseType>("7", out _));
        Assert.False(KpiDrillDown.TryParseFilter<ComplaintClass>("Plumbing", out _));
    }

    [Fact]
    public void A_late_list_is_the_denominator_without_the_numerator_also_for_missing_times()
    {
        var p = new Period(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var at = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var late = KpiDrillDown.CasePredicate(DrillMeasure.FeedbackLate, p, at).Compile();
        var denominator = CaseKpis.FeedbackDenominator(p, at).Compile();
        var numerator = CaseKpis.FeedbackNumerator(p, at).Compile();
        var owner = new Actor(ActorKind.Owner, "业主", PersonId: 1);
        var dispatcher = new Actor(ActorKind.Staff, "调度", Role: StaffRole.Dispatcher);
        Case Received(int day) => Case.Receive(new NewCase(1, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, "问题"), "R",
            new CaseDueTimes(p.From.AddDays(day).AddHours(24), p.From.AddDays(day).AddHours(30), p.From.AddDays(day).AddDays(7)), p.From.AddDays(day), owner);
        var onTime = Received(1);
        onTime.Acknowledge(dispatcher, p.From.AddDays(1).AddHours(2), "已受理");
        var tooLate = Received(2);
        tooLate.Acknowledge(dispatcher, p.From.AddDays(2).AddHours(30), "已受理");
        var never = Received(3);
        var lastMonth = Received(-3);
        Assert.Equal([false, true, true, false], new[] { onTime, tooLate, never, lastMonth }.Select(late));
        foreach (var c in new[] { onTime, tooLate, never, lastMonth })
            Assert.Equal(denominator(c) && !numerator(c), late(c));
    }
}
