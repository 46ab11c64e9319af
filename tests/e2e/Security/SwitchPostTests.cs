using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>
/// The top bar's preference switches (language in both sites, large text in the Portal) save a choice for the signed-in
/// person, so they are forms posted with the anti-forgery token (Core/Web/SwitchForms): a link or a form on another
/// site changes nothing, the buttons work for anonymous and signed-in people alike.
/// </summary>
public class SwitchPostTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner1.czy@demo.ownerportal.cn";
    private const string Staff = "security.czy@demo.ownerportal.cn"; // a department supervisor no other test signs in as

    private async Task<(string Language, bool LargeText)> OwnerSavedAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var saved = await db.People.Where(p => p.Email == Owner).Select(p => new { p.Language, p.LargeText }).SingleAsync();
        return (saved.Language, saved.LargeText);
    }

    private async Task<string> StaffSavedAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        return await db.Staff.IgnoreQueryFilters().Where(s => s.Email == Staff).Select(s => s.Language).SingleAsync();
    }

    /// <summary>Back to the demo data's values, for the other tests.</summary>
    private async Task ResetAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        await db.People.Where(p => p.Email == Owner).ExecuteUpdateAsync(x => x.SetProperty(p => p.Language, "zh-Hans").SetProperty(p => p.LargeText, false));
        await db.Staff.IgnoreQueryFilters().Where(s => s.Email == Staff).ExecuteUpdateAsync(x => x.SetProperty(s => s.Language, "zh-Hans"));
    }

    private static async Task<string[]> PreferenceCookiesAsync(IPage page, string baseUrl) =>
        (await page.Context.CookiesAsync([baseUrl])).Where(c => c.Name is "op.culture" or "op_large").Select(c => $"{c.Name}={c.Value}").Order().ToArray();

    [Fact]
    public Task A_cross_site_link_or_form_and_a_post_without_token_change_neither_the_cookies_nor_the_database() => RunAsync(async s =>
    {
        await ResetAsync();
        var page = s.Page;
        var portal = Sites.Portal.BaseUrl;
        await page.GotoAsync(portal + "/Account/Login");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync(portal + "/Account");
        var cookies = await PreferenceCookiesAsync(page, portal);
        var saved = await OwnerSavedAsync();
        Assert.Equal(("zh-Hans", false), saved);

        // Another site links to the switches (what a link, an <img> or a redirect there does) and posts forms to them.
        const string evil = "http://evil.example";
        await page.Context.RouteAsync(evil + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""
                <a id="culture" href="{portal}/culture?c=en&amp;returnUrl=/Account">English</a>
                <a id="large" href="{portal}/display/large-text?on=true&amp;returnUrl=/Account">Large</a>
                <form id="post-culture" method="post" action="{portal}/culture"><input name="c" value="en"><input name="returnUrl" value="/Account"><button>go</button></form>
                <form id="post-large" method="post" action="{portal}/display/large-text"><input name="on" value="true"><input name="returnUrl" value="/Account"><button>go</button></form>
                """,
        }));
        foreach (var (selector, path, status) in new[]
                 { ("#culture", "/culture", 405), ("#large", "/display/large-text", 405), ("#post-culture button", "/culture", 400), ("#post-large button", "/display/large-text", 400) })
        {
            await page.GotoAsync(evil + "/");
            var response = await page.RunAndWaitForResponseAsync(() => page.Locator(selector).ClickAsync(),
                r => r.Url.StartsWith(portal + path, StringComparison.Ordinal));
            Assert.Equal(status, response.Status);
            await page.WaitForLoadStateAsync();
            Assert.Equal(cookies, await PreferenceCookiesAsync(page, portal));
            Assert.Equal(saved, await OwnerSavedAsync());
        }

        // From the site itself, with the session and the anti-forgery cookie but no token (or a wrong one): 400 too.
        await page.GotoAsync(portal + "/Account");
        foreach (var (path, fields) in new[] { ("/culture", new Dictionary<string, string> { ["c"] = "en", ["returnUrl"] = "/" }), ("/display/large-text", new() { ["on"] = "true", ["returnUrl"] = "/" }) })
        {
            Assert.Equal(400, (await Switches.PostAsync(page, path, fields, token: false)).Status);
            Assert.Equal(400, (await Switches.PostAsync(page, path, new(fields) { ["__RequestVerificationToken"] = "forged" }, token: false)).Status);
            Assert.Equal(cookies, await PreferenceCookiesAsync(page, portal));
            Assert.Equal(saved, await OwnerSavedAsync());
        }
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        Assert.DoesNotContain(Sites.Portal.Logs.Lines, l => l.StartsWith("Error ", StringComparison.Ordinal));
    });

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public Task In_the_portal_the_buttons_switch_for_anyone_and_save_the_choice_for_a_signed_in_owner(int width) => RunAsync(async s =>
    {
        await ResetAsync();
        var page = s.Page;
        var portal = Sites.Portal.BaseUrl;

        // Anonymous, on the sign-in page: the buttons are named buttons in the language navigation, and return to the page.
        await page.GotoAsync(portal + "/Account/Login?ReturnUrl=%2FCases");
        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "语言" });
        await Expect(languages.GetByRole(AriaRole.Button, new() { Name = "English" })).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"switches-topbar-zh-{width}");
        await languages.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(portal + "/Account/Login?ReturnUrl=%2FCases");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Large text" }).ClickAsync();
        await Expect(page.Locator("html")).ToHaveClassAsync("large");
        await ScreenshotAsync(page, $"switches-topbar-en-large-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Normal text" }).ClickAsync();
        await Expect(page.Locator("html")).Not.ToHaveClassAsync("large");
        await ScreenshotAsync(page, $"switches-topbar-en-{width}");
        Assert.Equal(("zh-Hans", false), await OwnerSavedAsync()); // nobody signed in: only this browser's cookies

        // Signed in, with the keyboard: the choice is saved for the owner (mail language, large text).
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync(portal + "/Cases");
        var chinese = Switches.Language(page, "zh-Hans");
        await chinese.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page).ToHaveURLAsync(portal + "/Cases");
        Assert.Equal("zh-Hans", (await OwnerSavedAsync()).Language);
        await Switches.LanguageAsync(page, "en");
        Assert.Equal("en", (await OwnerSavedAsync()).Language);
        await page.GetByTestId("large-text-toggle").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator("html")).ToHaveClassAsync("large");
        await Expect(page.GetByTestId("large-text-toggle")).ToHaveAttributeAsync("data-on", "true");
        Assert.Equal(("en", true), await OwnerSavedAsync());
        await ScreenshotAsync(page, $"switches-topbar-owner-en-large-{width}");
        await page.GetByTestId("large-text-toggle").ClickAsync();
        await Switches.LanguageAsync(page, "zh-Hans");
        Assert.Equal(("zh-Hans", false), await OwnerSavedAsync());
        await ScreenshotAsync(page, $"switches-topbar-owner-zh-{width}");
        Assert.Empty(s.ConsoleErrors);
    }, width: width);

    [Fact]
    public Task In_the_admin_the_language_buttons_switch_for_anyone_and_save_the_mail_language_of_signed_in_staff() => RunAsync(async s =>
    {
        await ResetAsync();
        var page = s.Page;
        var admin = Sites.Admin.BaseUrl;
        await page.GotoAsync(admin + "/SignedOut");
        await Switches.LanguageAsync(page, "en");
        await Expect(page).ToHaveURLAsync(admin + "/SignedOut");
        await Switches.LanguageAsync(page, "zh-Hans");

        await SignIn.ToAdminAsync(page, Sites, Staff);
        await page.GotoAsync(admin + "/Cases");
        await Switches.LanguageAsync(page, "en");
        await Expect(page).ToHaveURLAsync(admin + "/Cases");
        Assert.Equal("en", await StaffSavedAsync());
        await ScreenshotAsync(page, "switches-admin-topbar-en-1280");
        await Switches.LanguageAsync(page, "zh-Hans");
        Assert.Equal("zh-Hans", await StaffSavedAsync());
        await ScreenshotAsync(page, "switches-admin-topbar-zh-1280");
    });

    /// <summary>
    /// The service worker keeps the pages it lists (wwwroot/js/sw.js FILES) for every later visitor of this browser:
    /// none may carry a signed-in person's anti-forgery token (or anything else of theirs).
    /// </summary>
    [Fact]
    public Task The_pages_the_service_worker_keeps_carry_no_token_even_when_fetched_signed_in() => RunAsync(async s =>
    {
        var page = s.Page;
        var portal = Sites.Portal.BaseUrl;
        await page.GotoAsync(portal + "/Account/Login");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync(portal + "/Account");
        var worker = await (await page.Context.APIRequest.GetAsync(portal + "/sw.js")).TextAsync();
        var files = Regex.Matches(Regex.Match(worker, @"const FILES = \[(.*?)\];").Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
        var pages = files.Where(f => !f.StartsWith("/assets/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/offline"], pages);
        foreach (var path in pages)
        {
            var html = await (await page.Context.APIRequest.GetAsync(portal + path)).TextAsync();
            Assert.DoesNotContain("__RequestVerificationToken", html);
            Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Owner, html);
        }
        // The top bar of an ordinary page does carry one: the check above looks for the right thing.
        Assert.Contains("__RequestVerificationToken", await (await page.Context.APIRequest.GetAsync(portal + "/")).TextAsync());
    });
}
