using System.Text.RegularExpressions;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// Issue #9's journeys: leadership opens the company dashboard (charts drawn), narrows to one estate and a quarter and
/// drills down from the overdue count to its cases; an estate manager sees only their estate.
/// </summary>
public class DashboardTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task A_leader_reads_the_company_dashboard_narrows_to_an_estate_and_a_quarter_and_drills_down_to_the_overdue_cases() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("公司质量看板");
        await Expect(s.Page.GetByTestId("tile")).ToHaveCountAsync(6);
        await Expect(s.Page.GetByTestId("ranked-estate")).ToHaveCountAsync(3);
        // The charts are drawn (SVG) and each has its table view.
        await Expect(s.Page.Locator("[data-testid=chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(await s.Page.Locator("[data-testid=chart] .chart-table table").CountAsync() >= 10);
        await ScreenshotAsync(s.Page, "admin-dashboard-company-zh-1280");

        // One estate, from the ranking; then its third quarter.
        await s.Page.GetByTestId("ranked-estate").Filter(new() { HasText = "华苑新城" }).GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("华苑新城");
        await s.Page.Locator("#within").SelectOptionAsync("Quarter");
        await s.Page.Locator("#month").SelectOptionAsync("2026-08");
        await s.Page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        await Expect(s.Page.GetByTestId("period")).ToContainTextAsync("2026年7月 – 2026年9月");
        await Expect(s.Page.Locator("[data-testid=chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(s.Page, "admin-dashboard-estate-quarter-zh-1280");

        var overdue = s.Page.GetByTestId("count").Filter(new() { HasText = "逾期" }).GetByTestId("count-link");
        var shown = int.Parse((await overdue.InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        await overdue.ClickAsync();
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync("华苑新城");
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync(new Regex($"\\b{shown}\\b"));
        Assert.Equal(Math.Min(shown, 50), await s.Page.Locator("[data-testid=cases] tbody tr").CountAsync());
    });

    [Fact]
    public Task An_estate_manager_sees_only_their_estate_and_not_the_company_view() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.bhw@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?EstateId=1");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("碧海湾花园");
        await Expect(s.Page.GetByTestId("tile")).ToHaveCountAsync(6);
        await Expect(s.Page.Locator("[data-kpi=ComplaintClosureRate] .kpi-target")).ToContainTextAsync("目标 80%");
        var response = await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        await Expect(s.Page.Locator("h1")).Not.ToContainTextAsync("公司质量看板");
        Assert.True(response!.Status == 403 || s.Page.Url.Contains("AccessDenied", StringComparison.Ordinal), $"{response.Status} {s.Page.Url}");

        // A custom range the wrong way round says so and keeps what was typed.
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?Within=Custom&From=2026-09&To=2026-07");
        await Expect(s.Page.GetByTestId("filter-error")).ToBeVisibleAsync();
        await Expect(s.Page.Locator("#from")).ToHaveValueAsync("2026-09");

        await using var en = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await en.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, "manager.bhw@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?Within=HalfYear&Month=2026-09&Category=Facilities");
        await Expect(page.Locator("[data-kpi=CallbackSatisfaction] .kpi-target")).ToContainTextAsync("target 98%");
        await Expect(page.Locator("[data-testid=chart] .main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "admin-dashboard-estate-en-1280");
        await page.SetViewportSizeAsync(375, 800);
        await ScreenshotAsync(page, "admin-dashboard-estate-en-375");
    });
}
