using OwnerPortal.Core.Kpis;

namespace OwnerPortal.UnitTests.Kpis;

public class KpiTargetTests
{
    [Theory]
    [InlineData(100.0, 100.0, Rag.Green)]
    [InlineData(99.9, 100.0, Rag.Amber)]
    [InlineData(95.0, 100.0, Rag.Amber)]
    [InlineData(94.9, 100.0, Rag.Red)]
    [InlineData(80.0, 80.0, Rag.Green)]
    [InlineData(97.9, 98.0, Rag.Amber)]
    public void The_light_is_green_at_the_target_amber_within_five_points_red_below(double percent, double target, Rag expected) =>
        Assert.Equal(expected, KpiTargets.RagOf((decimal)percent, (decimal)target));

    [Fact]
    public void Nothing_measured_has_no_light() => Assert.Equal(Rag.None, KpiTargets.RagOf(null, 100m));

    [Fact]
    public void Targets_are_the_specs() =>
        Assert.Equal([100m, 100m, 100m, 98m, 80m], new[] { Kpi.FeedbackTimeliness, Kpi.ResponseWithinWorkingDay, Kpi.CallbackRate, Kpi.CallbackSatisfaction, Kpi.ComplaintClosureRate }.Select(KpiTargets.TargetOf));
}
