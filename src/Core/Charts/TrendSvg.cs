using System.Globalization;
using System.Net;
using System.Text;

namespace OwnerPortal.Core.Charts;

/// <summary>One month of a percentage trend: its figure, null when nothing was measured.</summary>
public sealed record TrendBar(DateOnly Month, decimal? Percent);

/// <summary>
/// A percentage trend drawn on the server as SVG, one bar per month against a dashed target line (no script, so it is
/// drawn as soon as the page is parsed, and bars scale with the width down to a 375 px phone). The committee scorecard
/// (Portal) and the company dashboard's small multiples (Admin) draw their trends with it; each puts the same numbers in
/// a table next to it. Styled by <c>.trend-chart</c> in wwwroot/site.css.
/// </summary>
public static class TrendSvg
{
    private const double Left = 34, Right = 316, Top = 8, Bottom = 150;

    /// <param name="labelledBy">Ids of the elements naming the chart (its caption), for aria-labelledby.</param>
    /// <param name="descriptionId">Id given to the SVG's description (every month and figure in words).</param>
    public static string Draw(IReadOnlyList<TrendBar> points, decimal target, string labelledBy, string descriptionId)
    {
        var slot = (Right - Left) / Math.Max(1, points.Count);
        static double Y(decimal percent) => Bottom - (double)percent / 100 * (Bottom - Top);
        var svg = new StringBuilder();
        svg.Append($"<svg viewBox=\"0 0 320 178\" role=\"img\" aria-labelledby=\"{Attr(labelledBy)} {Attr(descriptionId)}\" focusable=\"false\">");
        var described = string.Join("; ", points.Select(p => $"{p.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)} {Display(p.Percent)}"));
        svg.Append($"<desc id=\"{Attr(descriptionId)}\">{WebUtility.HtmlEncode(described)}</desc>");
        foreach (var tick in new[] { 0m, 50m, 100m })
        {
            svg.Append($"<line x1=\"{F(Left)}\" x2=\"{F(Right)}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\" class=\"grid\" />");
            Label(svg, Left - 4, Y(tick) + 4, "end", $"{tick:0}%");
        }
        for (var i = 0; i < points.Count; i++)
        {
            var x = Left + i * slot + slot * 0.15;
            if (points[i].Percent is { } v)
                svg.Append($"<rect x=\"{F(x)}\" y=\"{F(Y(v))}\" width=\"{F(slot * 0.7)}\" height=\"{F(Bottom - Y(v))}\" class=\"bar {(v >= target ? "met" : "missed")}\" />");
            else
                Label(svg, x + slot * 0.35, Bottom - 4, "middle", "–");
            Label(svg, x + slot * 0.35, Bottom + 14, "middle", points[i].Month.ToString("MM", CultureInfo.InvariantCulture));
        }
        svg.Append($"<line x1=\"{F(Left)}\" x2=\"{F(Right)}\" y1=\"{F(Y(target))}\" y2=\"{F(Y(target))}\" class=\"target\" />");
        var range = points.Count == 0 ? " – "
            : $"{points[0].Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)} – {points[^1].Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
        Label(svg, Right, Bottom + 26, "end", range);
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A figure as the scorecard and the dashboards' tables show it: "85.3%", or "—".</summary>
    public static string Display(decimal? percent) => percent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static void Label(StringBuilder svg, double x, double y, string anchor, string content) =>
        svg.Append($"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" class=\"axis\">{WebUtility.HtmlEncode(content)}</text>");

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Attr(string value) => WebUtility.HtmlEncode(value);
}
