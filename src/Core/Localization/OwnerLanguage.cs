using System.Globalization;

namespace OwnerPortal.Core.Localization;

/// <summary>
/// Owners choose no language for mail or timeline text written on their behalf (only a cookie in their browser),
/// so such text is written in the default language, whatever the language of the staff member acting.
/// </summary>
public static class OwnerLanguage
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-Hans");

    public static void Write(Action body) => Write(() => { body(); return 0; });

    public static T Write<T>(Func<T> body)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture;
        try { return body(); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
