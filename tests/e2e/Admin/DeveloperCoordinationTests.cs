using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>
/// Class 2 complaints forwarded to the developer (the owner follows both public steps), class 3 coordination, staff
/// reopening, and the special report on a handled major complaint.
/// </summary>
public class DeveloperCoordinationTests(SitesFixture sites) : BrowserTest(sites)
{
    private static readonly Actor Dispatcher = new(ActorKind.Staff, "调度", Role: StaffRole.Dispatcher);
    private static readonly Actor Manager = new(ActorKind.Staff, "经理", Role: StaffRole.EstateManager);

    /// <summary>A complaint of owner2.hy, acknowledged and assigned with <paramref name="cls"/>; optionally handled.</summary>
    private async Task<(long Id, string Reference)> ComplaintAsync(string description, ComplaintClass cls, bool major = false, bool resolved = false)
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner2.hy@demo.ownerportal.cn", description);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var c = await db.Cases.SingleAsync(x => x.Id == id);
        var now = DateTimeOffset.UtcNow;
        c.Acknowledge(Dispatcher, now, "已受理");
        var department = await db.Departments.Where(d => d.EstateId == c.EstateId).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
        c.Assign(Dispatcher, now, new Assignment(department, null, CaseCategory.Facilities, cls, FlaggedMajor: major), 1000m);
        if (resolved)
        {
            c.Plan(Manager, now, "上门处理", now.AddDays(2));
            c.Resolve(Manager, now, "已处理完毕");
        }
        await db.SaveChangesAsync();
        return (id, c.Reference);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-GB")]
    public Task The_dispatcher_forwards_to_the_developer_records_the_answer_and_the_owner_sees_both_steps(string locale) => RunAsync(async s =>
    {
        var lang = locale[..2];
        var (id, reference) = await ComplaintAsync("卫生间墙面渗水，楼上同一位置也有，怀疑防水层质量问题", ComplaintClass.Developer);
        await SignIn.ToAdminAsync(s.Page, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/Detail/{id}");

        var panel = s.Page.GetByTestId("developer-panel");
        await panel.Locator("textarea[name='Input.ForwardWhat']").FillAsync("卫生间防水层渗水（3 号楼 1 单元 1101 及楼上），附现场照片，请开发商安排维修。");
        await ScreenshotAsync(s.Page, $"admin-case-developer-forward-{lang}-1280");
        await panel.GetByTestId("forward").ClickAsync();
        await Expect(s.Page.GetByTestId("done")).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("forwarding")).ToHaveCountAsync(1);
        await Expect(s.Page.GetByTestId("waiting")).ToBeVisibleAsync();

        // The workbench row says so too.
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases?Q={reference}");
        await Expect(s.Page.Locator($"tr[data-reference='{reference}']").GetByTestId("waiting")).ToBeVisibleAsync();

        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/Detail/{id}");
        var answer = s.Page.GetByTestId("answer-form");
        await answer.Locator("textarea").FillAsync("开发商回复：下周一派防水班组上门，维修期约 3 天。");
        await ScreenshotAsync(s.Page, $"admin-case-developer-answer-{lang}-1280");
        await answer.GetByTestId("record-answer").ClickAsync();
        await Expect(s.Page.GetByTestId("done")).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("answer")).ToContainTextAsync("下周一派防水班组上门");
        await Expect(s.Page.GetByTestId("waiting")).ToHaveCountAsync(0);
        await ScreenshotAsync(s.Page, $"admin-case-developer-answered-{lang}-1280");

        await using var ownerContext = await Sites.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 375, Height = 800 } });
        var owner = await ownerContext.NewPageAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(owner, "owner2.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await owner.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
        var steps = owner.GetByTestId("timeline").GetByTestId("developer-step");
        await Expect(steps).ToHaveCountAsync(2);
        await Expect(steps.First).ToContainTextAsync(lang == "zh" ? "转交开发商" : "forwarded your matter to the developer");
        await Expect(steps.Last).ToContainTextAsync(lang == "zh" ? "开发商已于" : "The developer answered");
        Assert.DoesNotContain("防水班组", await owner.GetByTestId("timeline").InnerTextAsync()); // the internal texts stay internal
        await ScreenshotAsync(owner, $"portal-case-developer-{lang}-375");
    }, locale);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-GB")]
    public Task The_department_records_a_class_3_coordination_and_the_manager_reopens_a_handled_case(string locale) => RunAsync(async s =>
    {
        var lang = locale[..2];
        var (id, _) = await ComplaintAsync("小区东门外市政路灯不亮，晚上回家很黑", ComplaintClass.External);
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/Detail/{id}");
        var form = s.Page.GetByTestId("coordinate-form");
        await form.Locator("input[name='Input.CoordinatedWith']").FillAsync("区市政管理所");
        await form.Locator("textarea[name='Input.Agreed']").FillAsync("市政所周四晚更换灯具");
        await form.Locator("textarea[name='Input.OwnerExplanation']").FillAsync("东门外路灯属市政设施，已联系区市政管理所，对方承诺本周四晚更换。");
        await ScreenshotAsync(s.Page, $"admin-case-external-{lang}-1280");
        await form.GetByTestId("coordinate").ClickAsync();
        await Expect(s.Page.GetByTestId("coordination")).ToContainTextAsync("区市政管理所");

        var (handled, _) = await ComplaintAsync("楼道扶手松动", ComplaintClass.Service, resolved: true);
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/Detail/{handled}");
        var reopen = s.Page.GetByTestId("reopen-panel");
        // Verification is what moves a resolved case on: reopening is folded until asked for (CaseNextStep).
        await Expect(s.Page.GetByTestId("verify-panel").Locator("textarea").First).ToBeVisibleAsync();
        await Expect(reopen.Locator("textarea")).ToBeHiddenAsync();
        await reopen.Locator("summary").ClickAsync();
        await reopen.Locator("textarea").FillAsync("回访时业主反映扶手仍然松动");
        await ScreenshotAsync(s.Page, $"admin-case-reopen-{lang}-1280");
        await reopen.GetByTestId("reopen").ClickAsync();
        await Expect(s.Page.GetByTestId("status")).ToHaveTextAsync(lang == "zh" ? "处理中" : "In progress");
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var c = await db.Cases.SingleAsync(x => x.Id == handled);
        Assert.Equal((CaseStatus.InProgress, 1), (c.Status, c.ReopenCount));
        Assert.NotNull(c.AssignedDepartmentId); // back in its department's queue
        Assert.Contains("东门外路灯属市政设施", await db.CaseEvents.Where(e => e.CaseId == id && e.IsPublic && e.Kind == CaseEventKind.ExternalCoordinated).Select(e => e.Text).SingleAsync());
    }, locale);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-GB")]
    public Task The_manager_writes_the_special_report_of_a_handled_major_complaint_and_the_quality_office_reviews_it(string locale) => RunAsync(async s =>
    {
        var lang = locale[..2];
        var (id, reference) = await ComplaintAsync("装修垃圾清运时损坏家门，要求赔偿 2000 元", ComplaintClass.Service, major: true, resolved: true);
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Escalations");
        var missing = s.Page.Locator($"[data-testid=report-missing][data-reference='{reference}']");
        await missing.GetByTestId("write-report").ClickAsync();

        var parts = new Dictionary<string, string>
        {
            ["Content"] = "业主投诉清运装修垃圾时推车撞坏入户门，要求赔偿 2000 元。",
            ["Cause"] = "保洁员未按规程使用防撞护角，推车超载。",
            ["Handling"] = "当日上门致歉，经协商赔偿 1500 元并更换门板。",
            ["Lessons"] = "清运作业前未做安全交底。",
            ["CorrectiveAction"] = "修订清运作业规程，推车加装护角，每月抽查。",
        };
        foreach (var (field, text) in parts) await s.Page.Locator($"textarea[name='Input.{field}']").FillAsync(text);
        await ScreenshotAsync(s.Page, $"admin-major-report-form-{lang}-1280");
        await s.Page.GetByTestId("save-report").ClickAsync();
        await Expect(s.Page.GetByTestId("done")).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("report")).ToContainTextAsync("推车加装护角");
        await Expect(s.Page.GetByTestId("print")).ToBeVisibleAsync();

        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Escalations");
        await Expect(s.Page.Locator($"[data-testid=report-missing][data-reference='{reference}']")).ToHaveCountAsync(0);

        await using var qualityContext = await Sites.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = 1280, Height = 900 } });
        var quality = await qualityContext.NewPageAsync();
        await SignIn.ToAdminAsync(quality, Sites, "quality@demo.ownerportal.cn");
        await quality.GotoAsync(Sites.Admin.BaseUrl + "/Escalations");
        await quality.Locator($"[data-testid=report-to-review][data-reference='{reference}'] a").ClickAsync();
        await Expect(quality.GetByTestId("report")).ToContainTextAsync("清运作业前未做安全交底");
        await Expect(quality.GetByTestId("write-panel")).ToHaveCountAsync(0);
        await quality.GetByTestId("review").ClickAsync();
        await Expect(quality.GetByTestId("reviewed")).ToBeVisibleAsync();
        await quality.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await ScreenshotAsync(quality, $"admin-major-report-print-{lang}-1280");

        // Reviewed: final for the estate manager.
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Escalations/MajorReport/{id}");
        await Expect(s.Page.GetByTestId("write-panel")).ToHaveCountAsync(0);
    }, locale);
}
