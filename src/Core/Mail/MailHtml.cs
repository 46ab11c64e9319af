using System.Net;

namespace OwnerPortal.Core.Mail;

/// <summary>The HTML part of a mail written as plain text: escaped, line breaks kept, the link made clickable.</summary>
public static class MailHtml
{
    public static string FromText(string text, string link)
    {
        var href = WebUtility.HtmlEncode(link);
        return "<p>" + WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal)
            .Replace(href, $"<a href=\"{href}\">{href}</a>", StringComparison.Ordinal) + "</p>";
    }
}
