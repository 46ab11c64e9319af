using OwnerPortal.Admin.Charts;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>How long the server draws a bar, a mark and a target line (no browser: ChartSpec is plain code).</summary>
public class BarLengthTests
{
    [Fact]
    public void A_percentage_is_its_own_length_and_stops_at_the_end_of_the_track()
    {
        var spec = new ChartSpec { Title = "t", Percent = true, XLabels = ["a", "b"], Series = [new("s", [42.5m, 120m])] };
        Assert.Equal(42.5, spec.BarLength(42.5m));
        Assert.Equal(100, spec.BarLength(120m));
        Assert.Equal(0, spec.BarLength(null));
        Assert.Equal(0, spec.BarLength(-3m));
    }

    [Fact]
    public void A_count_is_measured_against_the_largest_figure_the_chart_shows_so_nothing_goes_past_the_track()
    {
        var bars = new ChartSpec { Title = "t", XLabels = ["a", "b"], Series = [new("open", [10m, 40m])] };
        Assert.Equal(25, bars.BarLength(10m));
        Assert.Equal(100, bars.BarLength(40m));

        // A per-row mark or the chart's target larger than every bar sets the scale instead.
        var withMark = bars with { Series = [new("open", [10m, 40m]), new("target", [80m, null], Markers: true)] };
        Assert.Equal(50, withMark.BarLength(40m));
        Assert.Equal(100, withMark.BarLength(80m));
        var withTarget = bars with { TargetLine = new ChartTarget(50m, "target") };
        Assert.Equal(80, withTarget.BarLength(40m));
        Assert.Equal(100, withTarget.BarLength(50m));

        var empty = new ChartSpec { Title = "t", XLabels = ["a"], Series = [new("open", [0m])] };
        Assert.Equal(0, empty.BarLength(0m));
    }
}
