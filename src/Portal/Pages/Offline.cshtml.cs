using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Portal.Pages;

/// <summary>
/// What the installed Portal shows when a page cannot be reached (the service worker keeps a copy). The kept copy
/// is in one language whichever the owner reads later, so it says it in both, and it holds nothing personal.
/// </summary>
[AllowAnonymous]
public class OfflineModel(IStringLocalizer<Strings> t) : PageModel
{
    public record Words(string Language, string Title, string Text, string NewCase, string Home);

    /// <summary>The reader's language first.</summary>
    public IReadOnlyList<Words> InEachLanguage { get; } = SiteCultures.All
        .OrderBy(c => c.Name == System.Globalization.CultureInfo.CurrentUICulture.Name ? 0 : 1)
        .Select(c => OwnerLanguage.Write(c.Name, () =>
            new Words(c.Name, t["Offline.Title"], t["Offline.Text"], t["Offline.NewCase"], t["Offline.Home"]))).ToList();
}
