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
    [Fact]
    public Task The_manager_comments_and_signs_last_months_summary_and_downloads_it() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.czy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Reports/Dispatcher");
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
