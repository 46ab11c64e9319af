using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace OwnerPortal.Admin.Charts;

/// <summary>
/// Turns a <see cref="ChartSpec"/> into Plotly traces, layout and config in the site's look: the chart the page draws
/// (horizontal bars, marks for per-bar targets, the dashed target line), for the PNG button, which loads Plotly only when
/// pressed (wwwroot/js/charts.js).
/// </summary>
public static class PlotlyFigure
{
    /// <summary>
    /// The whole figure as JSON (Plotly's data, layout and config in Plotly.Blazor's serialization), prepared while the
    /// page renders: the page carries it in the PNG button's data-figure, so exporting needs no round trip.
    /// </summary>
    public static string Json(ChartSpec spec)
    {
        var (data, layout, config) = From(spec);
        // As objects: each part serialized as its runtime type, which carries Plotly.Blazor's names and enum converters.
        return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["data"] = data.Select(trace => (object)trace).ToList(),
            ["layout"] = layout,
            ["config"] = config,
        }, FigureJson);
    }

    private static readonly System.Text.Json.JsonSerializerOptions FigureJson = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        // Chinese labels as characters, not \uXXXX (the page is smaller); HTML-sensitive characters stay escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    // The palette of wwwroot/site.css: brand, accent, muted, then lighter brand tones.
    private static readonly string[] Palette = ["#0f6e5a", "#f4b942", "#5c6b66", "#7fb8a8", "#b3261e", "#0a4d3f"];
    private const string Ink = "#1d2623";
    private const string Muted = "#5c6b66";
    private const string Line = "#dfe6e3";
    // The stylesheet's font stack: Chinese glyphs on every platform, in the page and in the PNG.
    private const string Fonts = "system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'Segoe UI', sans-serif";

    public static (IList<ITrace> Data, Plotly.Blazor.Layout Layout, Config Config) From(ChartSpec spec)
    {
        var data = new List<ITrace>();
        var colour = 0;
        foreach (var series in spec.Series)
        {
            IList<object> values = series.Values.Select(v => (object)v!).ToList(); // null: a gap
            // Category labels take width from the bars: long ones wrap.
            IList<object> labels = spec.XLabels.Select(l => (object)Wrap(l)).ToList();
            var hover = $"%{{y}}<br>{Escape(series.Name)}: %{{x:,.1f}}{(spec.Percent ? "%" : "")}<extra></extra>";
            if (series.Markers)
            {
                data.Add(new Scatter
                {
                    Name = series.Name,
                    X = values,
                    Y = labels,
                    Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                    Marker = new Plotly.Blazor.Traces.ScatterLib.Marker
                    {
                        Symbol = Plotly.Blazor.Traces.ScatterLib.MarkerLib.SymbolEnum.LineNS,
                        Size = spec.Compact ? 14 : 22,
                        Line = new Plotly.Blazor.Traces.ScatterLib.MarkerLib.Line { Width = 3, Color = Ink },
                        Color = Ink,
                    },
                    HoverTemplate = hover,
                });
            }
            else
            {
                data.Add(new Bar
                {
                    Name = series.Name,
                    X = values,
                    Y = labels,
                    Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                    Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = Palette[colour % Palette.Length] },
                    HoverTemplate = hover,
                });
                colour++;
            }
        }

        var font = new Plotly.Blazor.LayoutLib.Font { Family = Fonts, Size = spec.Compact ? 11 : 13, Color = Ink };
        var legend = !spec.Compact && spec.Series.Count > 1;
        // 0-100 with a little room, so that a bar or mark at 100% is not cut in half by the edge.
        var valueRange = spec.Percent ? new List<object> { 0, 104 } : null;
        var percentTicks = !spec.Percent ? null : spec.Compact ? new List<object> { 0, 50, 100 } : new List<object> { 0, 20, 40, 60, 80, 100 };
        var percentLabels = percentTicks?.Select(v => (object)$"{v}%").ToList();
        var layout = new Plotly.Blazor.Layout
        {
            // The title on its own line at the top, the legend on the next: neither covers the other at any width.
            Title = new Title
            {
                Text = Escape(spec.Title),
                X = 0, XRef = Plotly.Blazor.LayoutLib.TitleLib.XRefEnum.Container, XAnchor = Plotly.Blazor.LayoutLib.TitleLib.XAnchorEnum.Left,
                Y = 1, YRef = Plotly.Blazor.LayoutLib.TitleLib.YRefEnum.Container, YAnchor = Plotly.Blazor.LayoutLib.TitleLib.YAnchorEnum.Top,
                Pad = new Plotly.Blazor.LayoutLib.TitleLib.Pad { L = 4, T = spec.Compact ? 6 : 10 },
                Font = new Plotly.Blazor.LayoutLib.TitleLib.Font { Family = Fonts, Size = spec.Compact ? 12 : 15, Color = Ink, Weight = 600 },
            },
            Font = font,
            Height = spec.Height,
            AutoSize = true,
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
            Margin = spec.Compact ? new Margin { L = 8, R = 8, T = 28, B = 20, Pad = 2 }
                : new Margin { L = 12, R = 16, T = legend ? 72 : 48, B = 36, Pad = 4 },
            BarMode = BarModeEnum.Group,
            ShowLegend = legend,
            Legend = [new Legend
            {
                Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H,
                X = 0, XRef = Plotly.Blazor.LayoutLib.LegendLib.XRefEnum.Container, XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Left,
                Y = 1 - 36m / spec.Height, YRef = Plotly.Blazor.LayoutLib.LegendLib.YRefEnum.Container, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Top,
            }],
            HoverMode = HoverModeEnum.Closest,
            XAxis = [new XAxis
            {
                AutoMargin = Plotly.Blazor.LayoutLib.XAxisLib.AutoMarginFlag.True,
                FixedRange = true,
                GridColor = Line, LineColor = Line, ZeroLineColor = Line,
                Range = valueRange,
                TickVals = percentTicks,
                TickText = percentLabels,
            }],
            YAxis = [new YAxis
            {
                AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
                FixedRange = true,
                GridColor = Line, LineColor = Line, ZeroLineColor = Line,
                AutoRange = Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed,
                Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category,
            }],
        };
        if (spec.TargetLine is { } target)
        {
            layout.Shapes =
            [
                new Shape { Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line, XRef = "x", YRef = "paper", X0 = target.Value, X1 = target.Value, Y0 = 0, Y1 = 1,
                    Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = Muted, Width = 2, Dash = "dash" } },
            ];
            layout.Annotations =
            [
                new Annotation
                {
                    Text = Escape($"{target.Label} {spec.Format(target.Value)}"),
                    ShowArrow = false,
                    XRef = "x", YRef = "paper", X = target.Value, Y = 1,
                    // Auto: left of the line near the right edge, right of it elsewhere, so the label stays inside the chart.
                    XAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.XAnchorEnum.Auto,
                    YAnchor = Plotly.Blazor.LayoutLib.AnnotationLib.YAnchorEnum.Bottom,
                    Font = new Plotly.Blazor.LayoutLib.AnnotationLib.Font { Color = Muted, Size = spec.Compact ? 10 : 12 },
                },
            ];
        }

        var config = new Config
        {
            Responsive = true,
            DisplayLogo = false,
            DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover,
            // Keep only "download as PNG": the axes are fixed, so zoom, pan and select would only confuse.
            ModeBarButtonsToRemove = new[]
            {
                "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d", "resetScale2d",
                "toggleSpikelines", "hoverClosestCartesian", "hoverCompareCartesian",
            },
            ToImageButtonOptions = new Dictionary<string, object> { ["format"] = "png", ["filename"] = spec.FileName, ["scale"] = 2 },
        };
        return (data, layout, config);
    }

    /// <summary>Words on lines of about <paramref name="width"/> characters (text without spaces stays whole), for Plotly.</summary>
    public static string Wrap(string label, int width = 18)
    {
        if (label.Length <= width || !label.Contains(' ')) return Escape(label);
        var lines = new List<string>();
        var line = "";
        foreach (var word in label.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width) { lines.Add(line); line = word; }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        lines.Add(line);
        return string.Join("<br>", lines.Select(Escape));
    }

    /// <summary>Plotly reads titles and labels as (a subset of) HTML.</summary>
    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);
}
