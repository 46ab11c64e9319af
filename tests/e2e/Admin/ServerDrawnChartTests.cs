using System.Text.RegularExpressions;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// Issue #17 item 4: the KPI trends and the ranking's small multiples are drawn on the server as SVG (the committee
/// scorecard's trend bars); the other charts as bar rows (ChartTests). Each SVG chart is in the page as
/// served, draws exactly the figures of its table view (a bar per figure, a dash per month without one), is described
/// month by month, and its table view still opens each month's cases.
/// </summary>
public class ServerDrawnChartTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_company_dashboards_trends_and_small_multiples_are_svg_with_the_figures_of_their_table_views() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        var response = await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        // Drawn before any script runs: the SVG is in the HTML as sent.
        var html = await response!.TextAsync();
        Assert.Equal(5 + 3, Regex.Matches(html, "data-testid=\"svg-chart\"").Count); // 5 KPI trends, 3 estates' small trends
        Assert.Equal(8, Regex.Matches(html, "<svg viewBox=\"0 0 320 178\" role=\"img\"").Count);

        var charts = s.Page.GetByTestId("svg-chart");
        await Expect(charts).ToHaveCountAsync(8);
        await Expect(s.Page.Locator(".small-multiple [data-testid=svg-chart]")).ToHaveCountAsync(3);
        var measured = 0;
        for (var i = 0; i < 8; i++)
        {
            var chart = charts.Nth(i);
            Assert.Equal(0, await chart.Locator(".bar-chart").CountAsync());
            await chart.Locator("summary").ClickAsync();
            var rows = chart.Locator("table.data tbody tr");
            Assert.Equal(12, await rows.CountAsync());
            var figures = new List<string>();
            for (var r = 0; r < 12; r++)
                figures.Add($"{(await rows.Nth(r).Locator("th").InnerTextAsync()).Trim()} {(await rows.Nth(r).Locator("td").First.InnerTextAsync()).Trim()}");
            // One bar per figure; the description reads every month's figure as the table does.
            var bars = figures.Count(f => !f.EndsWith('—'));
            measured += bars;
            await Expect(chart.Locator("svg rect.bar")).ToHaveCountAsync(bars);
            Assert.Equal(string.Join("; ", figures), await chart.Locator("svg desc").TextContentAsync());
        }
        Assert.True(measured > 0, "no trend had a figure");

        // A KPI trend's month opens that month's cases that missed it, as the Plotly points did.
        var trend = s.Page.Locator("[data-testid=svg-chart][data-file^='trend-feedbacktimeliness-company']");
        var link = trend.Locator("table a").First;
        await Expect(link).ToHaveAttributeAsync("href", new Regex("^/Dashboards/Cases\\?measure=FeedbackLate&from=(\\d{4}-\\d{2})&to=\\1$"));
        await link.ClickAsync();
        await Expect(s.Page.GetByTestId("heading")).ToBeVisibleAsync();
        Assert.Empty(s.ConsoleErrors);
    });
}
