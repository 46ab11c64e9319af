using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// Issue #9's journeys: leadership opens the company dashboard (charts drawn), narrows to one estate and a quarter and
/// drills down from the overdue count to its cases; an estate manager sees only their estate.
/// </summary>
public class DashboardTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_company_export_holds_the_tiles_and_every_estates_figure_on_every_ranked_kpi() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        var answer = await s.Page.APIRequest.GetAsync(Sites.Admin.BaseUrl + "/Dashboards/Company?handler=Export&format=csv");
        Assert.Equal(200, answer.Status);
        Assert.StartsWith("text/csv", answer.Headers["content-type"]);
        var lines = (await answer.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("公司质量看板", lines[0]); // the title, then the header
        Assert.StartsWith("指标,", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("反馈及时率,", StringComparison.Ordinal)); // the tile
        // The ranking: an estate once per ranked KPI, as "KPI · code name" (the export reads no small trends).
        foreach (var estate in new[] { "HY 华苑新城", "BHW 碧海湾花园" })
        {
            var rows = lines.Where(l => l.Split(',')[0].EndsWith(" · " + estate, StringComparison.Ordinal)).ToList();
            Assert.Equal(OwnerPortal.Admin.Pages.Dashboards.CompanyModel.RankedKpis.Length, rows.Count);
            Assert.Contains(rows, l => l.StartsWith("反馈及时率 · ", StringComparison.Ordinal));
        }
    });

    [Fact]
    public Task A_leader_reads_the_company_dashboard_narrows_to_an_estate_and_a_quarter_and_drills_down_to_the_overdue_cases() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("公司质量看板");
        await Expect(s.Page.GetByTestId("tile")).ToHaveCountAsync(6);
        await Expect(s.Page.GetByTestId("ranked-estate")).ToHaveCountAsync(3);
        // The charts are drawn (on the server) and each has its table view.
        await Expect(s.Page.Locator("[data-testid=chart] .bar-chart").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.True(await s.Page.Locator("[data-testid=chart] .chart-table table").CountAsync() >= 10);
        await ScreenshotAsync(s.Page, "admin-dashboard-company-zh-1280");

        // One estate, from the ranking; then its third quarter.
        await s.Page.GetByTestId("ranked-estate").Filter(new() { HasText = "华苑新城" }).Locator("th a").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("华苑新城");
        await s.Page.Locator("#within").SelectOptionAsync("Quarter");
        await s.Page.Locator("#month").SelectOptionAsync("2026-08");
        await s.Page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        await Expect(s.Page.GetByTestId("period")).ToContainTextAsync("2026年7月 – 2026年9月");
        await Expect(s.Page.Locator("[data-testid=chart] .bar-chart").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(s.Page, "admin-dashboard-estate-quarter-zh-1280");

        var overdue = s.Page.GetByTestId("count").Filter(new() { HasText = "逾期" }).GetByTestId("count-link");
        var shown = int.Parse((await overdue.InnerTextAsync()).Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        await overdue.ClickAsync();
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync("华苑新城");
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync(new Regex($"\\b{shown}\\b"));
        Assert.Equal(Math.Min(shown, 50), await s.Page.Locator("[data-testid=cases] tbody tr").CountAsync());
    });

    [Fact]
    public Task The_company_ranking_shows_each_estates_survey_satisfaction_and_ranks_on_it() => RunAsync(async s =>
    {
        // Each estate's latest closed round (the survey tile's), read from the survey cells, for last month.
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        var lastDay = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        var data = new OwnerPortal.Core.Kpis.Rollups.DashboardData(db);
        var surveys = await data.EstateSurveysAsync(lastDay, today);
        var tiles = new Dictionary<int, string>();
        foreach (var estate in new[] { 1, 2, 3 })
            tiles[estate] = (await data.LatestSurveysAsync(estate, lastDay, today))[0].Result.Overall.Display;

        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        foreach (var (estate, name) in new[] { (1, "华苑新城"), (2, "碧海湾花园"), (3, "翠竹园") })
        {
            var cell = s.Page.GetByTestId("ranked-estate").Filter(new() { HasText = name }).GetByTestId("survey-satisfaction");
            await Expect(cell).ToHaveTextAsync(surveys[estate].Overall.Display);
            Assert.Equal(tiles[estate], surveys[estate].Overall.Display); // the estate dashboard's tile says the same
            await Expect(cell.Locator($"a[href='/Surveys/Results/{surveys[estate].RoundId}?estate={estate}']")).ToHaveCountAsync(1);
        }

        // Ranked on it: worst first.
        await s.Page.Locator("[data-testid=ranking] .links a").Filter(new() { HasText = "问卷总体满意率" }).ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("Rank=SurveySatisfaction"));
        var shown = (await s.Page.GetByTestId("survey-satisfaction").AllInnerTextsAsync()).Select(t => decimal.Parse(t.Trim().TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(surveys.Values.Select(v => v.Overall.Percent!.Value).Order(), shown);
        await ScreenshotAsync(s.Page, "admin-dashboard-company-survey-ranking-zh-1280");
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
        await Expect(page.Locator("[data-testid=chart] .bar-chart").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await ScreenshotAsync(page, "admin-dashboard-estate-en-1280");
        await page.SetViewportSizeAsync(375, 800);
        await ScreenshotAsync(page, "admin-dashboard-estate-en-375");
    });

    private static int Number(string text) => int.Parse(Regex.Match(text.Replace(",", ""), @"\d+").Value, CultureInfo.InvariantCulture);

    [Fact]
    public Task Leadership_switches_between_the_company_and_an_estate_in_the_filters_keeping_the_period() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "quality@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company?Within=Quarter&Month=2026-08&Category=Facilities");
        // Every figure of the ranking opens its cases: BHW's overdue count, its list.
        var bhw = s.Page.GetByTestId("ranked-estate").Filter(new() { HasText = "碧海湾花园" });
        var overdue = bhw.Locator("a[href*='measure=Overdue']");
        var count = Number(await overdue.InnerTextAsync());
        await Expect(bhw.Locator("a[href*='measure=FeedbackLate'][href*='estate=2']")).ToHaveCountAsync(1);
        await overdue.ClickAsync();
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync("碧海湾花园");
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync(new Regex($"\\b{count}\\b"));
        await s.Page.GoBackAsync();

        await s.Page.Locator("#estate-filter").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "BHW 碧海湾花园" });
        await s.Page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("碧海湾花园");
        await Expect(s.Page.GetByTestId("period")).ToContainTextAsync("2026年7月 – 2026年9月");
        await Expect(s.Page.Locator("#category")).ToHaveValueAsync("Facilities");

        await s.Page.Locator("#estate-filter").SelectOptionAsync("");
        await s.Page.Locator("[data-testid=filters] button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToContainTextAsync("公司质量看板");
        await Expect(s.Page.GetByTestId("period")).ToContainTextAsync("2026年7月 – 2026年9月");
        await Expect(s.Page.Locator("#category")).ToHaveValueAsync("Facilities");

        // An estate manager has no estate choice: only their own.
        await using var manager = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await manager.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, "manager.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate?EstateId=2");
        await Expect(page.Locator("h1")).ToContainTextAsync("华苑新城");
        await Expect(page.GetByTestId("own-estate-only")).ToContainTextAsync("您只能查看本小区的看板"); // said, not silent
        await Expect(page.Locator("#estate-filter")).ToHaveCountAsync(0);
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Estate");
        await Expect(page.GetByTestId("own-estate-only")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Times_to_acknowledge_and_close_and_attitude_bars_open_the_cases_they_count() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        const string dashboard = "/Dashboards/Estate?Within=Custom&From=2026-10&To=2026-11";
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + dashboard);

        // "median 4–8 h · 90% within 24 h · 221 cases": the median opens the cases measured.
        var acknowledge = s.Page.GetByTestId("time").First;
        await Expect(acknowledge.GetByTestId("time-link")).ToContainTextAsync(new Regex("中位数 .*(小时|天)"));
        var line = await acknowledge.Locator("dd").Nth(1).InnerTextAsync();
        var measured = Number(line[line.IndexOf('共', StringComparison.Ordinal)..]);
        Assert.True(measured > 0);
        await acknowledge.GetByTestId("time-link").ClickAsync();
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync(new Regex($"\\b{measured}\\b"));
        await Expect(s.Page.GetByTestId("definition")).ToContainTextAsync("受理用时");

        // The distribution's table view: each band's count opens that many cases.
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + dashboard);
        var closeChart = s.Page.Locator("[data-testid=chart][data-file^='time-to-close']");
        await closeChart.Locator("summary").ClickAsync();
        var bandLink = closeChart.Locator("table a[href*='band=']").First;
        var inBand = Number(await bandLink.InnerTextAsync());
        await bandLink.ClickAsync();
        await Expect(s.Page.GetByTestId("narrowing")).ToContainTextAsync("用时");
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync(new Regex($"\\b{inBand}\\b"));

        // Attitude per department: "(N)" ratings behind each bar, N cases in its list.
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + dashboard);
        var attitudeChart = s.Page.Locator("[data-testid=chart][data-file^='attitude-departments']");
        await attitudeChart.Locator("summary").ClickAsync();
        var attitudeRow = attitudeChart.Locator("tbody tr").Filter(new() { Has = s.Page.Locator("a") }).First;
        var rated = int.Parse(Regex.Match(await attitudeRow.Locator("th").InnerTextAsync(), @"\((\d+)\)$").Groups[1].Value, CultureInfo.InvariantCulture);
        await attitudeRow.Locator("a").ClickAsync();
        await Expect(s.Page.GetByTestId("heading")).ToContainTextAsync(new Regex($"\\b{rated}\\b"));
        await Expect(s.Page.GetByTestId("narrowing")).ToContainTextAsync("部门");
        await ScreenshotAsync(s.Page, "admin-drill-attitude-zh-1280");
    });

    [Fact]
    public Task A_change_to_a_case_shows_on_the_running_dashboard_within_a_minute() => RunAsync(async s =>
    {
        // Not computed by the test: the Admin's own refresher (as on a live site) notices the change.
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.czy@demo.ownerportal.cn");
        const string dashboard = "/Dashboards/Estate?Within=Month&Month=2026-11";
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + dashboard);
        var open = s.Page.Locator("[data-testid=count-link][href*='measure=StillOpen']");
        var before = Number(await open.InnerTextAsync());
        Assert.True(before > 0);

        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var november = new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero); // 1 November, Shanghai
            var c = await db.Cases.IgnoreQueryFilters().Where(x => x.EstateId == 3 && !x.IsTest && x.Status < CaseStatus.Resolved && x.ReceivedAt >= november)
                .OrderBy(x => x.Id).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            await db.Cases.IgnoreQueryFilters().Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.Status, CaseStatus.Closed).SetProperty(x => x.ResolvedAt, now).SetProperty(x => x.ClosedAt, now).SetProperty(x => x.NextDueAt, (DateTimeOffset?)null));
        }

        var changedBy = DateTime.UtcNow.AddSeconds(60);
        int after;
        do
        {
            await Task.Delay(2_000);
            await s.Page.GotoAsync(Sites.Admin.BaseUrl + dashboard);
            after = Number(await open.InnerTextAsync());
        } while (after == before && DateTime.UtcNow < changedBy);
        Assert.Equal(before - 1, after);
    });
}
