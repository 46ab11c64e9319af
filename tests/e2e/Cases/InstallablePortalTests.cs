using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Cases;

/// <summary>
/// The installable Portal (issue #18 item 15): a manifest with icons, a service worker that keeps the shell and shows
/// an offline page, and a case form that keeps what was typed across a dropped connection and files it once.
/// </summary>
public class InstallablePortalTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner2.bhw@demo.ownerportal.cn";

    [Fact]
    public Task The_portal_is_installable_and_opens_an_offline_page_in_both_languages_without_a_connection() => RunAsync(async s =>
    {
        var page = s.Page;
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        var href = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var manifest = await page.APIRequest.GetAsync(Sites.Portal.BaseUrl + href);
        Assert.Equal("application/manifest+json", manifest.Headers["content-type"].Split(';')[0]);
        using var json = JsonDocument.Parse(await manifest.TextAsync());
        Assert.Equal("业主服务平台", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("standalone", json.RootElement.GetProperty("display").GetString());
        var icons = json.RootElement.GetProperty("icons").EnumerateArray().ToList();
        foreach (var size in new[] { "192x192", "512x512" })
            Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == size && i.GetProperty("purpose").GetString() == "any");
        foreach (var icon in icons)
        {
            var image = await page.APIRequest.GetAsync(Sites.Portal.BaseUrl + icon.GetProperty("src").GetString());
            Assert.Equal(200, image.Status);
            Assert.Equal("image/png", image.Headers["content-type"]);
        }

        // The worker is installed with the shell kept, and controls the page.
        Assert.EndsWith("/sw.js", await page.EvaluateAsync<string>("async () => (await navigator.serviceWorker.ready).active.scriptURL"));
        await page.WaitForFunctionAsync("async () => !!(await caches.match('/offline'))");
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"));

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Notices");
        await Expect(page.GetByTestId("offline-page")).ToBeVisibleAsync();
        await Expect(page.Locator("[lang=zh-Hans] h1")).ToHaveTextAsync("没有网络连接");
        await Expect(page.Locator("[lang=en] h2")).ToHaveTextAsync("You are offline");
        await ScreenshotAsync(page, "portal-offline-375");
        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await Expect(page.Locator("h1")).ToHaveTextAsync("登录");
    }, width: 375);

    [Fact]
    public Task A_case_typed_while_the_connection_drops_is_kept_on_the_device_and_filed_once() => RunAsync(async s =>
    {
        var page = s.Page;
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page.Locator("h1")).ToHaveTextAsync("File a case");
        var description = $"Lift button on floor 7 does not light up {Guid.NewGuid():N}";
        await page.Locator("input[name='Input.Type'][value='Complaint']").CheckAsync();
        await page.Locator("#Input_Category").SelectOptionAsync("Facilities");
        await page.Locator("#Input_Description").FillAsync(description);
        await page.Locator("#Input_PreferredContactTime").FillAsync("after 7 pm");
        var key = await page.Locator("input[name='Input.IdempotencyKey']").InputValueAsync();

        // The connection drops: pressing Submit says so, and the page with what was typed stays.
        await page.Context.SetOfflineAsync(true);
        await page.GetByTestId("submit-case").ClickAsync();
        await Expect(page.GetByTestId("draft-offline")).ToBeVisibleAsync();
        await Expect(page.Locator("#Input_Description")).ToHaveValueAsync(description);
        await page.Context.SetOfflineAsync(false);

        // The owner comes back later (a new tab): the form is filled in again, with the same idempotency key.
        var later = await page.Context.NewPageAsync();
        await later.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await Expect(later.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(later.Locator("#Input_Description")).ToHaveValueAsync(description);
        await Expect(later.Locator("#Input_PreferredContactTime")).ToHaveValueAsync("after 7 pm");
        await Expect(later.Locator("#Input_Category")).ToHaveValueAsync("Facilities");
        await Expect(later.Locator("input[name='Input.Type'][value='Complaint']")).ToBeCheckedAsync();
        Assert.Equal(key, await later.Locator("input[name='Input.IdempotencyKey']").InputValueAsync());

        // The first try had in fact reached the server before the connection dropped (its answer was lost): sending
        // the restored form again files nothing new and shows that case.
        Assert.Equal(200, await later.EvaluateAsync<int>(
            "() => fetch(location.href, { method: 'POST', body: new FormData(document.querySelector('form[data-draft-key]')) }).then(r => r.status)"));
        await later.GetByTestId("submit-case").ClickAsync();
        await Expect(later.GetByTestId("description")).ToHaveTextAsync(description);
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var filed = await db.Cases.IgnoreQueryFilters().Where(c => c.Description == description).Select(c => c.Id).ToListAsync();
            Assert.Single(filed);
            Assert.EndsWith("/" + filed[0], later.Url);
        }

        // Filed: the draft is gone, and the next new case starts empty with a new key.
        await later.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await Expect(later.Locator("#Input_Description")).ToHaveValueAsync("");
        await Expect(later.GetByTestId("draft-restored")).ToBeHiddenAsync();
        Assert.NotEqual(key, await later.Locator("input[name='Input.IdempotencyKey']").InputValueAsync());
        Assert.DoesNotContain(s.ConsoleErrors, e => !e.Contains("ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal));
    }, locale: "en-GB", width: 375);
}
