using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The dispatcher monthly summary: figures with definitions, the manager's comment and sign-off, CSV.</summary>
public class ReportTests(SitesFixture sites) : BrowserTest(sites)
{
    /// <summary>The month before the demo data's anchor: it has cases whatever day the tests run.</summary>
    public static readonly string DemoMonth = SitesFixture.Demo.Anchor.AddMonths(-1).ToString("yyyy-MM");

    [Fact]
    public Task The_manager_comments_and_signs_last_months_summary_and_downloads_it() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.czy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Reports/Dispatcher?Month=" + DemoMonth);
        await Expect(s.Page.GetByTestId("summary")).ToContainTextAsync("反馈及时率");
        await Expect(s.Page.GetByTestId("measured")).ToContainTextAsync("未签署");

        await s.Page.GetByTestId("sign").ClickAsync();
        await Expect(s.Page.Locator(".field-error.field-validation-error")).ToBeVisibleAsync(); // a comment is needed to sign
        await s.Page.Locator("#Comment").FillAsync("夜间报修响应偏慢，下月增加值班人员。");
        await ScreenshotAsync(s.Page, "admin-dispatcher-summary-zh-1280");
        await s.Page.GetByTestId("sign").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("已签署");
        await Expect(s.Page.GetByTestId("comment")).ToHaveTextAsync("夜间报修响应偏慢，下月增加值班人员。");
        await Expect(s.Page.GetByTestId("sign")).ToHaveCountAsync(0);

        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByTestId("csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("反馈及时率", csv);
        Assert.Contains("夜间报修响应偏慢", csv);

        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var report = await db.MonthlyReports.SingleAsync(r => r.EstateId == 3 && r.Kind == ReportKind.DispatcherSummary);
        Assert.NotNull(report.FrozenFigures);

        // Read in English by the quality office, company-wide: it chooses the estate.
        await using var en = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await en.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, "quality@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Reports/Dispatcher?EstateId=3&Month={report.Month:yyyy-MM}");
        await Expect(page.GetByTestId("measured")).ToContainTextAsync("Signed");
        await ScreenshotAsync(page, "admin-dispatcher-summary-en-1280");
    });
}

/// <summary>Repeat flags with corrective action, and the quarterly complaint analysis for a large estate.</summary>
public class RepeatAndComplaintReportTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_manager_writes_a_corrective_action_for_a_repeat_flag_and_later_marks_it_done() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Reports/Repeats?Month=" + ReportTests.DemoMonth);
        var flag = s.Page.GetByTestId("repeat").First;
        await Expect(flag).ToBeVisibleAsync(); // the demo month has repeats in HY
        var key = await flag.GetAttributeAsync("data-key");

        // Saving without the action and the responsible person: told so, the typed cause is kept.
        await flag.Locator("summary").ClickAsync();
        await flag.Locator("textarea[name='Input.Cause']").FillAsync("楼道灯具老化，批次质量差");
        await flag.GetByTestId("save-action").ClickAsync();
        var again = s.Page.Locator($"[data-key='{key}']");
        await Expect(again.Locator(".field-error.field-validation-error").First).ToBeVisibleAsync();
        await Expect(again.Locator("textarea[name='Input.Cause']")).ToHaveValueAsync("楼道灯具老化，批次质量差");

        await again.Locator("textarea[name='Input.Action']").FillAsync("整栋更换为LED灯具，并每周巡检");
        await again.Locator("select[name='Input.ResponsibleStaffId']").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 1 });
        await again.Locator("input[name='Input.DueOn']").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"));
        await again.GetByTestId("save-action").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("整改报告已保存");
        await Expect(s.Page.Locator($"[data-key='{key}']").GetByTestId("action")).ToContainTextAsync("整栋更换为LED灯具");
        var open = s.Page.GetByTestId("open-action").Filter(new() { HasText = "整栋更换为LED灯具" });
        await ScreenshotAsync(s.Page, "admin-repeats-zh-1280");

        await open.Locator("input[name='CompletionNote']").FillAsync("已全部更换，两周内无新报修");
        await open.GetByTestId("done").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("已标记完成");
        await Expect(s.Page.GetByTestId("open-action").Filter(new() { HasText = "整栋更换为LED灯具" })).ToHaveCountAsync(0);
        await Expect(s.Page.Locator($"[data-key='{key}']").GetByTestId("action")).ToContainTextAsync("已完成");
    });

    [Fact]
    public Task A_large_estate_reads_its_quarterly_complaint_analysis_and_downloads_it_as_xlsx() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Reports/Complaints");
        await Expect(s.Page.GetByTestId("quarterly-required")).ToBeVisibleAsync(); // HY is 186,500 m²
        await s.Page.Locator("input[name='quarter']").CheckAsync();
        await s.Page.Locator(".report-filter button[type=submit]").ClickAsync();
        await Expect(s.Page.GetByTestId("complaint-summary")).ToContainTextAsync("上季度");
        await ScreenshotAsync(s.Page, "admin-complaints-quarter-zh-1280");
        var download = await s.Page.RunAndWaitForDownloadAsync(() => s.Page.GetByTestId("xlsx").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal((byte)'P', bytes[0]); // a zip package
        Assert.Contains("quarter", download.SuggestedFilename);
    });
}

/// <summary>The callback report of a month of phone callbacks: what owners said, problems with rectification tracked.</summary>
public class CallbackReportTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_manager_records_a_problem_from_the_months_callbacks_and_marks_it_done() => RunAsync(async s =>
    {
        // The demo's callbacks fall in the anchor's month.
        var month = SitesFixture.Demo.Anchor.ToString("yyyy-MM");
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Callbacks");
        await s.Page.GetByTestId("report-link").ClickAsync();
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Callbacks/Report?Month=" + month);
        await Expect(s.Page.GetByTestId("callback-report")).ToContainTextAsync("回访满意率");

        await s.Page.GetByTestId("add-problem").ClickAsync();
        await s.Page.Locator("#p-problem").FillAsync("多名业主反映夜间维修响应慢");
        await s.Page.GetByTestId("save-problem").ClickAsync();
        await Expect(s.Page.Locator(".field-error.field-validation-error").First).ToBeVisibleAsync(); // action and who are missing
        await Expect(s.Page.Locator("#p-problem")).ToHaveValueAsync("多名业主反映夜间维修响应慢");
        await s.Page.Locator("#p-action").FillAsync("增设夜间值班维修工一名");
        await s.Page.Locator("#p-responsible").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Index = 1 });
        await s.Page.Locator("#p-due").FillAsync(DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"));
        await s.Page.GetByTestId("save-problem").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("整改报告已保存");
        var item = s.Page.GetByTestId("item").Filter(new() { HasText = "增设夜间值班维修工一名" });
        await ScreenshotAsync(s.Page, "admin-callback-report-zh-1280");
        await item.Locator("input[name='CompletionNote']").FillAsync("已排班，11月起执行");
        await item.GetByTestId("done").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("已标记完成");
        await Expect(s.Page.GetByTestId("item").Filter(new() { HasText = "增设夜间值班维修工一名" })).ToContainTextAsync("已排班");
    });
}
