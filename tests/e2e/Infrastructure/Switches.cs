using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>
/// The top bar's preference switches (language, large text) are forms posted with the anti-forgery token: tests use
/// them as a person does, by pressing the button on the page they are on.
/// </summary>
public static class Switches
{
    /// <summary>The language switch's button for <paramref name="language"/> (zh-Hans or en).</summary>
    public static ILocator Language(IPage page, string language) => page.Locator($"nav.lang button[data-lang='{language}']");

    /// <summary>
    /// Reads the site in <paramref name="language"/>: presses its button in the top bar of the page open now (the
    /// switch returns to the same page). When the page already reads in it, there is no button and nothing to do.
    /// </summary>
    public static async Task LanguageAsync(IPage page, string language)
    {
        var button = Language(page, language);
        if (await button.CountAsync() > 0) await button.ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    /// <summary>Opens <paramref name="url"/> and switches its language there, as a person arriving on that page would.</summary>
    public static async Task LanguageAsync(IPage page, string url, string language)
    {
        await page.GotoAsync(url);
        await LanguageAsync(page, language);
    }

    /// <summary>
    /// Posts a switch form of the page open now as its button would, but with chosen fields (the page's own token and
    /// cookies; <paramref name="token"/> false leaves the token out): for requests a button cannot make.
    /// </summary>
    public static async Task<IAPIResponse> PostAsync(IPage page, string path, Dictionary<string, string> fields, bool token = true)
    {
        var form = page.Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields) form.Set(name, value);
        if (token)
            form.Set("__RequestVerificationToken", await page.Locator($"form[action='{path}'] input[name=__RequestVerificationToken]").First.InputValueAsync());
        var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
        return await page.Context.APIRequest.PostAsync(origin + path, new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
    }
}
