using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The estate dashboard's KPI tiles: each with target and light; an estate manager sees only their estate.</summary>
public class DashboardTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_estate_manager_reads_the_kpi_tiles_of_their_estate_and_leadership_chooses_one() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?Within=Quarter");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("华苑新城");
        var tiles = s.Page.GetByTestId("tile");
        await Expect(tiles).ToHaveCountAsync(6); // five case/callback KPIs and the latest survey round
        await Expect(s.Page.Locator("[data-kpi=FeedbackTimeliness] .kpi-target")).ToContainTextAsync("目标 100%");
        await Expect(s.Page.Locator("[data-kpi=ComplaintClosureRate] .kpi-target")).ToContainTextAsync("目标 80%");
        await Expect(s.Page.Locator("[data-kpi=FeedbackTimeliness] .kpi-value")).ToContainTextAsync("%");
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(s.Page, "admin-dashboard-zh-1280");
        // Another estate's id in the address changes nothing for an estate manager.
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?EstateId=2");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("华苑新城");

        await using var en = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await en.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, "leader@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate");
        await page.Locator("#estate").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "碧海湾花园" });
        await page.Locator("main form.inline-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("碧海湾花园");
        await Expect(page.GetByTestId("tile")).ToHaveCountAsync(6);
        await Expect(page.Locator("[data-kpi=CallbackSatisfaction] .kpi-target")).ToContainTextAsync("target 98%");
        await ScreenshotAsync(page, "admin-dashboard-en-1280");
    });
}
