using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Cases;

/// <summary>An owner files a complaint and follows it; a dispatcher acknowledges it; the owner sees the reply and gets the mail.</summary>
public class OwnerCaseJourneyTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner2.czy@demo.ownerportal.cn";

    [Fact]
    public Task An_owner_files_a_complaint_the_dispatcher_acknowledges_and_the_owner_sees_the_reply() => RunAsync(async s =>
    {
        var page = s.Page;
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page.Locator("h1")).ToHaveTextAsync("我要报事");

        // Bad input first: no description, a text file named .jpg and an 11 MB file beside a real photo.
        // The rest of the form stays as typed, and the good photo is kept.
        await page.Locator("input[name='Input.Type'][value='Complaint']").CheckAsync();
        await page.Locator("#Input_Category").SelectOptionAsync("Facilities");
        await page.Locator("#Input_PreferredContactTime").FillAsync("晚上七点后");
        var huge = new byte[11 * 1024 * 1024];
        huge[0] = 0xFF; huge[1] = 0xD8; huge[2] = 0xFF;
        await page.Locator("#Photos").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "漏水.png", MimeType = "image/png", Buffer = TestPhoto.Png(800, 600) },
            new FilePayload { Name = "notes.jpg", MimeType = "image/jpeg", Buffer = "这不是图片"u8.ToArray() },
            new FilePayload { Name = "huge.jpg", MimeType = "image/jpeg", Buffer = huge },
        });
        await page.GetByTestId("submit-case").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.Description']")).ToContainTextAsync("请填写");
        await Expect(page.GetByTestId("photo-errors")).ToContainTextAsync("notes.jpg: 这个文件不是图片");
        await Expect(page.GetByTestId("photo-errors")).ToContainTextAsync("huge.jpg: 照片超过 10 MB");
        await Expect(page.GetByTestId("staged-photos").Locator("img")).ToHaveCountAsync(1);
        await Expect(page.Locator("#Input_PreferredContactTime")).ToHaveValueAsync("晚上七点后");
        await Expect(page.Locator("#Input_Category")).ToHaveValueAsync("Facilities");
        await Expect(page.Locator("input[name='Input.Type'][value='Complaint']")).ToBeCheckedAsync();

        const string description = "卫生间天花板漏水 <script>alert('x')</script>";
        await page.Locator("#Input_Description").FillAsync(description);
        await page.GetByTestId("submit-case").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已收到");
        await Expect(page.GetByTestId("status-explained")).ToHaveTextAsync("我们将在 24 小时内答复您");
        await Expect(page.GetByTestId("description")).ToHaveTextAsync(description); // shown as text, not run
        await Expect(page.GetByTestId("countdown")).ToHaveTextAsync(new Regex(@"\d+\s*小时后"));
        await Expect(page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
        Assert.True(await page.GetByTestId("photos").Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        var caseUrl = page.Url;
        var id = long.Parse(caseUrl[(caseUrl.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        await ScreenshotAsync(page, "portal-case-zh-1280");

        await page.GotoAsync(Sites.Portal.BaseUrl + "/Cases");
        await Expect(page.GetByTestId("case-list").Locator("li").First).ToContainTextAsync("卫生间天花板漏水");
        // One vocabulary: "my cases" names the status exactly as the case page does (not the staff's 已立项).
        await Expect(page.GetByTestId("case-list").Locator("li").First.Locator(".status-pill")).ToHaveTextAsync("已收到");

        // The dispatcher of the estate acknowledges it with a reply.
        string reference;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var filed = await db.Cases.Where(c => c.Id == id).Select(c => new { c.Reference, c.CreatedBy }).SingleAsync();
            reference = filed.Reference;
            var ownerPerson = await db.People.Where(p => p.Email == Owner).Select(p => p.Id).SingleAsync();
            Assert.Equal($"person:{ownerPerson}", filed.CreatedBy); // the audit columns name who acted
        }
        await using var staffContext = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var staff = await staffContext.NewPageAsync();
        await SignIn.ToAdminAsync(staff, Sites, "dispatcher.czy@demo.ownerportal.cn");
        await staff.GotoAsync(Sites.Admin.BaseUrl + "/Cases?Q=" + reference);
        await staff.GetByTestId("cases").GetByText(reference).ClickAsync();
        await staff.Locator("#Reply").FillAsync("您好，已安排工程部明天上午上门查看。");
        await staff.GetByTestId("acknowledge").ClickAsync();
        await Expect(staff.GetByTestId("status")).ToHaveTextAsync("已受理");
        await ScreenshotAsync(staff, "admin-case-zh-1280");

        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var dispatcher = await db.Staff.Where(x => x.Email == "dispatcher.czy@demo.ownerportal.cn").Select(x => x.Id).SingleAsync();
            Assert.Equal($"staff:{dispatcher}", await db.Cases.Where(c => c.Id == id).Select(c => c.UpdatedBy).SingleAsync());
        }

        await page.GotoAsync(caseUrl);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已受理");
        await Expect(page.GetByTestId("status-explained")).ToHaveTextAsync("正在安排负责部门");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("已安排工程部明天上午上门查看");
        var mail = await Sites.Mail.WaitForMessageAsync(m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true, TimeSpan.FromSeconds(20));
        Assert.Contains($"/Cases/Detail/{id}", mail.TextBody);
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public async Task A_double_submit_files_one_case()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var owner = await db.People.Where(p => p.Email == "owner1.czy@demo.ownerportal.cn")
            .Select(p => new { p.Id, UnitId = p.ActiveUnitId!.Value, EstateId = db.Units.Where(u => u.Id == p.ActiveUnitId).Select(u => u.EstateId).First() }).SingleAsync();
        var key = Guid.NewGuid();
        var details = new NewCase(owner.EstateId, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit, "水龙头漏水",
            UnitId: owner.UnitId, Category: CaseCategory.Facilities, ReporterPersonId: owner.Id, IdempotencyKey: key);
        var actor = new Actor(ActorKind.Owner, "x", PersonId: owner.Id);
        var cases = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var each = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
            return (await OwnerPortal.Core.Cases.CaseIntake.FileAsync(each, details, actor, DateTimeOffset.UtcNow)).Case.Id;
        }));
        Assert.Single(cases.Distinct());
        Assert.Equal(1, await db.Cases.CountAsync(c => c.IdempotencyKey == key));
    }

    [Fact]
    public Task Another_owners_case_is_not_found() => RunAsync(async s =>
    {
        var foreign = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.bhw@demo.ownerportal.cn", "别人的报事：门禁坏了");
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner1.czy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        var response = await s.Page.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{foreign}");
        Assert.Equal(404, response!.Status);
        Assert.DoesNotContain("门禁坏了", await s.Page.ContentAsync());
    });
}

