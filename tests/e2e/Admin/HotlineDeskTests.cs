using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The GM hotline desk: a call about HY, the handling file, HY's response, the daily report and its CSV.</summary>
public class HotlineDeskTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Quality = "quality@demo.ownerportal.cn";

    [Fact]
    public Task The_quality_office_takes_a_call_the_estate_responds_and_the_daily_report_shows_it() => RunAsync(async s =>
    {
        int hy;
        string unit, ownerName;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            hy = await db.Estates.Where(e => e.Code == "HY").Select(e => e.Id).SingleAsync();
            var owner = await db.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn").Select(p => new { p.FullName, p.ActiveUnitId }).SingleAsync();
            ownerName = owner.FullName;
            unit = await db.Units.Where(u => u.Id == owner.ActiveUnitId).Select(u => u.Number).SingleAsync();
        }
        var subject = "热线测试：地下车库渗水一周无人处理 " + Guid.NewGuid().ToString("N")[..6];

        // The quality office takes the call about HY, finding the unit as it types.
        var desk = s.Page;
        await SignIn.ToAdminAsync(desk, Sites, Quality);
        await desk.GotoAsync(Sites.Admin.BaseUrl + "/Hotline");
        await desk.GetByTestId("take-call-link").ClickAsync();
        var choose = desk.GetByTestId("choose-estate");
        await choose.Locator("select").SelectOptionAsync(hy.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await choose.Locator("button[type=submit]").ClickAsync();
        await Expect(desk.GetByTestId("call-estate")).ToContainTextAsync("华苑新城");
        await desk.Locator("#Input_UnitNumber").PressSequentiallyAsync(unit, new() { Delay = 30 });
        await Expect(desk.Locator("#unit-options option").First).ToBeAttachedAsync();
        var person = desk.GetByTestId("reporter-person").Locator("option", new() { HasText = ownerName });
        await Expect(person).ToBeAttachedAsync();
        await desk.GetByTestId("reporter-person").SelectOptionAsync(new SelectOptionValue { Label = await person.InnerTextAsync() });
        await desk.Locator("#Input_Subject").FillAsync(subject);
        await ScreenshotAsync(desk, "admin-hotline-call-zh-1280");
        await desk.GetByTestId("take-call").ClickAsync();
        await Expect(desk).ToHaveURLAsync(new Regex("/Hotline/Detail/\\d+$"));
        await Expect(desk.Locator(".notice.ok")).ToBeVisibleAsync();
        var detailUrl = desk.Url;
        var reference = (await desk.GetByTestId("case-link").InnerTextAsync()).Trim();
        Assert.StartsWith("HY-", reference);

        // The handling file goes to HY.
        await desk.Locator("#file-text").FillAsync("请管理处今天派工程部查看车库渗水，并回复业主。");
        await desk.GetByTestId("send-file").ClickAsync();
        await Expect(desk.GetByTestId("file-sent")).ToContainTextAsync("华苑新城");
        await Expect(desk.GetByTestId("stage")).ToHaveTextAsync("待首次回复");
        string day; // the report day of the call (the company's time zone), not "today" when the test runs across midnight
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var c = await db.Cases.SingleAsync(x => x.Reference == reference);
            day = TimeZoneInfo.ConvertTime(c.ReceivedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(CaseChannel.Hotline, c.Channel);
            // Bodies are encrypted in the table: read them through the site's context, which decrypts them.
            await using var scope = Sites.Admin.Services.CreateAsyncScope();
            var files = await scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>().Outbox
                .Where(m => m.Kind == "hotline.handling-file" && m.To == "manager.hy@demo.ownerportal.cn").ToListAsync();
            Assert.Contains(files, m => m.TextBody.Contains(reference, StringComparison.Ordinal));
        }

        // The HY manager (English) finds the handling file on the hotline page and responds.
        await using (var managerContext = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var manager = await managerContext.NewPageAsync();
            await SignIn.ToAdminAsync(manager, Sites, "manager.hy@demo.ownerportal.cn");
            await manager.GotoAsync(Sites.Admin.BaseUrl + "/Hotline");
            var row = manager.GetByTestId("hotline-row").Filter(new() { HasText = subject });
            await Expect(row).ToHaveCountAsync(1);
            await ScreenshotAsync(manager, "admin-hotline-estate-en-1280");
            await row.Locator("a").First.ClickAsync();
            await manager.Locator("#respond-text").FillAsync("Called the owner; engineering inspects the car park this afternoon.");
            await manager.GetByTestId("respond").ClickAsync();
            await Expect(manager.GetByTestId("response-in-time")).ToContainTextAsync("in time");
            await ScreenshotAsync(manager, "admin-hotline-detail-en-1280");

            // The BHW manager does not learn the handling file exists.
            var bhwContext = await Sites.Browser.NewContextAsync();
            var bhw = await bhwContext.NewPageAsync();
            await SignIn.ToAdminAsync(bhw, Sites, "manager.bhw@demo.ownerportal.cn");
            Assert.Equal(404, (await bhw.Context.APIRequest.GetAsync(detailUrl)).Status);
            await bhwContext.CloseAsync();
        }

        // The desk sees the first response in time, and the daily report shows the call.
        await desk.GotoAsync(detailUrl);
        await Expect(desk.GetByTestId("response-in-time")).ToContainTextAsync("按时");
        await Expect(desk.GetByTestId("stage")).ToHaveTextAsync("处理中");
        await ScreenshotAsync(desk, "admin-hotline-detail-zh-1280");
        await desk.GotoAsync(Sites.Admin.BaseUrl + "/Hotline");
        await Expect(desk.GetByTestId("hotline-row").Filter(new() { HasText = subject })).ToHaveCountAsync(1);
        await ScreenshotAsync(desk, "admin-hotline-desk-zh-1280");
        await desk.GotoAsync(Sites.Admin.BaseUrl + "/Hotline/Report?Day=" + day);
        var reportRow = desk.GetByTestId("report-row").Filter(new() { HasText = subject });
        await Expect(reportRow).ToHaveCountAsync(1);
        await Expect(reportRow).ToContainTextAsync("是");
        Assert.True(int.Parse(await desk.GetByTestId("fig-in-time").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await ScreenshotAsync(desk, "admin-hotline-report-zh-1280");
        await desk.EmulateMediaAsync(new() { Media = Media.Print });
        await ScreenshotAsync(desk, "admin-hotline-report-print-zh");
        await desk.EmulateMediaAsync(new() { Media = Media.Screen });

        var download = await desk.RunAndWaitForDownloadAsync(() => desk.GetByTestId("csv").ClickAsync());
        Assert.Equal($"hotline-{day}.csv", download.SuggestedFilename);
        var path = await download.PathAsync();
        var csv = await File.ReadAllTextAsync(path!, Encoding.UTF8);
        Assert.Contains(subject, csv);
        Assert.Contains(reference, csv);
        Assert.Contains("受理时间", csv.Split('\n')[0]);
        Assert.Empty(s.ConsoleErrors);

        // The report in English.
        await using var english = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var en = await english.NewPageAsync();
        await SignIn.ToAdminAsync(en, Sites, Quality);
        await en.GotoAsync(Sites.Admin.BaseUrl + "/Hotline/Report?Day=" + day);
        await Expect(en.GetByTestId("report-row").Filter(new() { HasText = subject })).ToContainTextAsync("Yes");
        await ScreenshotAsync(en, "admin-hotline-report-en-1280");
        await en.GotoAsync(Sites.Admin.BaseUrl + "/Hotline/Call?EstateId=" + hy);
        await ScreenshotAsync(en, "admin-hotline-call-en-1280");
    });

    [Fact]
    public Task An_owners_appeal_from_the_Portal_shows_on_the_desk_linked_to_its_case() => RunAsync(async s =>
    {
        var description = "申诉测试：电梯停运无人理 " + Guid.NewGuid().ToString("N")[..6];
        var caseId = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.hy@demo.ownerportal.cn", description);

        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        await s.Page.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{caseId}");
        await s.Page.Locator("#Text").FillAsync("三天没人处理，向公司总经理热线申诉。");
        await s.Page.GetByTestId("act-Escalate").ClickAsync();
        await Expect(s.Page.GetByTestId("timeline")).ToContainTextAsync("三天没人处理");

        await using var context = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var desk = await context.NewPageAsync();
        await SignIn.ToAdminAsync(desk, Sites, Quality);
        await desk.GotoAsync(Sites.Admin.BaseUrl + "/Hotline");
        var row = desk.GetByTestId("hotline-row").Filter(new() { HasText = "三天没人处理" });
        await Expect(row).ToContainTextAsync("业主申诉");
        await row.Locator("a").First.ClickAsync();
        await Expect(desk.GetByTestId("case-link")).ToHaveAttributeAsync("href", $"/Cases/Detail/{caseId}");
        await Expect(desk.GetByTestId("stage")).ToHaveTextAsync("待发处理单");
    });
}
