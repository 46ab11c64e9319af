using System.Globalization;

namespace OwnerPortal.Core.Localization;

/// <summary>
/// The two languages of both sites. Dates read the same in both (2026-12-03, 2026-12-03 18:00): "12/3/2026 6:00 PM"
/// is ambiguous to readers in China, and a mail or export must not change format with the writer's language. Every
/// "d", "g" and "t" on pages, in mails and exports follows these patterns (issue #18).
/// </summary>
public static class SiteCultures
{
    public static readonly CultureInfo Chinese = Unambiguous("zh-Hans");
    public static readonly CultureInfo English = Unambiguous("en");
    public static readonly CultureInfo[] All = [Chinese, English];
    public const string DefaultName = "zh-Hans";

    /// <summary>The site culture of a stored language name; the default for anything else.</summary>
    public static CultureInfo Find(string? name) => All.FirstOrDefault(c => c.Name == name) ?? Chinese;

    /// <summary>The site language a culture belongs to (en-US → en, zh-CN → zh-Hans), for storing a person's choice.</summary>
    public static string NameOf(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? English.Name : Chinese.Name;

    private static CultureInfo Unambiguous(string name)
    {
        var culture = new CultureInfo(name);
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        return CultureInfo.ReadOnly(culture);
    }
}