public class CasePagesOnAPhoneTests(SitesFixture sites) : BrowserTest(sites)
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-GB")]
    public Task Case_pages_fit_a_375_px_screen(string locale) => RunAsync(async s =>
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner2.hy@demo.ownerportal.cn", "电梯按钮失灵，按了没有反应，老人上下楼很不方便");
        var lang = locale[..2];
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner2.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        foreach (var (path, name) in new[] { ("/Cases", "cases"), ("/Cases/New", "case-new"), ($"/Cases/Detail/{id}", "case-detail") })
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + path);
            Assert.True(await s.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path} is wider than the screen");
            await ScreenshotAsync(s.Page, $"portal-{name}-{lang}-375");
        }
        Assert.Empty(s.ConsoleErrors);
    }, locale: locale, width: 375);
}

public class OwnerCaseInputTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task An_owner_adds_a_note_with_a_photo_to_an_open_case() => RunAsync(async s =>
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.bhw@demo.ownerportal.cn", "地库入口道闸不抬杆");
        await s.Page.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
        await SignIn.FillAsync(s.Page, "owner1.bhw@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await s.Page.Locator("#Text").FillAsync("今天早上又坏了，见照片");
        await s.Page.Locator("#Photos").SetInputFilesAsync(new FilePayload { Name = "gate.png", MimeType = "image/png", Buffer = TestPhoto.Png(640, 480) });
        await s.Page.GetByTestId("act-Comment").ClickAsync();
        await Expect(s.Page.GetByTestId("timeline")).ToContainTextAsync("今天早上又坏了，见照片");
        await Expect(s.Page.GetByTestId("photos").Locator("img")).ToHaveCountAsync(1);
    });

    [Fact]
    public Task A_tampered_public_area_is_refused_and_the_form_kept() => RunAsync(async s =>
    {
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await SignIn.FillAsync(s.Page, "owner2.bhw@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await s.Page.Locator("#Input_Category").SelectOptionAsync("Sanitation");
        await s.Page.Locator("input[name='Input.Location'][value='PublicArea']").CheckAsync();
        // A public area of another estate, slipped into the select as a tampered request would.
        int foreignArea;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            foreignArea = await db.PublicAreas.Where(a => db.Estates.Any(e => e.Id == a.EstateId && e.Code == "HY")).Select(a => a.Id).FirstAsync();
        await s.Page.EvalOnSelectorAsync("#Input_PublicAreaId", $"(el) => {{ el.add(new Option('x', '{foreignArea}')); el.value = '{foreignArea}'; }}");
        await s.Page.Locator("#Input_Description").FillAsync("垃圾站没有清运");
        var before = await CountCasesAsync();
        await s.Page.GetByTestId("submit-case").ClickAsync();
        await Expect(s.Page.Locator("span[data-valmsg-for='Input.PublicAreaId']")).ToContainTextAsync("请选择公共区域的位置");
        await Expect(s.Page.Locator("#Input_Description")).ToHaveValueAsync("垃圾站没有清运");
        Assert.Equal(before, await CountCasesAsync());
    });

    private async Task<int> CountCasesAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        return await db.Cases.CountAsync();
    }
}
