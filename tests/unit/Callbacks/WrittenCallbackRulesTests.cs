using OwnerPortal.Core.Domain.Callbacks;

namespace OwnerPortal.UnitTests.Callbacks;

/// <summary>000 3.4.1 written callbacks: at least 5% rounded up, a reproducible draw, the 30-day exclusion, coverage.</summary>
public class WrittenCallbackRulesTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(19, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(100, 5)]
    [InlineData(101, 6)]
    [InlineData(437, 22)]
    public void The_sample_is_at_least_five_percent_rounded_up(int households, int expected)
    {
        Assert.Equal(expected, WrittenCallbackRules.SampleSize(households));
        Assert.True(expected * 100 >= households * WrittenCallbackRules.TargetPercent);
    }

    [Fact]
    public void The_draw_is_reproducible_and_the_seed_matters()
    {
        var units = Enumerable.Range(1000, 400).ToList();
        var a = WrittenCallbackRules.Draw(units, new HashSet<int>(), "7:20261123");
        var b = WrittenCallbackRules.Draw(Enumerable.Reverse(units), new HashSet<int>(), "7:20261123");
        var c = WrittenCallbackRules.Draw(units, new HashSet<int>(), "8:20261123");
        Assert.Equal(20, a.Count);
        Assert.Equal(a, b); // the order units are listed in does not matter
        Assert.NotEqual(a, c);
        Assert.Equal(20, a.Distinct().Count());
        Assert.All(a, u => Assert.Contains(u, units));
    }

    [Fact]
    public void Households_contacted_in_the_last_30_days_are_avoided()
    {
        var units = Enumerable.Range(1, 200).ToList();
        var contacted = units.Where(u => u % 3 != 0).ToHashSet(); // 67 remain eligible, 10 needed
        var sample = WrittenCallbackRules.Draw(units, contacted, "seed");
        Assert.Equal(10, sample.Count);
        Assert.DoesNotContain(sample, contacted.Contains);
    }

    [Fact]
    public void When_too_few_households_remain_contacted_ones_fill_the_five_percent()
    {
        var units = Enumerable.Range(1, 200).ToList();
        var contacted = units.Where(u => u > 3).ToHashSet(); // only 1, 2, 3 are eligible
        var sample = WrittenCallbackRules.Draw(units, contacted, "seed");
        Assert.Equal(10, sample.Count);
        Assert.Subset(sample.ToHashSet(), new HashSet<int> { 1, 2, 3 });
    }

    [Fact]
    public void The_exclusion_window_is_30_days()
    {
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(now.AddDays(-30), WrittenCallbackRules.ExclusionStart(now));
    }

    [Fact]
    public void Coverage_and_satisfaction()
    {
        Assert.True(WrittenCallbackRules.CoverageOf(5, 100).MeetsTarget);
        Assert.False(WrittenCallbackRules.CoverageOf(5, 101).MeetsTarget);
        Assert.Equal(5.0, WrittenCallbackRules.CoverageOf(5, 100).Percent);
        Assert.False(WrittenCallbackRules.CoverageOf(0, 0).MeetsTarget);
        Assert.Equal(50.0, WrittenCallbackRules.Satisfaction([5, 4, 3, 1, null]));
        Assert.Null(WrittenCallbackRules.Satisfaction([null]));
    }

    [Fact]
    public void A_household_answers_once_with_ratings_1_to_5()
    {
        var invitation = new WrittenCallbackInvitation { UnitId = 1 };
        Assert.Throws<ArgumentOutOfRangeException>(() => invitation.Answer(new WrittenAnswer(5, 5, 0, 5, null), DateTimeOffset.UtcNow, 1, null));
        invitation.Answer(new WrittenAnswer(5, 4, 3, 4, " 好 "), DateTimeOffset.UtcNow, null, 9);
        Assert.True(invitation.IsPaper);
        Assert.Equal("好", invitation.Comments);
        Assert.Throws<InvalidOperationException>(() => invitation.Answer(new WrittenAnswer(1, 1, 1, 1, null), DateTimeOffset.UtcNow, 1, null));
    }
}
