using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// Issue 5: a complaint goes from the dispatcher to the engineering department and through customer service
/// verification (failed once, then passed) to closed; the owner sees only the public steps. Two tabs saving the
/// same case: the second is refused with what changed.
/// </summary>
public class CaseHandlingTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner1.hy@demo.ownerportal.cn";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static string LocalInput(TimeSpan fromNow) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow + fromNow, Shanghai).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private async Task<IPage> StaffAsync(string email, string locale = "zh-CN")
    {
        var context = await Sites.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, email);
        return page;
    }

    [Fact]
    public Task A_complaint_is_dispatched_planned_resolved_failed_once_verified_and_closed() => RunAsync(async s =>
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, Owner, "厨房水管漏水，楼下天花板也湿了");
        var url = $"{Sites.Admin.BaseUrl}/Cases/Detail/{id}";

        // Dispatcher: acknowledge, then classify and assign to 工程部. Only the office's steps are offered.
        var dispatcher = s.Page;
        await SignIn.ToAdminAsync(dispatcher, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await dispatcher.GotoAsync(url);
        await Expect(dispatcher.GetByTestId("plan-panel")).ToHaveCountAsync(0);
        await Expect(dispatcher.GetByTestId("assign-panel")).ToHaveCountAsync(0);
        await dispatcher.Locator("#Reply").FillAsync("您好，已收到，马上安排工程部处理。");
        await dispatcher.GetByTestId("acknowledge").ClickAsync();
        await Expect(dispatcher.GetByTestId("status")).ToHaveTextAsync("已受理");

        // Assigning without a department is refused and keeps the choices.
        await dispatcher.Locator("#Input_Class").SelectOptionAsync("Service");
        await dispatcher.Locator("#Input_Category").SelectOptionAsync("Facilities");
        await dispatcher.Locator("#Input_DepartmentId").SelectOptionAsync("");
        await dispatcher.GetByTestId("assign").ClickAsync();
        await Expect(dispatcher.Locator("span[data-valmsg-for='Input.DepartmentId']")).ToContainTextAsync("请填写");
        await Expect(dispatcher.Locator("#Input_Class")).ToHaveValueAsync("Service");
        await dispatcher.Locator("#Input_DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "工程部" });
        await dispatcher.Locator("#Input_Compensation").FillAsync("200");
        await ScreenshotAsync(dispatcher, "admin-case-assign-zh-1280");
        await dispatcher.GetByTestId("assign").ClickAsync();
        await Expect(dispatcher.GetByTestId("status")).ToHaveTextAsync("已派单");
        await Expect(dispatcher.GetByTestId("department")).ToContainTextAsync("工程部");
        await Expect(dispatcher.GetByTestId("plan-panel")).ToHaveCountAsync(0); // not the dispatcher's step

        // Another department's supervisor sees the case but cannot plan it.
        var cleaning = await StaffAsync("cleaning.hy@demo.ownerportal.cn");
        await cleaning.GotoAsync(url);
        await Expect(cleaning.GetByTestId("status")).ToHaveTextAsync("已派单");
        await Expect(cleaning.GetByTestId("plan-panel")).ToHaveCountAsync(0);
        await Expect(cleaning.GetByTestId("handback-panel")).ToHaveCountAsync(0);

        // Engineering: plan with a deadline (signed off), an internal note, a public note, resolve.
        var engineering = await StaffAsync("engineering.hy@demo.ownerportal.cn");
        await engineering.GotoAsync(url);
        await engineering.Locator("#Input_Plan").FillAsync("明天上午上门检查水管，更换破损管段。");
        await engineering.Locator("#Input_Deadline").FillAsync(LocalInput(TimeSpan.FromDays(3)));
        await engineering.GetByTestId("plan").ClickAsync();
        await Expect(engineering.GetByTestId("status")).ToHaveTextAsync("已定方案");
        await Expect(engineering.GetByTestId("plan-fact")).ToContainTextAsync("签发");
        await engineering.Locator("#Input_Note").FillAsync("内部：需向供应商采购 DN20 管件");
        await engineering.GetByTestId("note").ClickAsync();
        await Expect(engineering.GetByTestId("timeline")).ToContainTextAsync("DN20");
        await engineering.Locator("#Input_Note").FillAsync("师傅已上门查看，明天更换管段。");
        await engineering.Locator("#Input_NoteIsPublic").CheckAsync();
        await engineering.GetByTestId("note").ClickAsync();
        await engineering.GetByTestId("start").ClickAsync();
        await Expect(engineering.GetByTestId("status")).ToHaveTextAsync("处理中");
        await engineering.Locator("#Input_ResolveNote").FillAsync("已更换破损管段，试水无渗漏。");
        await engineering.GetByTestId("resolve").ClickAsync();
        await Expect(engineering.GetByTestId("status")).ToHaveTextAsync("已处理待验证");
        await ScreenshotAsync(engineering, "admin-case-resolved-zh-1280");

        // Customer service: fails verification once (back to the department), then passes (closed).
        var service = await StaffAsync("service.hy@demo.ownerportal.cn");
        await service.GotoAsync(url);
        await Expect(service.GetByTestId("plan-panel")).ToHaveCountAsync(0);
        await service.Locator("#Input_FailReason").FillAsync("回访发现接口处仍在滴水");
        await ScreenshotAsync(service, "admin-case-verify-zh-1280");
        await service.GetByTestId("fail").ClickAsync();
        await Expect(service.GetByTestId("status")).ToHaveTextAsync("处理中");

        await engineering.GotoAsync(url);
        await engineering.Locator("#Input_ResolveNote").FillAsync("重新紧固接口并更换密封圈，观察一小时无滴水。");
        await engineering.GetByTestId("resolve").ClickAsync();
        await Expect(engineering.GetByTestId("status")).ToHaveTextAsync("已处理待验证");

        await service.GotoAsync(url);
        await service.Locator("#Input_VerifyNote").FillAsync("回访业主，确认已修好。");
        await service.GetByTestId("pass").ClickAsync();
        await Expect(service.GetByTestId("status")).ToHaveTextAsync("已结案");
        await Expect(service.GetByTestId("verify-panel")).ToHaveCountAsync(0);
        await ScreenshotAsync(service, "admin-case-closed-zh-1280");

        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var c = await db.Cases.SingleAsync(c => c.Id == id);
            Assert.Equal((CaseStatus.Closed, 1), (c.Status, c.VerificationFailures));
            var engineer = await db.Staff.SingleAsync(x => x.Email == "engineering.hy@demo.ownerportal.cn");
            Assert.Equal(engineer.Id, c.PlanSignedOffByStaffId);
        }

        // The owner sees the public steps only.
        var owner = await (await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        await owner.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
        await SignIn.FillAsync(owner, Owner, DemoDataGenerator.DemoPassword);
        var timeline = owner.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("更换破损管段");
        await Expect(timeline).ToContainTextAsync("师傅已上门查看");
        await Expect(timeline).ToContainTextAsync("重新紧固接口");
        await Expect(timeline).Not.ToContainTextAsync("DN20");
        await Expect(timeline).Not.ToContainTextAsync("仍在滴水");
        await Expect(owner.Locator("body")).Not.ToContainTextAsync("验证未通过");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task Two_tabs_saving_the_same_case_the_second_is_told_what_changed_and_nothing_is_lost() => RunAsync(async s =>
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, Owner, "地下车库入口的灯坏了");
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var d = await db.Staff.SingleAsync(x => x.Email == "dispatcher.hy@demo.ownerportal.cn");
            var c = await db.Cases.Include(c => c.Events).SingleAsync(c => c.Id == id);
            var engineering = await db.Departments.SingleAsync(x => x.EstateId == c.EstateId && x.Name == "工程部");
            var actor = new Actor(ActorKind.Staff, d.FullName, d.Id, Role: d.Role);
            c.Acknowledge(actor, DateTimeOffset.UtcNow, "已受理");
            c.Assign(actor, DateTimeOffset.UtcNow, new Assignment(engineering.Id, null, CaseCategory.Facilities, ComplaintClass.Service), 1000m);
            await db.SaveChangesAsync();
        }
        var url = $"{Sites.Admin.BaseUrl}/Cases/Detail/{id}";
        var first = s.Page;
        await SignIn.ToAdminAsync(first, Sites, "engineering.hy@demo.ownerportal.cn");
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync(url);
        await second.GotoAsync(url);

        await first.Locator("#Input_Plan").FillAsync("Replace the lamp tonight.");
        await first.Locator("#Input_Deadline").FillAsync(LocalInput(TimeSpan.FromDays(1)));
        await second.Locator("#Input_Plan").FillAsync("Order a new fitting first.");
        await second.Locator("#Input_Deadline").FillAsync(LocalInput(TimeSpan.FromDays(5)));
        await first.GetByTestId("plan").ClickAsync();
        await Expect(first.GetByTestId("status")).ToHaveTextAsync("Plan set");

        await second.GetByTestId("plan").ClickAsync();
        var conflict = second.GetByTestId("conflict");
        await Expect(conflict).ToContainTextAsync("Someone else just changed this case");
        await Expect(conflict).ToContainTextAsync("Status: Assigned → Plan set");
        await Expect(conflict).ToContainTextAsync("Handling plan: (none) → Replace the lamp tonight.");
        await Expect(conflict).ToContainTextAsync("Deadline:");
        await Expect(second.Locator("#Input_Plan")).ToHaveValueAsync("Order a new fitting first."); // what was typed stays
        await ScreenshotAsync(second, "admin-case-conflict-en-1280");

        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var c = await db.Cases.Include(c => c.Events).SingleAsync(c => c.Id == id);
            Assert.Equal("Replace the lamp tonight.", c.HandlingPlan);
            Assert.Single(c.Events, e => e.Kind == CaseEventKind.Planned);
        }

        // Having read what changed, the second tab may save on top of the current case.
        await second.GetByTestId("plan").ClickAsync();
        await Expect(second.GetByTestId("plan-fact")).ToContainTextAsync("Order a new fitting first.");
        await ScreenshotAsync(second, "admin-case-planned-en-1280");
    }, locale: "en-US");
}
