using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>Notices: the manager edits and publishes the month's notice; owners of that estate read it, others do not.</summary>
public class NoticeTests(SitesFixture sites) : BrowserTest(sites)
{
    private static string LastMonth()
    {
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return new DateTime(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM");
    }

    [Fact]
    public Task The_manager_publishes_the_months_notice_and_only_owners_of_that_estate_read_it() => RunAsync(async s =>
    {
        var month = LastMonth();
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Notices");
        await s.Page.GetByTestId("draft-" + month).ClickAsync();
        await Expect(s.Page.GetByTestId("notice-state")).ToContainTextAsync("草稿");

        // The drafted table is in the preview; an edit shows up there live, rendered as owners will see it.
        await Expect(s.Page.GetByTestId("preview").Locator("table")).ToBeVisibleAsync();
        var body = s.Page.Locator("#Input_Body");
        await body.PressAsync("Control+End");
        await body.PressSequentiallyAsync("\n\n**本月另行说明：东门岗亭已完成翻新。** <script>alert(1)</script>");
        await Expect(s.Page.GetByTestId("preview").Locator("strong").Filter(new() { HasText = "东门岗亭已完成翻新" })).ToBeVisibleAsync();
        Assert.Equal(0, await s.Page.GetByTestId("preview").Locator("script").CountAsync());
        var previewHtml = await s.Page.GetByTestId("preview").InnerHTMLAsync();
        await ScreenshotAsync(s.Page, "admin-notice-edit-zh-1280");

        await s.Page.GetByTestId("publish").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("已发布");
        Assert.Empty(s.ConsoleErrors);

        long id;
        string title;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var notice = await db.Notices.SingleAsync(n => n.EstateId == 1 && n.Kind == NoticeKind.MonthlyComplaints && n.Month == DateOnly.ParseExact(month + "-01", "yyyy-MM-dd"));
            (id, title) = (notice.Id, notice.Title);
            Assert.Equal(previewHtml.Trim(), notice.PublishedHtml!.Trim()); // what the preview showed is what is published
            Assert.True(await db.Outbox.AnyAsync(m => m.To == "owner1.hy@demo.ownerportal.cn" && m.Kind == "notice.monthly"));
        }

        // An owner of HY finds it in the archive and reads it, on a phone.
        await using var phone = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 375, Height = 800 } });
        var owner = await phone.NewPageAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(owner, "owner1.hy@demo.ownerportal.cn", OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword);
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/");
        await owner.GetByTestId("notices-link").ClickAsync();
        await owner.GetByTestId("notice").Filter(new() { HasText = title }).Locator("a").ClickAsync();
        await Expect(owner.GetByTestId("notice-body")).ToContainTextAsync("东门岗亭已完成翻新");
        await Expect(owner.GetByTestId("notice-body").Locator("table")).ToBeVisibleAsync();
        await ScreenshotAsync(owner, "portal-notice-zh-375");

        // An owner of another estate neither sees it listed nor can open it.
        await using var elsewhere = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var other = await elsewhere.NewPageAsync();
        await other.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(other, "owner1.bhw@demo.ownerportal.cn", OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword);
        await other.GotoAsync(Sites.Portal.BaseUrl + "/Notices");
        Assert.DoesNotContain(title, await other.Locator("main").InnerTextAsync());
        var response = await other.GotoAsync(Sites.Portal.BaseUrl + "/Notices/Detail/" + id);
        Assert.Equal(404, response!.Status);
    });

    [Fact]
    public Task An_urgent_water_cut_is_pinned_on_the_home_page_of_the_affected_buildings_only() => RunAsync(async s =>
    {
        int ownBuilding, otherBuilding;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
            ownBuilding = await db.Units.Where(u => u.Id == owner.ActiveUnitId).Select(u => u.BuildingId).SingleAsync();
            otherBuilding = await db.Buildings.Where(b => b.EstateId == 1 && b.Id != ownBuilding).Select(b => b.Id).FirstAsync();
        }

        await SignIn.ToAdminAsync(s.Page, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Notices");
        await s.Page.GetByTestId("new-information").ClickAsync();
        await s.Page.Locator("#Input_Title").FillAsync("明日停水通知");
        await s.Page.Locator("#Input_Topic").SelectOptionAsync("WaterCut");
        await s.Page.Locator($"input[name='Input.BuildingIds'][value='{otherBuilding}']").CheckAsync();
        await s.Page.Locator("#Input_IsUrgent").CheckAsync();
        await s.Page.Locator("#Input_Body").FillAsync("因主管道维修，**9:00-17:00** 停水，请提前储水。");
        await s.Page.GetByTestId("publish").ClickAsync();
        // Forgot the dates: told so, nothing typed is lost.
        await Expect(s.Page.Locator(".field-error.field-validation-error").First).ToBeVisibleAsync();
        await Expect(s.Page.Locator("#Input_Body")).ToHaveValueAsync("因主管道维修，**9:00-17:00** 停水，请提前储水。");
        await Expect(s.Page.Locator($"input[name='Input.BuildingIds'][value='{otherBuilding}']")).ToBeCheckedAsync();
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime;
        await s.Page.Locator("#Input_ValidFrom").FillAsync(local.AddHours(-1).ToString("yyyy-MM-ddTHH:mm"));
        await s.Page.Locator("#Input_ValidUntil").FillAsync(local.AddDays(1).ToString("yyyy-MM-ddTHH:mm"));
        await ScreenshotAsync(s.Page, "admin-information-notice-zh-1280");
        await s.Page.GetByTestId("publish").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("已发布");

        await using var phone = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 375, Height = 800 } });
        var home = await phone.NewPageAsync();
        await home.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(home, "owner1.hy@demo.ownerportal.cn", OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword);
        await home.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(home.GetByTestId("my-unit")).ToBeVisibleAsync();
        await Expect(home.GetByTestId("pinned-notice").Filter(new() { HasText = "明日停水通知" })).ToHaveCountAsync(0); // not this building

        // The owner's building is affected after all: tick it and publish the correction.
        await s.Page.Locator($"input[name='Input.BuildingIds'][value='{ownBuilding}']").CheckAsync();
        await s.Page.GetByTestId("publish").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToContainTextAsync("更正已发布");
        await home.ReloadAsync();
        await Expect(home.GetByTestId("pinned-notice").Filter(new() { HasText = "明日停水通知" })).ToBeVisibleAsync();
        await ScreenshotAsync(home, "portal-home-pinned-zh-375");
    });
}
