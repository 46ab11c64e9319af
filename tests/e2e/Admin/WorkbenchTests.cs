using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The staff workbench queues and taking a case in on an owner's behalf.</summary>
public class WorkbenchTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Dispatcher = "dispatcher.hy@demo.ownerportal.cn";
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    private OwnerPortalDbContext Db(int? estate = null) =>
        new(TestDatabase.Options(Sites.ConnectionString), estate is null ? null : new Scope(estate));

    private async Task<int> EstateAsync(string code)
    {
        await using var db = Db();
        return await db.Estates.Where(e => e.Code == code).Select(e => e.Id).SingleAsync();
    }

    private async Task<(string Reference, string Phone)> ReferenceAndPhoneAsync(long id)
    {
        await using var db = Db();
        var c = await db.Cases.Where(c => c.Id == id).Select(c => new { c.Reference, c.ReporterPhone }).SingleAsync();
        return (c.Reference, c.ReporterPhone);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public Task A_dispatcher_sees_the_queue_counts_opens_overdue_and_finds_cases_by_reference_and_phone(string locale) => RunAsync(async s =>
    {
        var hy = await EstateAsync("HY");
        var mine = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.hy@demo.ownerportal.cn", "工作台测试：电梯异响");
        var (reference, phone) = await ReferenceAndPhoneAsync(mine);

        await SignIn.ToAdminAsync(s.Page, Sites, Dispatcher);
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Cases");
        var tabs = s.Page.GetByTestId("queues");
        await Expect(tabs.Locator("a")).ToHaveCountAsync(WorkQueues.All.Length);
        await using (var db = Db(hy))
        {
            var staff = await db.Staff.Where(x => x.Email == Dispatcher).Select(x => new { x.Id, x.DepartmentId }).SingleAsync();
            var viewer = new QueueViewer(staff.Id, staff.DepartmentId);
            foreach (var queue in new[] { WorkQueue.New, WorkQueue.Overdue, WorkQueue.AwaitingVerification })
            {
                var expected = await WorkQueues.Filter(db.Cases, queue, viewer, DateTimeOffset.UtcNow).CountAsync();
                await Expect(tabs.Locator($"a[data-queue={queue}] .count")).ToHaveTextAsync(expected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        var newCount = int.Parse((await tabs.Locator("a[data-queue=New] .count").TextContentAsync())!.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(newCount >= 1);
        await ScreenshotAsync(s.Page, $"admin-workbench-new-{locale}");

        await tabs.Locator("a[data-queue=Overdue]").ClickAsync();
        await Expect(tabs.Locator("a[data-queue=Overdue]")).ToHaveAttributeAsync("aria-current", "page");
        var rows = s.Page.GetByTestId("cases").Locator("tbody tr");
        Assert.True(await rows.CountAsync() > 0, "the demo data has overdue cases");
        foreach (var row in (await rows.AllAsync()).Take(10))
        {
            await Expect(row.Locator("td").First).ToContainTextAsync("HY-");
            await Expect(row.GetByTestId("due")).ToHaveClassAsync(new Regex("warn"));
            await Expect(row.GetByTestId("due")).ToContainTextAsync(new Regex(locale == "en-US" ? "(Feedback due|Response due|Deadline)" : "(反馈期限|响应期限|处理期限)"));
        }
        Assert.True(await s.Page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1280, "the workbench fits a 1280 px screen");
        await ScreenshotAsync(s.Page, $"admin-workbench-overdue-{locale}");

        // By reference (typed in lower case), then by the phone typed with spaces: masked in the list.
        await s.Page.Locator("#q").FillAsync(reference.ToLowerInvariant());
        await s.Page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToHaveAttributeAsync("data-reference", reference);

        await s.Page.Locator("#q").FillAsync($"{phone[..3]} {phone[3..7]} {phone[7..]}");
        await s.Page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator($"tr[data-reference='{reference}']")).ToBeVisibleAsync();
        await Expect(s.Page.Locator($"tr[data-reference='{reference}']").GetByTestId("phone")).ToHaveTextAsync(OwnerPortal.Core.PersonalData.MaskPhone(phone));
        Assert.DoesNotContain(phone, await s.Page.GetByTestId("cases").InnerTextAsync());
        await ScreenshotAsync(s.Page, $"admin-workbench-search-{locale}");
        Assert.Empty(s.ConsoleErrors);
    }, locale);

    [Fact]
    public Task Keyset_paging_walks_a_queue_without_repeats() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Cases?queue=Escalated");
        var seen = new HashSet<string>();
        var pages = 0;
        while (true)
        {
            var refs = await s.Page.GetByTestId("cases").Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.reference)");
            Assert.True(refs.Length <= WorkQueues.PageSize);
            foreach (var r in refs) Assert.True(seen.Add(r), $"{r} shown twice");
            pages++;
            var next = s.Page.GetByTestId("next-page");
            if (await next.CountAsync() == 0 || pages == 5) break;
            await next.ClickAsync();
        }
        var count = int.Parse((await s.Page.Locator("a[data-queue=Escalated] .count").TextContentAsync())!.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        if (pages < 5) Assert.Equal(count, seen.Count);
    });

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public Task A_dispatcher_takes_a_phone_case_for_a_unit_found_as_they_type_and_the_owner_sees_it(string locale) => RunAsync(async s =>
    {
        string unitNumber, ownerName;
        int ownerId;
        await using (var db = Db())
        {
            var person = await db.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn")
                .Select(p => new { p.Id, p.FullName, Unit = db.Units.Where(u => u.Id == p.ActiveUnitId).Select(u => u.Number).First() }).SingleAsync();
            (unitNumber, ownerName, ownerId) = (person.Unit, person.FullName, person.Id);
        }
        var description = $"电话报修：厨房水管漏水 {locale} {Guid.NewGuid():N}"[..40];

        await SignIn.ToAdminAsync(s.Page, Sites, Dispatcher);
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Cases");
        await s.Page.GetByTestId("intake").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Admin.BaseUrl}/Cases/Intake");
        await Expect(s.Page.Locator("input[name='Input.Channel'][value=Phone]")).ToBeCheckedAsync();
        await s.Page.Locator("#Input_UnitNumber").PressSequentiallyAsync(unitNumber, new() { Delay = 60 });
        await Expect(s.Page.Locator($"#unit-options option[value='{unitNumber}']")).ToHaveCountAsync(1);
        var reporter = s.Page.GetByTestId("reporter-person");
        await Expect(reporter.Locator($"option[value='{ownerId}']")).ToContainTextAsync(ownerName);
        await reporter.SelectOptionAsync(ownerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await s.Page.Locator("input[name='Input.Type'][value=RepairRequest]").CheckAsync();
        await s.Page.Locator("#Input_Description").FillAsync(description);
        await s.Page.Locator("#Input_IsUrgent").CheckAsync();
        await ScreenshotAsync(s.Page, $"admin-intake-{locale}");
        await s.Page.GetByTestId("file-case").DblClickAsync(); // a double submit files once
        // Two posts and their redirects: on a loaded machine that takes longer than the default 5 s.
        await Expect(s.Page).ToHaveURLAsync(new Regex($"^{Regex.Escape(Sites.Admin.BaseUrl)}/Cases/Detail/\\d+$"), new() { Timeout = 30_000 });

        string reference;
        await using (var db = Db())
        {
            var filed = await db.Cases.Include(c => c.Events).Where(c => c.Description == description).SingleAsync(); // one, not two
            Assert.Equal(CaseChannel.Phone, filed.Channel);
            Assert.Equal(ownerId, filed.ReporterPersonId);
            Assert.Equal(ownerName, filed.ReporterName);
            Assert.True(filed.IsUrgent);
            Assert.Equal(CaseStatus.Received, filed.Status);
            var received = Assert.Single(filed.Events);
            Assert.Equal(ActorKind.Staff, received.ActorKind);
            Assert.Equal(await db.Staff.Where(x => x.Email == Dispatcher).Select(x => (int?)x.Id).SingleAsync(), received.ActorStaffId);
            reference = filed.Reference;
        }
        // The owner sees it in the Portal like any other case of their unit.
        await using var owner = await Sites.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var portal = await owner.NewPageAsync();
        await portal.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(portal, "owner1.hy@demo.ownerportal.cn", OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword);
        await Expect(portal).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        await portal.GotoAsync(Sites.Portal.BaseUrl + "/Cases");
        await Expect(portal.GetByTestId("case-list")).ToContainTextAsync(reference);
        Assert.Empty(s.ConsoleErrors);
    }, locale);

    [Fact]
    public Task A_typed_reporter_and_a_wrong_unit_keep_what_was_typed() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, Dispatcher);
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Cases/Intake");
        await s.Page.Locator("input[name='Input.Channel'][value=Visit]").CheckAsync();
        await s.Page.Locator("#Input_UnitNumber").FillAsync("99-99-9999");
        await s.Page.Locator("#Input_ReporterName").FillAsync("来访的租户");
        await s.Page.Locator("#Input_ReporterPhone").FillAsync("139 0000 1111");
        await s.Page.Locator("#Input_Description").FillAsync("门禁卡失灵");
        await s.Page.GetByTestId("file-case").ClickAsync();
        await Expect(s.Page.Locator("span.field-error[data-valmsg-for='Input.UnitNumber']")).ToContainTextAsync("99-99-9999");
        await Expect(s.Page.Locator("#Input_ReporterName")).ToHaveValueAsync("来访的租户");
        await Expect(s.Page.Locator("input[name='Input.Channel'][value=Visit]")).ToBeCheckedAsync();

        await s.Page.Locator("#Input_UnitNumber").FillAsync("1-1-102");
        await s.Page.GetByTestId("file-case").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new Regex("/Cases/Detail/\\d+$"));
        await using var db = Db();
        var filed = await db.Cases.Where(c => c.ReporterName == "来访的租户").OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(("13900001111", CaseChannel.Visit), (filed.ReporterPhone, filed.Channel));
        Assert.Equal("1-1-102", await db.Units.Where(u => u.Id == filed.UnitId).Select(u => u.Number).SingleAsync());
    });

    [Fact]
    public Task A_BHW_dispatcher_never_sees_HY_cases_in_any_queue_search_or_unit_lookup() => RunAsync(async s =>
    {
        var hy = await EstateAsync("HY");
        var bhw = await EstateAsync("BHW");
        var hyCase = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.hy@demo.ownerportal.cn", "工作台测试：不应被碧海湾看到");
        var (hyReference, hyPhone) = await ReferenceAndPhoneAsync(hyCase);

        await SignIn.ToAdminAsync(s.Page, Sites, "dispatcher.bhw@demo.ownerportal.cn");
        foreach (var queue in WorkQueues.All)
        {
            await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases?queue={queue}");
            var refs = await s.Page.GetByTestId("cases").Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.reference)");
            Assert.All(refs, r => Assert.StartsWith("BHW-", r));
            Assert.DoesNotContain("华苑新城", await s.Page.GetByTestId("cases").InnerTextAsync());
        }
        foreach (var term in new[] { hyReference, hyPhone })
        {
            await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases?q={Uri.EscapeDataString(term)}");
            await Expect(s.Page.GetByTestId("search-note")).ToBeVisibleAsync();
            Assert.DoesNotContain(hyReference, await s.Page.GetByTestId("cases").InnerTextAsync());
        }
        // The unit lookup answers with BHW units only, even when asked for HY's estate.
        var response = await s.Page.Context.APIRequest.GetAsync($"{Sites.Admin.BaseUrl}/Cases/Intake?handler=Units&q=1-1-10&EstateId={hy}");
        Assert.Equal(200, response.Status);
        var ids = JsonDocument.Parse(await response.TextAsync()).RootElement.EnumerateArray().Select(u => u.GetProperty("id").GetInt32()).ToList();
        Assert.NotEmpty(ids);
        await using (var db = Db())
            Assert.All(await db.Units.Where(u => ids.Contains(u.Id)).Select(u => u.EstateId).ToListAsync(), e => Assert.Equal(bhw, e));
    });

    [Fact]
    public Task Company_level_staff_choose_the_estate_first_and_then_look_up_its_units() => RunAsync(async s =>
    {
        var bhw = await EstateAsync("BHW");
        await SignIn.ToAdminAsync(s.Page, Sites, "admin@demo.ownerportal.cn");
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Cases/Intake");
        var choose = s.Page.GetByTestId("choose-estate");
        await choose.Locator("select").SelectOptionAsync(bhw.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await choose.Locator("button[type=submit]").ClickAsync();
        await Expect(s.Page.GetByTestId("intake-estate")).ToContainTextAsync("碧海湾花园");
        await s.Page.Locator("#Input_UnitNumber").PressSequentiallyAsync("1-1-10", new() { Delay = 40 });
        await Expect(s.Page.Locator("#unit-options option").First).ToBeAttachedAsync();
        var numbers = await s.Page.Locator("#unit-options option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        await using var db = Db();
        Assert.All(await db.Units.Where(u => numbers.Contains(u.Number) && u.EstateId == bhw).Select(u => u.Number).ToListAsync(), n => Assert.StartsWith("1-1-10", n));
        Assert.Equal(numbers.Length, await db.Units.CountAsync(u => numbers.Contains(u.Number) && u.EstateId == bhw));
        Assert.Empty(s.ConsoleErrors);
    });
}
