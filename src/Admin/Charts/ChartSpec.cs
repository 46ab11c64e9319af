using System.Globalization;

namespace OwnerPortal.Admin.Charts;

/// <summary>One series of a chart: a value per x label (null: no data point there).</summary>
/// <param name="Markers">Draw the series as marks instead of bars or a line (e.g. a target per bar).</param>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, bool Markers = false);

/// <summary>One value the whole chart is measured against, drawn as a dashed line.</summary>
public sealed record ChartTarget(decimal Value, string Label);

/// <summary>
/// A chart described as plain data and drawn on the server by the partial <c>/Pages/Shared/_Chart.cshtml</c> (no script):
/// bars, one row per x label with its figure written next to it, or, made <see cref="Svg"/>, a monthly trend as SVG.
/// The partial adds the same numbers as a table; <see cref="PlotlyFigure.Json"/> is the figure the PNG button exports.
/// For small multiples render several specs made <see cref="Small"/> in a <c>.chart-grid</c>.
/// </summary>
public sealed record ChartSpec
{
    public required string Title { get; init; }
    /// <summary>Categories: the bars (top to bottom) or the months of a trend, in order.</summary>
    public IReadOnlyList<string> XLabels { get; init; } = [];
    /// <summary>Heading of the label column in the table view.</summary>
    public string? XTitle { get; init; }
    public IReadOnlyList<ChartSeries> Series { get; init; } = [];
    public ChartTarget? TargetLine { get; init; }
    /// <summary>Values are percentages: the value axis runs 0-100 and numbers read "85.3%".</summary>
    public bool Percent { get; init; }
    /// <summary>Per x label, the address a click on that bar or point (and its number in the table) opens.</summary>
    public IReadOnlyList<string?>? Links { get; init; }
    public int Height { get; init; } = 320;
    /// <summary>Name of the PNG the chart's download button saves (without extension).</summary>
    public string FileName { get; init; } = "chart";
    /// <summary>A small multiple: no legend, minimal margins.</summary>
    public bool Compact { get; init; }

    /// <summary>
    /// A monthly trend drawn as SVG (<see cref="OwnerPortal.Core.Charts.TrendSvg"/>, the committee scorecard's trend bars)
    /// instead of as bar rows: for a one-series percentage trend with a target. Its bars open nothing (the table view's
    /// numbers do) and it has no PNG button.
    /// </summary>
    public bool ServerDrawn { get; init; }

    /// <summary>This chart as a small multiple.</summary>
    public ChartSpec Small() => this with { Height = 160, Compact = true };

    /// <summary>This monthly percentage trend (one series, x labels yyyy-MM, a target) drawn on the server as SVG.</summary>
    public ChartSpec Svg() => Series.Count == 1 && Percent && TargetLine is not null
        ? this with { ServerDrawn = true }
        : throw new InvalidOperationException("Only a one-series percentage trend with a target is drawn as SVG.");

    /// <summary>This monthly percentage trend as a small multiple drawn on the server as SVG.</summary>
    public ChartSpec SmallSvg() => Small().Svg();

    public string? LinkAt(int index) =>
        Links is { } links && index >= 0 && index < links.Count && !string.IsNullOrEmpty(links[index]) ? links[index] : null;

    /// <summary>
    /// How long a bar is, as a percentage of its track: a percentage is its own length (0-100); a count is measured
    /// against the largest value the chart shows (bars, marks and its target), so that the longest fills its track and
    /// none goes past it.
    /// </summary>
    public double BarLength(decimal? value)
    {
        if (value is not { } v || v <= 0) return 0;
        if (Percent) return (double)Math.Min(v, 100m);
        var largest = Series.SelectMany(s => s.Values).Append(TargetLine?.Value).Max() ?? 0;
        return largest <= 0 ? 0 : (double)(v / largest * 100);
    }

    /// <summary>A number the way the chart, its table view and the PNG's hover label show it.</summary>
    public string Format(decimal? value) => value is not { } v ? "—"
        : Percent ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : v.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>The key in HttpContext.Items that tells the layout this page has charts to export (charts.js).</summary>
    public const string PageHasCharts = "OwnerPortal.Admin.Charts";
}
