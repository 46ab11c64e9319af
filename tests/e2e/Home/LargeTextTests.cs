using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Home;

/// <summary>Large text and simple pages for older owners (issue #18 item 12).</summary>
public class LargeTextTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner2.czy@demo.ownerportal.cn";
    private static readonly string[] OwnerPages = ["/", "/Cases", "/Cases/New", "/Notices", "/Account"];

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
    }

    private async Task<bool> SavedAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        return await db.People.Where(p => p.Email == Owner).Select(p => p.LargeText).SingleAsync();
    }

    private static Task<double> RootFontPxAsync(IPage page) =>
        page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");

    /// <summary>Visible controls in the page (not the top bar) lower than 48 px.</summary>
    private static Task<string[]> SmallTargetsAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => [...document.querySelectorAll('main button, main a.button, main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main select, main textarea, header button, header a')]
          .filter(e => e.offsetParent !== null)
          .filter(e => e.getBoundingClientRect().height < 48)
          .map(e => e.tagName + ' ' + (e.textContent || e.name || '').trim().slice(0, 30) + ' ' + Math.round(e.getBoundingClientRect().height) + 'px')
        """);

    [Theory]
    [InlineData("zh-CN", 375)]
    [InlineData("en-GB", 1280)]
    public Task Chosen_on_the_account_page_it_enlarges_simplifies_and_follows_the_owner_to_a_new_sign_in(string locale, int width) => RunAsync(async s =>
    {
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            await db.People.Where(p => p.Email == Owner).ExecuteUpdateAsync(x => x.SetProperty(p => p.LargeText, false));
        var page = s.Page;
        await SignInAsync(page);
        var normal = await RootFontPxAsync(page);
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(page.Locator("section.features")).ToBeVisibleAsync();
        await Expect(page.Locator("footer")).ToBeVisibleAsync();
        await ScreenshotAsync(page, $"large-text-off-home-{width}-{locale}");

        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await page.GetByTestId("large-text").CheckAsync();
        await page.GetByTestId("large-text-save").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        await Expect(page.Locator("html")).ToHaveClassAsync("large");
        await Expect(page.GetByTestId("large-text")).ToBeCheckedAsync();
        Assert.True(await SavedAsync());
        Assert.True(await RootFontPxAsync(page) >= normal * 1.25, "text at least 1.25x");

        // Simple pages: the explanations, the feature cards, the other estates and the footer are gone; the actions stay.
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(page.Locator("section.features")).ToBeHiddenAsync();
        await Expect(page.Locator("section.offices")).ToBeHiddenAsync();
        await Expect(page.Locator("footer")).ToBeHiddenAsync();
        await Expect(page.Locator("main a[href='/Cases/New']")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("large-text-toggle")).ToHaveAttributeAsync("data-on", "true");
        await ScreenshotAsync(page, $"large-text-home-{width}-{locale}");
        foreach (var path in OwnerPages)
        {
            await page.GotoAsync(Sites.Portal.BaseUrl + path);
            Assert.Empty(await SmallTargetsAsync(page));
            Assert.Empty(await AccessibilityTests.SeriousViolationsAsync(page));
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 0, $"{path} scrolls sideways");
        }
        await ScreenshotAsync(page, $"large-text-account-{width}-{locale}");
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await ScreenshotAsync(page, $"large-text-new-case-{width}-{locale}");

        // Sign out, and sign in again from a browser that has never seen the choice: it comes from the account.
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await page.Locator("form[action='/Account/Logout'] button").ClickAsync();
        await page.Context.ClearCookiesAsync();
        await SignInAsync(page);
        await Expect(page.Locator("html")).ToHaveClassAsync("large");

        // The switch in the top bar turns it off again, for the account too.
        await page.GetByTestId("large-text-toggle").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync("large");
        Assert.False(await SavedAsync());
    }, locale: locale, width: width);

    [Fact]
    public Task Before_signing_in_the_switch_in_the_top_bar_enlarges_the_sign_in_page_and_the_choice_is_kept_for_the_owner() => RunAsync(async s =>
    {
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            await db.People.Where(p => p.Email == Owner).ExecuteUpdateAsync(x => x.SetProperty(p => p.LargeText, false));
        var page = s.Page;
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync("large");
        await page.GetByTestId("large-text-toggle").ClickAsync();
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account/Login");
        await Expect(page.Locator("html")).ToHaveClassAsync("large");
        Assert.Empty(await SmallTargetsAsync(page));
        Assert.Empty(await AccessibilityTests.SeriousViolationsAsync(page));
        await ScreenshotAsync(page, "large-text-login-375-zh");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        await Expect(page.Locator("html")).ToHaveClassAsync("large");
        Assert.True(await SavedAsync());
        await using var reset = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)); // as the demo data has it, for the other tests
        await reset.People.Where(p => p.Email == Owner).ExecuteUpdateAsync(x => x.SetProperty(p => p.LargeText, false));
    }, width: 375);
}
