using System.Text.RegularExpressions;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The case list behind a dashboard number (issue #9): heading with the count, rows that open the cases, CSV, estate scope.</summary>
public partial class DrillDownTests(SitesFixture sites) : BrowserTest(sites)
{
    private static readonly string From = SitesFixture.Demo.Anchor.AddMonths(-3).ToString("yyyy-MM");
    private static readonly string To = SitesFixture.Demo.Anchor.ToString("yyyy-MM");

    [GeneratedRegex(@"(\d+) (件|cases?)$")]
    private static partial Regex CountAtEnd();

    private static int CountOf(string heading) => int.Parse(CountAtEnd().Match(heading.Trim()).Groups[1].Value);

    [Fact]
    public Task Leadership_opens_the_overdue_cases_of_an_estate_downloads_them_and_lists_another_estate() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + $"/Dashboards/Cases?measure=Overdue&from={From}&to={To}&estate=1");
        var heading = s.Page.GetByTestId("heading");
        await Expect(heading).ToContainTextAsync($"逾期 — 华苑新城 — {From} 至 {To} — ");
        var count = CountOf(await heading.InnerTextAsync());
        Assert.True(count > 0, "the demo estate has overdue cases");
        await Expect(s.Page.GetByTestId("definition")).ToContainTextAsync("已超过期限");
        var rows = s.Page.Locator("[data-testid=cases] tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(count, 50));
        await Expect(s.Page.Locator("[data-testid=cases] thead th")).ToHaveCountAsync(8); // with the estate column
        await Expect(s.Page.GetByTestId("dashboard")).ToHaveAttributeAsync("href", new Regex("^/Dashboards/Estate\\?estateId=1"));
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(s.Page, "admin-drilldown-zh-1280");

        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByTestId("csv").ClickAsync());
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        Assert.Equal(count + 1, lines.Count); // a header and one line per case
        Assert.Contains("华苑新城", lines[1]);

        var first = rows.First.Locator("a");
        var reference = await first.InnerTextAsync();
        Assert.StartsWith("HY-", reference);
        await first.ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("/Cases/Detail/\\d+$"));
        await Expect(s.Page.Locator("h1")).ToContainTextAsync(reference);

        // The same leader lists BHW's cases received, in English.
        await using var en = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await en.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, "leader@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Dashboards/Cases?measure=Received&from={To}&to={To}&estate=2&type=Complaint");
        await Expect(page.GetByTestId("heading")).ToContainTextAsync($"Cases received — 碧海湾花园 — {To} — ");
        await Expect(page.GetByTestId("narrowing")).ToContainTextAsync("Type: Complaint");
        var bhw = page.Locator("[data-testid=cases] tbody tr");
        Assert.True(await bhw.CountAsync() > 0, "BHW has complaints this month");
        foreach (var r in await bhw.Locator("td:first-child a").AllInnerTextsAsync()) Assert.StartsWith("BHW-", r);
        await ScreenshotAsync(page, "admin-drilldown-en-1280");
    });

    [Fact]
    public Task An_estate_manager_asking_for_another_estate_sees_only_their_own_cases() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + $"/Dashboards/Cases?measure=Received&from={From}&to={To}&estate=2");
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync("受理案件 — 华苑新城 —");
        await Expect(s.Page.Locator("[data-testid=cases] thead th")).ToHaveCountAsync(7); // no estate column
        var references = await s.Page.Locator("[data-testid=cases] tbody td:first-child a").AllInnerTextsAsync();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.StartsWith("HY-", r));
        // The next page continues the list, still HY's only.
        await s.Page.GetByTestId("next-page").ClickAsync();
        Assert.All(await s.Page.Locator("[data-testid=cases] tbody td:first-child a").AllInnerTextsAsync(), r => Assert.StartsWith("HY-", r));
        Assert.DoesNotContain(references[^1], await s.Page.Locator("[data-testid=cases] tbody td:first-child a").AllInnerTextsAsync());
    });

    [Theory]
    [InlineData("measure=Nope&from=2026-07&to=2026-09", "未知的指标")]
    [InlineData("measure=Overdue&from=2026-10&to=2026-07", "起始月份晚于结束月份")]
    [InlineData("measure=Overdue&from=2026-13&to=2026-14", "yyyy-MM")]
    [InlineData("measure=Overdue&category=Plumbing", "筛选条件")]
    public Task Bad_parameters_give_a_clear_message(string query, string message) => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "quality@demo.ownerportal.cn");
        var response = await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Cases?" + query);
        Assert.Equal(200, response!.Status);
        await Expect(s.Page.GetByTestId("problem")).ToContainTextAsync(message);
    });
}
