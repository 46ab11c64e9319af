using Microsoft.Playwright;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// The chart layer (a figure prepared by PlotlyFigure, drawn by charts.js through /Pages/Shared/_Chart.cshtml) on the estate dashboard: the chart is drawn,
/// its table view holds the tiles' figures, a bar with a link opens it, and the CSP lets it all run.
/// </summary>
public class ChartTests(SitesFixture sites) : BrowserTest(sites)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Drawn = new() { Timeout = 20_000 };

    [Fact]
    public Task The_estate_dashboard_charts_kpis_against_target_with_the_tiles_figures_in_its_table_view() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        var response = await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?Within=Custom&From=2026-10&To=2026-11");
        // What Plotly needs (inline styles) and nothing more for scripts.
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("connect-src 'self' ws: wss:", csp);
        var chart = s.Page.GetByTestId("chart").First;
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(Drawn);
        await Expect(chart.Locator(".chart-figure")).ToHaveAttributeAsync("role", "figure"); // it holds the chart's own buttons
        await Expect(chart.Locator(".chart-figure")).ToHaveAttributeAsync("aria-label", "指标与目标");
        await Expect(chart.Locator(".gtitle")).ToHaveTextAsync("指标与目标");

        // The table view: one row per tile, with the tile's name, figure and target.
        var tiles = s.Page.GetByTestId("tile");
        var count = await tiles.CountAsync();
        Assert.Equal(6, count);
        await chart.Locator("summary").ClickAsync();
        await Expect(chart.Locator("summary")).ToHaveTextAsync("表格视图");
        var rows = chart.Locator("table.data tbody tr");
        await Expect(rows).ToHaveCountAsync(count);
        var bars = 0;
        for (var i = 0; i < count; i++)
        {
            var tile = tiles.Nth(i);
            var row = rows.Nth(i);
            Assert.Equal((await tile.Locator("h2").InnerTextAsync()).Trim(), (await row.Locator("th").InnerTextAsync()).Trim());
            var figure = (await tile.Locator(".kpi-value").InnerTextAsync()).Trim();
            Assert.Equal(figure, (await row.Locator("td").Nth(0).InnerTextAsync()).Trim());
            if (figure != "—") bars++;
            // "目标 100%" on the tile, "100.0%" in the table.
            var target = decimal.Parse(System.Text.RegularExpressions.Regex.Match(await tile.Locator(".kpi-target").InnerTextAsync(), @"[\d.]+").Value,
                System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"{target:0.0}%", (await row.Locator("td").Nth(1).InnerTextAsync()).Trim());
        }
        // One bar per figure, one target mark per KPI.
        await Expect(chart.Locator(".bars .point")).ToHaveCountAsync(bars);
        await Expect(chart.Locator(".scatterlayer .point")).ToHaveCountAsync(count);
        // The survey's figure links to the round's results, in the table and on the chart.
        var surveyRow = rows.Nth(count - 1);
        await Expect(surveyRow.Locator("a").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/Surveys/Results/\\d+$"));
        // The others open the cases that missed it.
        await Expect(rows.Nth(0).Locator("a").First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/Dashboards/Cases\\?measure=FeedbackLate&"));

        Assert.DoesNotContain(s.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(s.Page, "admin-chart-zh-1280");

        // The mode bar keeps one button: the PNG, named after the estate and period.
        await chart.Locator(".main-svg").First.HoverAsync();
        await Expect(chart.Locator(".modebar-btn")).ToHaveCountAsync(1);
        var download = await s.Page.RunAndWaitForDownloadAsync(() => chart.Locator(".modebar-btn").ClickAsync());
        Assert.Equal("kpi-estate-1-2026-10-2026-11.png", download.SuggestedFilename);

        // A click on the survey's bar opens the round's results.
        await chart.Locator(".main-svg").First.ScrollIntoViewIfNeededAsync();
        var box = await chart.Locator(".bars .point").Nth(bars - 1).BoundingBoxAsync();
        Assert.NotNull(box);
        await s.Page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await s.Page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await s.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Surveys/Results/\\d+$"));
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
        // On a phone the tiles fill the first screen: the chart is drawn when scrolled to.
        await chart.ScrollIntoViewIfNeededAsync();
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(Drawn);
        if (locale == "en-GB")
        {
            await Expect(chart.Locator(".gtitle")).ToHaveTextAsync("KPIs against target");
            await Expect(chart.Locator("summary")).ToHaveTextAsync("Table view");
        }
        // Responsive: the drawing is no wider than its box.
        var figure = await chart.Locator(".chart-figure").BoundingBoxAsync();
        var svg = await chart.Locator(".main-svg").First.BoundingBoxAsync();
        Assert.True(svg!.Width <= figure!.Width + 1, $"chart {svg.Width}px in a {figure.Width}px box");
        await chart.Locator("summary").ClickAsync();
        Assert.DoesNotContain(s.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(s.Page, shot);
    }, locale, width);
}
