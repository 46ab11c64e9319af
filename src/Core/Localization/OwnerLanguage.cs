using System.Globalization;

namespace OwnerPortal.Core.Localization;

/// <summary>
/// Owners choose no language for mail or timeline text written on their behalf (only a cookie in their browser),
/// so such text is written in the default language, whatever the language of the staff member acting.
/// </summary>
public static class OwnerLanguage
{
    public static readonly CultureInfo Culture = SiteCultures.Chinese;

    public static void Write(Action body) => Write(() => { body(); return 0; });

    public static T Write<T>(Func<T> body)
    {
        // Both cultures: the words and the dates and numbers in them (a Chinese mail, not "Deadline: 12/7/2026").
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (Culture, Culture);
        try { return body(); }
        finally { (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats); }
    }
}
