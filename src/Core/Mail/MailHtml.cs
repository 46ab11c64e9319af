using System.Net;

namespace OwnerPortal.Core.Mail;

/// <summary>The HTML part of a mail written as plain text: escaped, line breaks kept, the links made clickable.</summary>
public static class MailHtml
{
    public static string FromText(string text, params string[] links)
    {
        var html = WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal);
        foreach (var href in links.Select(l => WebUtility.HtmlEncode(l)))
            html = html.Replace(href, $"<a href=\"{href}\">{href}</a>", StringComparison.Ordinal);
        return "<p>" + html + "</p>";
    }
}
