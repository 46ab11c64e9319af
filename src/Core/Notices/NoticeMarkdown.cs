using Ganss.Xss;
using Markdig;

namespace OwnerPortal.Core.Notices;

/// <summary>
/// Markdown written by staff → HTML owners see. Two locks: Markdig renders raw HTML as text (DisableHtml), and
/// HtmlSanitizer then keeps only a short list of text tags and http/https links. The editor's preview and the
/// published page both come from <see cref="ToSafeHtml"/>, so what was previewed is what is published.
/// </summary>
public static class NoticeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "sub", "sup", "mark", "code", "pre",
        "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
    ];

    /// <summary>HtmlSanitizer is safe to share once configured (its Sanitize keeps no state between calls).</summary>
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var tag in Tags) s.AllowedTags.Add(tag);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.Add("href");
        s.AllowedAttributes.Add("title");
        s.AllowedAttributes.Add("align"); // pipe-table column alignment
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        s.AllowedCssProperties.Clear();
        s.AllowedAtRules.Clear();
        s.UriAttributes.Clear();
        s.UriAttributes.Add("href");
        // Relative links would resolve against the Portal; a notice links only to full http(s) addresses.
        // (also protocol-relative ones, //host/path, which would inherit the Portal's scheme).
        s.FilterUrl += (_, e) =>
        {
            var url = e.SanitizedUrl ?? "";
            var absolute = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            if (!absolute) e.SanitizedUrl = null;
        };
        s.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a && a.HasAttribute("href"))
                a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return s;
    }

    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var html = Markdown.ToHtml(markdown, Pipeline);
        lock (Sanitizer) return Sanitizer.Sanitize(html);
    }

    /// <summary>Text placed inside generated Markdown (a table cell, a line) stays text: no links, emphasis or cell breaks.</summary>
    public static string Escape(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 8);
        foreach (var ch in text.ReplaceLineEndings(" "))
        {
            if ("\\`*_{}[]()<>#+-.!|~".Contains(ch)) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
