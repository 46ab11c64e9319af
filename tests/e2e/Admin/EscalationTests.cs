using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The escalation list: the estate manager writes the note; the quality office sees every estate's.</summary>
public class EscalationTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_estate_manager_writes_the_escalation_note_and_the_quality_office_reads_it() => RunAsync(async s =>
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var hyOpen = await db.Cases.CountAsync(c => c.EstateId == 1 && c.Type == CaseType.Complaint && c.EscalatedAt != null
                                                   && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Withdrawn);
        Assert.True(hyOpen > 0, "the demo has open escalated complaints in HY");

        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Escalations");
        var items = s.Page.GetByTestId("escalation");
        await Expect(items).ToHaveCountAsync(Math.Min(hyOpen, 200));
        Assert.DoesNotContain("碧海湾花园", await s.Page.GetByTestId("escalations").InnerTextAsync());

        var first = items.First;
        var reference = (await first.Locator("a strong").InnerTextAsync()).Trim();
        await first.Locator("textarea").FillAsync("配件需从厂家订购，预计下周三完成，已每日跟进。");
        await first.Locator("button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator(".notice.ok")).ToBeVisibleAsync();
        var saved = s.Page.GetByTestId("escalation").Filter(new() { HasText = reference });
        await Expect(saved.GetByTestId("note")).ToContainTextAsync("配件需从厂家订购");
        await ScreenshotAsync(s.Page, "admin-escalations-zh-1280");

        await using var quality = await Sites.Browser.NewContextAsync(new() { Locale = "en-GB", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await quality.NewPageAsync();
        await SignIn.ToAdminAsync(page, Sites, "quality@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Escalations");
        await Expect(page.GetByTestId("escalation").Filter(new() { HasText = reference }).GetByTestId("note")).ToContainTextAsync("配件需从厂家订购");
        Assert.Contains("碧海湾花园", await page.GetByTestId("escalations").InnerTextAsync());
        await ScreenshotAsync(page, "admin-escalations-en-1280");
    });

    [Fact]
    public Task The_estate_manager_reports_a_major_complaint_to_the_quality_office() => RunAsync(async s =>
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner2.hy@demo.ownerportal.cn", "维修时损坏家中地板，要求赔偿 3000 元");
        string reference;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var c = await db.Cases.SingleAsync(x => x.Id == id);
            var dispatcher = new Actor(ActorKind.Staff, "调度", Role: OwnerPortal.Core.Domain.People.StaffRole.Dispatcher);
            c.Acknowledge(dispatcher, DateTimeOffset.UtcNow, "已受理");
            var department = await db.Departments.Where(d => d.EstateId == c.EstateId).Select(d => d.Id).FirstAsync();
            c.Assign(dispatcher, DateTimeOffset.UtcNow, new Assignment(department, null, CaseCategory.ServiceAttitude, ComplaintClass.Service, CompensationClaimed: 3000m), 1000m);
            await db.SaveChangesAsync();
            reference = c.Reference;
            Assert.True(c.IsMajor);
        }

        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Escalations");
        var major = s.Page.GetByTestId("major").Filter(new() { HasText = reference });
        await Expect(major).ToContainTextAsync("索赔 3,000 元");
        await major.Locator("textarea").FillAsync("地板损坏，业主索赔 3000 元，工程部已核实，拟协商赔偿。");
        await major.GetByTestId("report-major").ClickAsync();
        await Expect(s.Page.Locator(".notice.ok")).ToContainTextAsync("已上报全质办");
        await Expect(s.Page.GetByTestId("major").Filter(new() { HasText = reference })).ToHaveCountAsync(0);
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            Assert.NotNull(await db.Cases.Where(x => x.Id == id).Select(x => x.MajorReportedAt).SingleAsync());
    });
}
