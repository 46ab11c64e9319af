using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The staff side of binding owners to units: printed letters with one-time codes, and link requests.</summary>
public class BindingTests(SitesFixture sites) : BrowserTest(sites), IAsyncLifetime
{
    private const string OwnerPassword = "Secret2026";
    private readonly List<IBrowserContext> _contexts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
    }

    [Fact]
    public Task A_dispatcher_prints_letters_and_an_owner_binds_with_the_printed_code() => RunAsync(async s =>
    {
        var page = s.Page;
        var (buildingId, officePhone) = await HyBuildingAsync("2");
        await SignIn.ToAdminAsync(page, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Binding/Codes");
        // An estate-level clerk has only their estate: no estate to choose, buildings straight away.
        await Expect(page.Locator("#estateId")).ToHaveCountAsync(0);
        await page.Locator("#buildingId").SelectOptionAsync(buildingId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("choose").Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("unit-row").First).ToBeVisibleAsync();

        // Printing with nothing ticked is refused.
        await page.GetByTestId("print-selected").ClickAsync();
        await Expect(page.GetByTestId("units-error")).ToContainTextAsync("请至少勾选一户");

        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Codes?buildingId={buildingId}");
        await page.Locator("tr[data-unit='2-1-101'] input[type=checkbox]").CheckAsync();
        await page.Locator("tr[data-unit='2-1-102'] input[type=checkbox]").CheckAsync();
        await ScreenshotAsync(page, "admin-binding-codes-zh-1280");
        await page.GetByTestId("print-selected").ClickAsync();

        var letters = page.GetByTestId("letter");
        await Expect(letters).ToHaveCountAsync(2);
        var letter = page.Locator("[data-testid=letter][data-unit='2-1-101']");
        await Expect(letter).ToContainTextAsync("华苑新城");
        await Expect(letter).ToContainTextAsync(Sites.Portal.BaseUrl);
        await Expect(letter).ToContainTextAsync(officePhone);
        await Expect(letter).ToContainTextAsync("我的账户");
        await Expect(letter).ToContainTextAsync("用绑定码关联房屋");
        var code = (await letter.GetByTestId("letter-code").InnerTextAsync()).Trim();
        Assert.Matches(@"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}$", code);
        Assert.Empty(s.ConsoleErrors);
        await ScreenshotAsync(page, "admin-binding-letters-zh-1280");

        // On paper: one A4 page per letter, without the site's navigation (the picture is A4 wide: 794 px).
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.SetViewportSizeAsync(794, 1123);
        await Expect(page.Locator(".sidebar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("letters-toolbar")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "admin-binding-letters-print");
        var pdf = await page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true,
            Path = Path.Combine(Artifacts, "screenshots", "admin-binding-letters.pdf") });
        Assert.Equal(2, Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page(?!s)").Count);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.SetViewportSizeAsync(1280, 900);

        // The owner follows the letter: register, confirm the e-mail, My account -> link a flat with the code.
        var email = $"zhao.lei.{Guid.NewGuid():N}@example.com";
        var owner = await NewPageAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Register");
        await owner.Locator("#Input_FullName").FillAsync("赵磊");
        await owner.Locator("#Input_Email").FillAsync(email);
        await owner.Locator("#Input_Mobile").FillAsync("13687654321");
        await owner.Locator("#Input_Password").FillAsync(OwnerPassword);
        await owner.Locator("#Input_ConfirmPassword").FillAsync(OwnerPassword);
        await owner.Locator("main form button[type=submit]").ClickAsync();
        var mail = await Sites.Mail.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == email), TimeSpan.FromSeconds(20));
        await owner.GotoAsync(Regex.Match(mail.TextBody ?? "", @"http://\S+/Account/ConfirmEmail\S+").Value);
        await Expect(owner.GetByTestId("confirmed")).ToBeVisibleAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(owner, email, OwnerPassword);
        await Expect(owner.GetByTestId("no-units")).ToBeVisibleAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Bind");
        await owner.Locator("#Input_Code").FillAsync(code);
        await owner.Locator("main form button[type=submit]").ClickAsync();
        await Expect(owner.GetByTestId("unit")).ToContainTextAsync("华苑新城 2-1-101");

        // The clerk sees who used the code; the other letter's code can be revoked (a lost letter).
        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Codes?buildingId={buildingId}");
        await page.Locator("tr[data-unit='2-1-101']").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("code-row").First.GetByTestId("code-state")).ToHaveTextAsync("已使用");
        await Expect(page.GetByTestId("code-row").First).ToContainTextAsync("赵磊");
        await Expect(page.GetByTestId("linked")).ToContainTextAsync("赵磊");
        await ScreenshotAsync(page, "admin-binding-unit-codes-zh-1280");

        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Codes?buildingId={buildingId}");
        await page.Locator("tr[data-unit='2-1-102']").GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("revoke").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("已作废");
        await Expect(page.GetByTestId("code-row").First.GetByTestId("code-state")).ToHaveTextAsync("已作废");
        await Expect(page.GetByTestId("revoke")).ToHaveCountAsync(0);

        // The same pages in English, and a letter printed in English.
        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Codes?buildingId={buildingId}");
        await Switches.Language(page, "en").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Binding codes and letters");
        await Expect(page.Locator("tr[data-unit='2-1-101']")).ToContainTextAsync("Used");
        await page.Locator("tr[data-unit='2-1-201'] input[type=checkbox]").CheckAsync();
        await ScreenshotAsync(page, "admin-binding-codes-en-1280");
        await page.GetByTestId("print-selected").ClickAsync();
        await Expect(letters).ToHaveCountAsync(1);
        await Expect(letters).ToContainTextAsync("Link your flat to the Owner Portal");
        await ScreenshotAsync(page, "admin-binding-letters-en-1280");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task Customer_service_approves_an_owners_link_request_and_the_owner_sees_the_unit() => RunAsync(async s =>
    {
        var (email, name) = await NewOwnerAsync("孙悦", "sun.yue", "13755556666");
        var unit = await FirstUnitAsync("HY", "3");

        var owner = await NewPageAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(owner, email, OwnerPassword);
        await Expect(owner.GetByTestId("no-units")).ToBeVisibleAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/RequestLink");
        await owner.Locator("#Input_EstateId").SelectOptionAsync(new SelectOptionValue { Label = "华苑新城" });
        await owner.Locator("#Input_UnitNumber").FillAsync(unit);
        await owner.Locator("input[name='Input.Relation'][value=CoOwner]").CheckAsync();
        await owner.Locator("#Input_Note").FillAsync("房产证上有我的名字");
        await owner.Locator("main form button[type=submit]").ClickAsync();
        await Expect(owner.GetByTestId("link-request")).ToContainTextAsync("待审核");

        var page = s.Page;
        await SignIn.ToAdminAsync(page, Sites, "service.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Binding/Requests");
        var row = page.GetByTestId("request").Filter(new LocatorFilterOptions { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("137****6666"); // masked in the list
        await Expect(row).Not.ToContainTextAsync("13755556666");
        await Expect(row).ToContainTextAsync(email);
        await Expect(row).ToContainTextAsync(unit);
        await Expect(row).ToContainTextAsync("共有人");
        await Expect(row).ToContainTextAsync("房产证上有我的名字");
        await Expect(row.GetByTestId("already-linked")).ToContainTextAsync("业主"); // the demo owner of the unit, for comparison
        await ScreenshotAsync(page, "admin-binding-requests-zh-1280");

        await row.GetByTestId("open").ClickAsync();
        await Expect(page.GetByTestId("person")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("already-linked")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "admin-binding-request-zh-1280");
        await Switches.Language(page, "en").ClickAsync();
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("Pending");
        await ScreenshotAsync(page, "admin-binding-request-en-1280");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Binding/Requests");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Link requests");
        await ScreenshotAsync(page, "admin-binding-requests-en-1280");
        await Switches.Language(page, "zh-Hans").ClickAsync();

        await page.GetByTestId("request").Filter(new LocatorFilterOptions { HasText = name }).GetByTestId("approve").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("已通过");
        await Expect(page.GetByTestId("request").Filter(new LocatorFilterOptions { HasText = name })).ToHaveCountAsync(0);

        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await Expect(owner.GetByTestId("unit")).ToContainTextAsync($"华苑新城 {unit}");
        await Expect(owner.GetByTestId("unit")).ToContainTextAsync("共有人");
        var mail = await Sites.Mail.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == email), TimeSpan.FromSeconds(20));
        Assert.Contains("已通过", mail.Subject);
        Assert.Contains(unit, mail.TextBody);
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task A_rejection_needs_a_reason_the_owner_then_reads_and_a_second_decision_is_refused() => RunAsync(async s =>
    {
        var (email, name) = await NewOwnerAsync("周琳", "zhou.lin", "13822223333");
        var id = await NewRequestAsync(email, "HY", "4");

        // Two clerks have the request open at once.
        var page = s.Page;
        await SignIn.ToAdminAsync(page, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Requests/{id}");
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Requests/{id}");

        await other.GetByTestId("reject").ClickAsync();
        await Expect(other.Locator("span[data-valmsg-for='Input.Reason']")).ToContainTextAsync("请填写不通过的原因");
        await other.Locator("#Input_Reason").FillAsync("申请人与产权登记不符，请携带房产证到物业服务中心办理。");
        await other.GetByTestId("reject").ClickAsync();
        await Expect(other.GetByTestId("status")).ToContainTextAsync("已驳回");

        // The first clerk's approval comes too late: it says so and changes nothing.
        await page.GetByTestId("approve").ClickAsync();
        await Expect(page.GetByTestId("already-decided")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("未通过");
        await Expect(page.GetByTestId("approve")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "admin-binding-request-decided-zh-1280");

        var owner = await NewPageAsync();
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(owner, email, OwnerPassword);
        await owner.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await Expect(owner.GetByTestId("no-units")).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("link-request")).ToContainTextAsync("未通过");
        await Expect(owner.GetByTestId("link-request")).ToContainTextAsync("申请人与产权登记不符");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task Staff_of_another_estate_get_404_for_its_requests_and_units() => RunAsync(async s =>
    {
        var (email, _) = await NewOwnerAsync("钱程", "qian.cheng", "13599990000");
        var id = await NewRequestAsync(email, "HY", "5");
        int unitId, buildingId;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            (unitId, buildingId) = await db.UnitLinkRequests.Where(r => r.Id == id)
                .Select(r => new ValueTuple<int, int>(r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.BuildingId).First())).SingleAsync();

        await SignIn.ToAdminAsync(s.Page, Sites, "dispatcher.bhw@demo.ownerportal.cn");
        Assert.Equal(404, (await s.Page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Requests/{id}"))!.Status);
        Assert.Equal(404, (await s.Page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Codes/Unit/{unitId}"))!.Status);
        Assert.Equal(404, (await s.Page.GotoAsync(Sites.Admin.BaseUrl + $"/Binding/Codes?buildingId={buildingId}"))!.Status);
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Binding/Requests");
        await Expect(s.Page.Locator($"[data-testid=request][data-id='{id}']")).ToHaveCountAsync(0);

        // Company-level staff choose the estate first.
        var admin = await NewPageAsync();
        await SignIn.ToAdminAsync(admin, Sites, "admin@demo.ownerportal.cn");
        await admin.GotoAsync(Sites.Admin.BaseUrl + "/Binding/Codes");
        await Expect(admin.Locator("#buildingId")).ToHaveCountAsync(0);
        await admin.Locator("#estateId").SelectOptionAsync(new SelectOptionValue { Label = "碧海湾花园" });
        await admin.GetByTestId("choose").Locator("button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#buildingId option")).Not.ToHaveCountAsync(1);
        await ScreenshotAsync(admin, "admin-binding-codes-company-zh-1280");
        // "All units" prints one letter per unit of the building.
        await admin.Locator("#buildingId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await admin.GetByTestId("choose").Locator("button[type=submit]").ClickAsync();
        var units = await admin.GetByTestId("unit-row").CountAsync();
        Assert.True(units > 0);
        await admin.GetByTestId("print-all").ClickAsync();
        await Expect(admin.GetByTestId("letter")).ToHaveCountAsync(units);
        await Expect(admin.GetByTestId("letter").First).ToContainTextAsync("碧海湾花园");
        await admin.GotoAsync(Sites.Admin.BaseUrl + "/Binding/Requests");
        await Expect(admin.Locator($"[data-testid=request][data-id='{id}']")).ToContainTextAsync("华苑新城");
    });

    /// <summary>A page in its own browser context (its own cookies), closed with the test's browser.</summary>
    private async Task<IPage> NewPageAsync()
    {
        var context = await Sites.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A confirmed owner account with no unit yet, as if registered and confirmed in the Portal.</summary>
    private async Task<(string Email, string Name)> NewOwnerAsync(string name, string login, string phone)
    {
        var email = $"{login}.{Guid.NewGuid().ToString("N")[..6]}@example.com";
        await using var scope = Sites.Portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, PhoneNumber = phone, FullName = name, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, OwnerPassword)).Succeeded);
        db.People.Add(new Person { FullName = name, Phone = phone, Email = email, UserId = user.Id });
        await db.SaveChangesAsync();
        return (email, name);
    }

    /// <summary>A pending request of the owner for the first unit of a building, as the Portal's form makes it.</summary>
    private async Task<int> NewRequestAsync(string email, string estate, string building)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var personId = await db.People.Where(p => p.Email == email).Select(p => p.Id).SingleAsync();
        var unitId = await db.Units.Where(u => db.Buildings.Any(b => b.Id == u.BuildingId && b.Name == building && db.Estates.Any(e => e.Id == b.EstateId && e.Code == estate)))
            .OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        var request = new UnitLinkRequest { PersonId = personId, UnitId = unitId, Relation = UnitRelation.Owner, Status = LinkRequestStatus.Pending, CreatedAt = DateTimeOffset.UtcNow };
        db.UnitLinkRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private async Task<string> FirstUnitAsync(string estate, string building)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        return await db.Units.Where(u => db.Buildings.Any(b => b.Id == u.BuildingId && b.Name == building && db.Estates.Any(e => e.Id == b.EstateId && e.Code == estate)))
            .OrderBy(u => u.Id).Select(u => u.Number).FirstAsync();
    }

    private async Task<(int BuildingId, string OfficePhone)> HyBuildingAsync(string name)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var estate = await db.Estates.SingleAsync(e => e.Code == "HY");
        return (await db.Buildings.Where(b => b.EstateId == estate.Id && b.Name == name).Select(b => b.Id).SingleAsync(), estate.OfficePhone);
    }
}
