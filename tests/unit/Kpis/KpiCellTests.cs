using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using static OwnerPortal.UnitTests.Kpis.CaseKpiTests;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>The dashboards' cells on cases whose answers are known in advance (UTC months, October 2026).</summary>
public class KpiCellTests
{
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly Func<Case, CaseFacts> Facts = KpiFacts.FromCase.Compile();

    private static KpiSums Sums(DateTimeOffset at, params Case[] cases)
    {
        var built = KpiCellBuilder.Build(1, TimeZoneInfo.Utc, at, cases.Select((c, i) => Facts(c) with { Id = i + 1 }).ToList(), []);
        // Fine cells, the category totals and the estate's totals give the same sums.
        var fine = KpiSums.Of(built.Cases.Where(c => c.Type != Dim.All), []);
        var byCategory = KpiSums.Of(built.Cases.Where(c => c.Type == Dim.All && c.Category != Dim.All), []);
        var totals = KpiSums.Of(built.Cases.Where(c => c.Type == Dim.All && c.Category == Dim.All), []);
        Assert.Equal(fine.Figures(October, November), totals.Figures(October, November));
        Assert.Equal(byCategory.Figures(October, November), totals.Figures(October, November));
        return totals;
    }

    [Fact]
    public void Feedback_and_acknowledge_times_by_month_received()
    {
        var oneHour = Received(Start.AddDays(1));
        oneHour.Acknowledge(Dispatcher, Start.AddDays(1).AddHours(1), "已受理");
        var threeHours = Received(Start.AddDays(2));
        threeHours.Acknowledge(Dispatcher, Start.AddDays(2).AddHours(3), "已受理");
        var late = Received(Start.AddDays(3));
        late.Acknowledge(Dispatcher, Start.AddDays(3).AddHours(30), "已受理");
        var never = Received(Start.AddDays(4));
        var notDueYet = Received(Start.AddDays(30).AddHours(10));
        var at = Start.AddDays(30).AddHours(20);

        var october = Sums(at, oneHour, threeHours, late, never, notDueYet).Figures(October, October);
        Assert.Equal(new Ratio(2, 4), october.FeedbackTimeliness);
        Assert.Equal(5, october.Received);
        Assert.Equal(4, october.AcknowledgeMedianHours); // 1 h, 3 h, 30 h: the middle one is in the "up to 4 h" bucket
        Assert.Equal(36, october.AcknowledgeP90Hours);
        Assert.Equal(5, october.StillOpen); // acknowledged is not resolved
    }

    [Fact]
    public void Closure_counts_complaints_closed_by_the_end_of_the_range_and_time_moves_the_backlog()
    {
        var closedInOctober = Resolved(Start.AddDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(1));
        closedInOctober.Verify(Dispatcher, Start.AddDays(3), "好");
        closedInOctober.Close(Dispatcher, Start.AddDays(3));
        var closedInNovember = Resolved(Start.AddDays(2), TimeSpan.FromDays(3), TimeSpan.FromDays(1));
        closedInNovember.Verify(Dispatcher, Start.AddDays(6), "好了");
        closedInNovember.Close(Dispatcher, Start.AddDays(40));
        var open = Received(Start.AddDays(9));
        var at = Start.AddDays(50);

        var sums = Sums(at, closedInOctober, closedInNovember, open);
        Assert.Equal(new Ratio(1, 3), sums.Figures(October, October).ComplaintClosureRate);
        Assert.Equal(new Ratio(2, 3), sums.Figures(October, November).ComplaintClosureRate);
        Assert.Equal(new Ratio(1, 1), sums.Figures(October, October).FirstTimeFix);
        Assert.Equal(new Ratio(1, 1), sums.Figures(November, November).FirstTimeFix); // placed by the month closed
        Assert.Equal([0, 0, 0, 0, 1], sums.Backlog()); // received 41 days before: 30 days and more

        // Measured 20 days after it was received, the same open case is in the 7-30 day bucket; the builder says when
        // the next bucket (30 days) begins, so the refresher recomputes then.
        var earlier = KpiCellBuilder.Build(1, TimeZoneInfo.Utc, Start.AddDays(29), [Facts(open)], []);
        Assert.Equal([0, 0, 0, 1, 0], KpiSums.Of(earlier.Cases.Where(c => c.Type == Dim.All && c.Category == Dim.All), []).Backlog());
        Assert.True(earlier.NextChangeAt <= Start.AddDays(39));
    }

    [Fact]
    public void A_case_counts_in_the_company_cells_once_per_dimension_and_the_quantile_reads_to_the_bucket()
    {
        Assert.Null(Durations.Quantile(new int[Durations.HourBuckets], 0.5));
        var histogram = new int[Durations.HourBuckets];
        histogram[Durations.HourBucketOf(TimeSpan.FromHours(5000))] = 1;
        Assert.Equal(double.PositiveInfinity, Durations.Quantile(histogram, 0.9));
        Assert.Equal(0, Durations.HourBucketOf(TimeSpan.FromMinutes(30)));
        Assert.Equal(0, Durations.HourBucketOf(TimeSpan.FromHours(1)));
        Assert.Equal(1, Durations.HourBucketOf(TimeSpan.FromHours(1.5)));
    }

    [Fact]
    public void Duration_bands_read_as_hours_up_to_two_days_then_as_days_in_both_languages()
    {
        var t = OwnerPortal.Tests.TestStrings.Localizer;
        Assert.Equal(0, Durations.BandOf(1));
        Assert.Equal(Durations.Hours.Length, Durations.BandOf(double.PositiveInfinity));
        Assert.Equal((2d, (double?)4), Durations.BandLimits(Durations.BandOf(4)));
        Assert.Equal((2160d, (double?)null), Durations.BandLimits(Durations.Hours.Length));
        using (new OwnerPortal.Tests.CultureScope("en"))
        {
            Assert.Equal("≤ 1 h", DurationBands.Label(t, 0));
            Assert.Equal("2–4 h", DurationBands.Label(t, Durations.BandOf(4)));
            Assert.Equal("36–48 h", DurationBands.Label(t, Durations.BandOf(48)));
            Assert.Equal("2–3 days", DurationBands.Label(t, Durations.BandOf(72)));
            Assert.Equal("> 90 days", DurationBands.Label(t, Durations.Hours.Length));
            Assert.Equal("24 h", DurationBands.UpperLimit(t, Durations.BandOf(24)));
            Assert.Equal("5 days", DurationBands.UpperLimit(t, Durations.BandOf(120)));
        }
        using (new OwnerPortal.Tests.CultureScope("zh-Hans"))
        {
            Assert.Equal("2–4 小时", DurationBands.Label(t, Durations.BandOf(4)));
            Assert.Equal("3–5 天", DurationBands.Label(t, Durations.BandOf(120)));
        }
    }
}
