using System.Xml.Linq;
using OwnerPortal.Core.Charts;

namespace OwnerPortal.UnitTests.Charts;

/// <summary>
/// The server-drawn trend (committee scorecard, the dashboards' KPI trends and small multiples): one bar per measured
/// month on a 0-100 scale, coloured against the target, a dash for a month with nothing measured, the target line, and
/// every month's figure in its description; text from the data is encoded.
/// </summary>
public class TrendSvgTests
{
    private static readonly XNamespace None = XNamespace.None;

    private static XElement Draw(IReadOnlyList<TrendBar> points, decimal target) => XElement.Parse(TrendSvg.Draw(points, target, "c-caption", "c-desc"));

    [Fact]
    public void Each_measured_month_is_a_bar_as_high_as_its_figure_coloured_against_the_target()
    {
        var svg = Draw([new(new DateOnly(2026, 9, 1), 100m), new(new DateOnly(2026, 10, 1), 50m), new(new DateOnly(2026, 11, 1), null)], 85m);
        var bars = svg.Elements("rect").ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal("bar met", (string?)bars[0].Attribute("class"));
        Assert.Equal("bar missed", (string?)bars[1].Attribute("class"));
        // 0-100 % spans y 150 (bottom) to 8 (top): 100 % is the full 142, 50 % half of it.
        Assert.Equal("142", (string?)bars[0].Attribute("height"));
        Assert.Equal("71", (string?)bars[1].Attribute("height"));
        Assert.Equal("8", (string?)bars[0].Attribute("y"));
        // The month without a figure is a dash, not a zero bar; every month is labelled.
        var labels = svg.Elements("text").Select(t => t.Value).ToList();
        Assert.Contains("–", labels);
        Assert.Equal(["09", "10", "11"], labels.Where(l => l.Length == 2 && l.All(char.IsDigit)).ToList());
        Assert.Contains("2026-09 – 2026-11", labels);
        // The target line at 85 %: y = 150 - 0.85 * 142.
        var target = svg.Elements("line").Single(l => (string?)l.Attribute("class") == "target");
        Assert.Equal("29.3", (string?)target.Attribute("y1"));
    }

    [Fact]
    public void It_is_an_image_named_by_its_caption_and_described_month_by_month()
    {
        var svg = Draw([new(new DateOnly(2026, 10, 1), 87.25m), new(new DateOnly(2026, 11, 1), null)], 90m);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("c-caption c-desc", (string?)svg.Attribute("aria-labelledby"));
        var desc = svg.Element("desc")!;
        Assert.Equal("c-desc", (string?)desc.Attribute("id"));
        Assert.Equal("2026-10 87.3%; 2026-11 —", desc.Value);
    }

    [Fact]
    public void Ids_from_outside_are_encoded()
    {
        var markup = TrendSvg.Draw([new(new DateOnly(2026, 10, 1), 10m)], 90m, "a\"><script>", "d");
        Assert.DoesNotContain("<script>", markup);
        Assert.Equal("a\"><script> d", (string?)XElement.Parse(markup).Attribute("aria-labelledby"));
    }
}
