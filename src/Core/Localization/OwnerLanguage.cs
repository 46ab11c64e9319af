using System.Globalization;

namespace OwnerPortal.Core.Localization;

/// <summary>
/// The language text is written in when it is not for the person at the screen. Shared text (timeline entries and
/// notices written on an owner's behalf, read by the household and staff) is in the default language, whatever the
/// language of the staff member acting; a mail is in its recipient's language (Person.Language, Staff.Language).
/// </summary>
public static class OwnerLanguage
{
    public static readonly CultureInfo Culture = SiteCultures.Chinese;

    public static void Write(Action body) => Write(Culture, body);

    public static T Write<T>(Func<T> body) => Write(Culture, body);

    /// <summary>A mail to one person, in the language they chose (a SiteCultures name).</summary>
    public static void Write(string? language, Action body) => Write(SiteCultures.Find(language), body);

    public static T Write<T>(string? language, Func<T> body) => Write(SiteCultures.Find(language), body);

    private static void Write(CultureInfo culture, Action body) => Write(culture, () => { body(); return 0; });

    private static T Write<T>(CultureInfo culture, Func<T> body)
    {
        // Both cultures: the words and the dates and numbers in them (a Chinese mail, not "Deadline: 12/7/2026").
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
        try { return body(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats); }
    }
}
