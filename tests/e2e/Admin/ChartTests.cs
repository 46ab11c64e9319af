using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// The chart layer (/Pages/Shared/_Chart.cshtml, drawn on the server as bar rows): the KPI chart draws each tile's figure
/// against its target, its table view holds the same figures, a label with a link opens it, every chart of the company
/// dashboard is there without any script, and Plotly is loaded only when a PNG is asked for.
/// </summary>
public class ChartTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_estate_dashboard_charts_kpis_against_target_with_the_tiles_figures_in_its_table_view() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        var response = await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?Within=Custom&From=2026-10&To=2026-11");
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self';", csp);
        var chart = s.Page.GetByTestId("chart").First;
        await Expect(chart.Locator("figure.bar-chart .bar-chart-title")).ToHaveTextAsync("指标与目标");
        await Expect(chart.Locator("figure.bar-chart")).ToHaveAttributeAsync("aria-labelledby", new Regex("^chart-kpi-estate-"));

        // One row per tile: its name, its figure written next to the bar, the bar as long as the figure, a tick at the target.
        var tiles = s.Page.GetByTestId("tile");
        var count = await tiles.CountAsync();
        Assert.Equal(6, count);
        var rows = chart.Locator(".bar-row");
        await Expect(rows).ToHaveCountAsync(count);
        await chart.Locator("summary").ClickAsync();
        await Expect(chart.Locator("summary")).ToHaveTextAsync("表格视图");
        var tableRows = chart.Locator("table.data tbody tr");
        await Expect(tableRows).ToHaveCountAsync(count);
        for (var i = 0; i < count; i++)
        {
            var tile = tiles.Nth(i);
            var row = rows.Nth(i);
            var name = (await tile.Locator("h2").InnerTextAsync()).Trim();
            Assert.Equal(name, (await row.Locator(".bar-label").InnerTextAsync()).Trim());
            Assert.Equal(name, (await tableRows.Nth(i).Locator("th").InnerTextAsync()).Trim());
            var figure = (await tile.Locator(".kpi-value").InnerTextAsync()).Trim();
            Assert.Equal(figure, (await tableRows.Nth(i).Locator("td").Nth(0).InnerTextAsync()).Trim());
            Assert.StartsWith(figure, (await row.Locator(".bar-value").InnerTextAsync()).Trim());
            var length = figure == "—" ? 0m : decimal.Parse(figure.TrimEnd('%'), CultureInfo.InvariantCulture);
            Assert.Equal(length, Percent(await row.Locator(".bar-fill").GetAttributeAsync("style")), 1);
            // "目标 100%" on the tile, "100.0%" in the table, the tick at 100% of the track.
            var target = decimal.Parse(Regex.Match(await tile.Locator(".kpi-target").InnerTextAsync(), @"[\d.]+").Value, CultureInfo.InvariantCulture);
            Assert.Equal($"{target:0.0}%", (await tableRows.Nth(i).Locator("td").Nth(1).InnerTextAsync()).Trim());
            Assert.Equal(target, Percent(await row.Locator(".bar-mark").GetAttributeAsync("style")), 1);
        }
        // The survey's label links to the round's results; the others open the cases that missed their KPI.
        await Expect(rows.Nth(0).Locator(".bar-label a")).ToHaveAttributeAsync("href", new Regex("^/Dashboards/Cases\\?measure=FeedbackLate&"));
        await Expect(rows.Nth(count - 1).Locator(".bar-label a")).ToHaveAttributeAsync("href", new Regex("^/Surveys/Results/\\d+$"));
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(s.Page, "admin-chart-zh-1280");

        // The PNG: Plotly is fetched only now, and the file is named after the estate and period.
        Assert.False(await PlotlyLoadedAsync(s.Page));
        var download = await s.Page.RunAndWaitForDownloadAsync(() => chart.Locator(".chart-png").ClickAsync());
        Assert.Equal("kpi-estate-1-2026-10-2026-11.png", download.SuggestedFilename);
        var png = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.True(png.Length > 5_000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', $"{png.Length} bytes");
        Assert.True(await PlotlyLoadedAsync(s.Page));

        // A click on the survey's label opens the round's results.
        await rows.Nth(count - 1).Locator(".bar-label a").ClickAsync();
        await s.Page.WaitForURLAsync(new Regex("/Surveys/Results/\\d+$"));
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("调查结果");
        Assert.DoesNotContain(s.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    });

    [Theory]
    [InlineData("en-GB", 1280, "admin-chart-en-1280")]
    [InlineData("zh-CN", 375, "admin-chart-zh-375")]
    public Task The_chart_reads_in_english_and_fits_a_phone(string locale, int width, string shot) => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?EstateId=1&Within=Custom&From=2026-10&To=2026-11");
        var chart = s.Page.GetByTestId("chart").First;
        await chart.ScrollIntoViewIfNeededAsync();
        if (locale == "en-GB")
        {
            await Expect(chart.Locator(".bar-chart-title")).ToHaveTextAsync("KPIs against target");
            await Expect(chart.Locator("summary")).ToHaveTextAsync("Table view");
            await Expect(chart.Locator(".chart-png")).ToHaveTextAsync("Download PNG");
        }
        // Nothing wider than its box: every label, bar and figure inside the chart, and the page does not scroll sideways.
        var box = (await chart.BoundingBoxAsync())!;
        foreach (var part in await chart.Locator(".bar-label, .bar-track, .bar-value").AllAsync())
        {
            var b = (await part.BoundingBoxAsync())!;
            Assert.True(b.X >= box.X - 1 && b.X + b.Width <= box.X + box.Width + 1, $"{b.X}+{b.Width} outside {box.X}+{box.Width}");
        }
        Assert.True(await s.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"));
        await chart.Locator("summary").ClickAsync();
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(s.Page, shot);
    }, locale, width);

    [Fact]
    public Task The_company_dashboard_has_every_chart_drawn_without_any_script() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await using var noScript = await Sites.Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = false, StorageState = await s.Page.Context.StorageStateAsync(), ViewportSize = new() { Width = 1280, Height = 900 },
        });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        var charts = page.GetByTestId("chart");
        var count = await charts.CountAsync();
        Assert.True(count >= 10, $"{count} charts");
        var drawn = 0;
        for (var i = 0; i < count; i++)
        {
            var chart = charts.Nth(i);
            // As many rows as its table view, and a bar in every row that has a figure.
            var rows = await chart.Locator(".bar-row").CountAsync();
            Assert.Equal(await chart.Locator("table.data tbody tr").CountAsync(), rows);
            foreach (var fill in await chart.Locator(".bar-fill").AllAsync())
                if (Percent(await fill.GetAttributeAsync("style")) > 0) drawn++;
        }
        Assert.True(drawn > count, $"{drawn} bars drawn in {count} charts");
        Assert.False(await PlotlyLoadedAsync(page));
    });

    private static decimal Percent(string? style) =>
        decimal.Parse(Regex.Match(style ?? "", @"(?:width|left):([\d.]+)%").Groups[1].Value, CultureInfo.InvariantCulture);

    private static Task<bool> PlotlyLoadedAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => performance.getEntriesByType('resource').some(e => e.name.includes('/lib/plotly'))");
}
