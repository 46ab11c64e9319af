using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Scorecards;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Committee;

/// <summary>
/// The owners' committee scorecard (issue #18 item 13) on the real sites: a committee member reads it on a phone and
/// prints it; the estate manager publishes a summary; a non-member owner of the estate sees only that summary; an
/// owner of another estate gets 404 for both; axe finds nothing serious on the new pages.
/// </summary>
public class ScorecardTests(SitesFixture sites) : BrowserTest(sites)
{
    // The demo seats the first owners of each estate on its committee: owner1.hy sits, owner2.hy does not.
    private const string Member = "owner1.hy@demo.ownerportal.cn", NonMember = "owner2.hy@demo.ownerportal.cn", Elsewhere = "owner1.bhw@demo.ownerportal.cn";

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(page, email, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
    }

    /// <summary>The figures as Core computes them for HY's default month (the one the page shows).</summary>
    private async Task<ScorecardFigures> ExpectedAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var today = EstateTime.Today(TimeProvider.System, await EstateTime.ZoneAsync(db, 1));
        return await Scorecard.LoadAsync(db, new DashboardData(db), 1, Scorecard.DefaultMonth(today), today);
    }

    private static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
    }

    [Fact]
    public Task A_committee_member_reads_the_scorecard_on_a_phone_and_prints_it() => RunAsync(async s =>
    {
        await SignInAsync(s.Page, Member);
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await s.Page.GetByTestId("scorecard-link").Locator("a").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Committee/Scorecard/1");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("业主委员会评分卡");

        // The month's KPIs against their targets, as the dashboards compute them (Core), and the survey's.
        var expected = await ExpectedAsync();
        foreach (var kpi in expected.Kpis)
        {
            var row = s.Page.GetByTestId($"kpi-{kpi.Kpi}");
            await Expect(row.GetByTestId("figure")).ToHaveTextAsync(kpi.Figure.Display);
            await Expect(row).ToContainTextAsync($"{kpi.Numerator} / {kpi.Denominator}");
        }
        Assert.Contains(expected.Kpis, k => k.Kpi == Kpi.SurveySatisfaction);
        await Expect(s.Page.GetByTestId("plan-progress")).ToContainTextAsync($"{expected.Survey!.PlanDone} / {expected.Survey.Plan.Count}");
        await Expect(s.Page.GetByTestId("repeat-row")).ToHaveCountAsync(expected.Repeats.Count);

        // Five 12-month trends; each opens as a table with the same numbers.
        await Expect(s.Page.Locator(".trend-chart svg")).ToHaveCountAsync(5);
        var feedback = s.Page.GetByTestId("trend-FeedbackTimeliness");
        await feedback.Locator("summary").ClickAsync();
        await Expect(feedback.Locator("tbody tr")).ToHaveCountAsync(12);
        var last = expected.Trends.Single(t => t.Kpi == Kpi.FeedbackTimeliness).Points[^1];
        await Expect(feedback.Locator("tbody tr").Last).ToContainTextAsync(last.Figure.Display);

        // Readable at 375 px: nothing wider than the phone.
        Assert.True(await s.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the scorecard scrolls sideways at 375 px");
        await ScreenshotAsync(s.Page, "portal-scorecard-zh-375");

        // Printing: the print button is there; on paper navigation, the month links and the button are hidden, the figures stay.
        await Expect(s.Page.GetByTestId("print")).ToBeVisibleAsync();
        await s.Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(s.Page.Locator("header.topbar")).ToBeHiddenAsync();
        await Expect(s.Page.GetByTestId("print")).ToBeHiddenAsync();
        await Expect(s.Page.Locator("footer.footer")).ToBeHiddenAsync();
        await Expect(s.Page.GetByTestId("kpis")).ToBeVisibleAsync();
        await Expect(s.Page.Locator(".trend-chart svg").First).ToBeVisibleAsync();
        // A4: the stylesheet's @page size is what Chromium lays out (a PDF of the printed page).
        var pdf = await s.Page.PdfAsync(new() { PreferCSSPageSize = true });
        Assert.True(pdf.Length > 1000);
        await s.Page.EmulateMediaAsync(new() { Media = Media.Screen });
    }, width: 375);

    [Fact]
    public Task The_manager_publishes_a_summary_that_a_non_member_reads_while_another_estate_gets_404() => RunAsync(async s =>
    {
        // The estate manager publishes this month's summary with a note (Markdown, rendered safely).
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Scorecards");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("Committee scorecard summary");
        var expected = await ExpectedAsync();
        await Expect(s.Page.GetByTestId("kpi-FeedbackTimeliness")).ToContainTextAsync(expected.Kpis[0].Figure.Display);
        var marker = Guid.NewGuid().ToString("N");
        var note = $"Lift repairs are **on track** ({marker}) <script>alert(1)</script>";
        await s.Page.Locator("#note").FillAsync(note);
        await ScreenshotAsync(s.Page, "admin-scorecard-en-1280");
        await s.Page.GetByTestId("publish").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync($"The summary for {expected.Month:yyyy-MM} is published.");
        await Expect(s.Page.GetByTestId("history").Locator("tbody tr").First).ToContainTextAsync(expected.Month.ToString("yyyy-MM"));

        // A non-member owner of HY: the home links the summary; the full scorecard sends them to it.
        await using var owner = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 375, Height = 900 } });
        var page = await owner.NewPageAsync();
        await SignInAsync(page, NonMember);
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(page.GetByTestId("scorecard-link")).ToHaveCountAsync(0);
        await page.GetByTestId("scorecard-summary-link").Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Service quality summary");
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Committee/Scorecard/1");
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Committee/Summary/1");
        await Expect(page.GetByTestId("note").Locator("strong")).ToHaveTextAsync("on track");
        await Expect(page.GetByTestId("note")).ToContainTextAsync(marker); // this publication, the latest
        await Expect(page.GetByTestId("note").Locator("script")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("kpi-FeedbackTimeliness").GetByTestId("figure")).ToHaveTextAsync(expected.Kpis[0].Figure.Display);
        await Expect(page.GetByTestId("trends")).ToHaveCountAsync(0); // the summary, not the committee's scorecard
        await Expect(page.GetByTestId("plan")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await ScreenshotAsync(page, "portal-scorecard-summary-en-375");

        // An owner of another estate: 404 for both pages of HY.
        await using var other = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB" });
        var elsewhere = await other.NewPageAsync();
        await SignInAsync(elsewhere, Elsewhere);
        foreach (var path in new[] { "/Committee/Scorecard/1", "/Committee/Summary/1" })
        {
            var response = await elsewhere.GotoAsync(Sites.Portal.BaseUrl + path);
            Assert.Equal(404, response!.Status);
        }
        await elsewhere.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(elsewhere.GetByTestId("scorecard-summary-link")).ToHaveCountAsync(0);
    }, locale: "en-GB");

    [Theory]
    [InlineData("zh-CN", 375)]
    [InlineData("zh-CN", 1280)]
    [InlineData("en-GB", 375)]
    [InlineData("en-GB", 1280)]
    public Task The_scorecard_pages_have_no_serious_accessibility_violations(string locale, int width) => RunAsync(async s =>
    {
        var found = new List<string>();
        await SignInAsync(s.Page, Member);
        foreach (var path in new[] { "/Committee/Scorecard/1", "/Committee/Summary/1" })
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + path);
            // The table views open too: their tables are checked as well.
            foreach (var summary in await s.Page.Locator(".chart-table summary").AllAsync()) await summary.ClickAsync();
            found.AddRange(await SeriousViolationsAsync(s.Page));
            await ScreenshotAsync(s.Page, $"portal{path.Replace('/', '-').ToLowerInvariant()}-{locale}-{width}");
        }
        if (width == 1280)
        {
            // Staff sign in through the Portal: a context of their own, not the owner's.
            await using var staff = await Sites.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = width, Height = 900 } });
            var page = await staff.NewPageAsync();
            await SignIn.ToAdminAsync(page, Sites, "manager.hy@demo.ownerportal.cn");
            await page.GotoAsync(Sites.Admin.BaseUrl + "/Scorecards");
            found.AddRange(await SeriousViolationsAsync(page));
            await ScreenshotAsync(page, $"admin-scorecards-{locale}-{width}");
        }
        Assert.True(found.Count == 0, string.Join('\n', found));
    }, locale: locale, width: width);
}
