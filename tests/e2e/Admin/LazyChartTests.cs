using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// Issue #17: a dashboard draws the charts of its first screen at once and the others when scrolled into view; every
/// chart it declares ends up drawn, and a chart's table view still opens with its numbers.
/// </summary>
public class LazyChartTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_company_dashboard_draws_the_charts_below_the_fold_when_scrolled_to_and_every_table_view_opens() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        var charts = s.Page.GetByTestId("chart");
        var count = await charts.CountAsync();
        Assert.True(count >= 10, $"{count} charts");
        await Expect(charts.First.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // The last chart is far below the first screen: not drawn until it is scrolled to.
        var last = charts.Nth(count - 1);
        Assert.True((await last.BoundingBoxAsync())!.Y > 900 * 2);
        await Expect(last.Locator(".main-svg")).ToHaveCountAsync(0);

        for (var i = 0; i < count; i++)
        {
            var chart = charts.Nth(i);
            await chart.ScrollIntoViewIfNeededAsync();
            await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        }
        await Expect(s.Page.Locator("[data-testid=chart] .plotly-chart:has(.main-svg)")).ToHaveCountAsync(count);

        // The last chart's table view: the same figures as rows.
        await last.Locator("summary").ClickAsync();
        await Expect(last.Locator("table.data")).ToBeVisibleAsync();
        Assert.True(await last.Locator("table.data tbody tr").CountAsync() > 0);
        Assert.Empty(s.ConsoleErrors);
    });
}
