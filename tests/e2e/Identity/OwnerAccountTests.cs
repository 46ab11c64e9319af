using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Identity;

/// <summary>Owner accounts: register, confirm by e-mail, bind a unit with the printed code; lockout.</summary>
public class OwnerAccountTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task An_owner_registers_confirms_the_mail_binds_a_unit_with_a_code_and_sees_it() => RunAsync(async s =>
    {
        // The estate office printed a code for unit 1-1-101 of 翠竹园.
        string code; string unitNumber;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var unit = await db.Units.Where(u => db.Estates.Any(e => e.Id == u.EstateId && e.Code == "CZY")).OrderBy(u => u.Id).FirstAsync();
            unitNumber = unit.Number;
            var (entity, plain) = UnitBindings.NewCode(unit.Id, null, DateTimeOffset.UtcNow);
            db.BindingCodes.Add(entity);
            await db.SaveChangesAsync();
            code = UnitBindings.Display(plain);
        }
        var email = $"li.na.{Guid.NewGuid():N}@example.com";

        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Register");
        // A first try with a bad mobile number keeps what was typed.
        await s.Page.Locator("#Input_FullName").FillAsync("李娜");
        await s.Page.Locator("#Input_Email").FillAsync(email);
        await s.Page.Locator("#Input_Mobile").FillAsync("12345");
        await s.Page.Locator("#Input_Password").FillAsync("Secret2026");
        await s.Page.Locator("#Input_ConfirmPassword").FillAsync("Secret2026");
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("span[data-valmsg-for='Input.Mobile']")).ToContainTextAsync("11 位手机号码");
        await Expect(s.Page.Locator("#Input_FullName")).ToHaveValueAsync("李娜");
        await Expect(s.Page.Locator("#Input_Email")).ToHaveValueAsync(email);

        await s.Page.Locator("#Input_Mobile").FillAsync("13912345678");
        await s.Page.Locator("#Input_Password").FillAsync("Secret2026");
        await s.Page.Locator("#Input_ConfirmPassword").FillAsync("Secret2026");
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("请查收确认邮件");

        // Unconfirmed accounts cannot sign in yet.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, email, "Secret2026");
        await Expect(s.Page.Locator(".form-errors")).ToContainTextAsync("确认");

        // The confirmation mail arrives through the outbox and the real SMTP conversation.
        var mail = await Sites.Mail.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == email), TimeSpan.FromSeconds(20));
        var link = Regex.Match(mail.TextBody ?? "", @"http://\S+/Account/ConfirmEmail\S+").Value;
        Assert.False(string.IsNullOrEmpty(link), mail.TextBody);
        await s.Page.GotoAsync(link);
        await Expect(s.Page.GetByTestId("confirmed")).ToBeVisibleAsync();

        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, email, "Secret2026");
        await Expect(s.Page.GetByTestId("no-units")).ToBeVisibleAsync();

        // A wrong code is refused with the form kept; the printed code links the unit.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Bind");
        await s.Page.Locator("#Input_Code").FillAsync("AAAA-BBBB-CC");
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("span[data-valmsg-for='Input.Code']")).ToContainTextAsync("绑定码不正确");
        await s.Page.Locator("#Input_Code").FillAsync(code.ToLowerInvariant());
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        var unitRow = s.Page.GetByTestId("unit");
        await Expect(unitRow).ToHaveCountAsync(1);
        await Expect(unitRow).ToContainTextAsync($"翠竹园 {unitNumber}");
        await Expect(unitRow).ToContainTextAsync("当前");
        await ScreenshotAsync(s.Page, "portal-account-zh-1280");

        // The code works once only.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Bind");
        await s.Page.Locator("#Input_Code").FillAsync(code);
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("span[data-valmsg-for='Input.Code']")).ToContainTextAsync("已使用");
        Assert.Empty(s.ConsoleErrors);

        // Personal data never reaches the logs, though the sites logged this whole journey.
        var logs = Sites.Portal.Logs.Lines.Concat(Sites.Admin.Logs.Lines).ToList();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(logs, line => line.Contains("13912345678", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains("李娜", StringComparison.Ordinal));
    });

    [Fact]
    public Task Registering_in_an_English_browser_makes_English_the_mail_language() => RunAsync(async s =>
    {
        var email = $"lin.mei.{Guid.NewGuid():N}@example.com";
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Register");
        await s.Page.Locator("#Input_FullName").FillAsync("Lin Mei");
        await s.Page.Locator("#Input_Email").FillAsync(email);
        await s.Page.Locator("#Input_Mobile").FillAsync("13912345679");
        await s.Page.Locator("#Input_Password").FillAsync("Secret2026");
        await s.Page.Locator("#Input_ConfirmPassword").FillAsync("Secret2026");
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("h1")).Not.ToHaveTextAsync("请查收确认邮件");
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        Assert.Equal("en", await db.People.Where(p => p.Email == email).Select(p => p.Language).SingleAsync());
    }, locale: "en-US");

    [Fact]
    public Task An_owner_chooses_the_mail_language_on_the_account_page_and_the_language_switch_keeps_it() => RunAsync(async s =>
    {
        const string email = "owner2.czy@demo.ownerportal.cn";
        async Task<string> LanguageAsync()
        {
            await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
            return await db.People.Where(p => p.Email == email).Select(p => p.Language).SingleAsync();
        }
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, email, DemoDataGenerator.DemoPassword);
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await Expect(s.Page.GetByTestId("mail-language").Locator("input[value='zh-Hans']")).ToBeCheckedAsync();
        await s.Page.GetByTestId("mail-language").Locator("input[value='en']").CheckAsync();
        await s.Page.GetByTestId("mail-language").Locator("xpath=..").Locator("button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("html")).ToHaveAttributeAsync("lang", "en"); // the site follows the choice
        await Expect(s.Page.GetByTestId("mail-language").Locator("input[value='en']")).ToBeCheckedAsync();
        Assert.Equal("en", await LanguageAsync());

        // The language switch in the header is the same preference.
        await Switches.LanguageAsync(s.Page, "zh-Hans");
        await Expect(s.Page).ToHaveURLAsync(Sites.Portal.BaseUrl + "/Account");
        await Expect(s.Page.GetByTestId("mail-language").Locator("input[value='zh-Hans']")).ToBeCheckedAsync();
        Assert.Equal("zh-Hans", await LanguageAsync());
    });

    [Fact]
    public Task Five_wrong_passwords_lock_the_account() => RunAsync(async s =>
    {
        const string email = "owner2.bhw@demo.ownerportal.cn";
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        for (var i = 0; i < 5; i++)
        {
            await SignIn.FillAsync(s.Page, email, "wrong-password-1");
            await Expect(s.Page.Locator(".form-errors")).Not.ToBeEmptyAsync();
        }
        await Expect(s.Page.Locator(".form-errors")).ToContainTextAsync("锁定");
        // Even the right password is refused now.
        await SignIn.FillAsync(s.Page, email, DemoDataGenerator.DemoPassword);
        await Expect(s.Page.Locator(".form-errors")).ToContainTextAsync("锁定");
        await Expect(s.Page).ToHaveURLAsync(new Regex("/Account/Login"));
    });

    [Fact]
    public Task A_demo_owner_signs_in_sees_the_unit_and_works_on_a_phone() => RunAsync(async s =>
    {
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await Expect(s.Page.GetByTestId("unit")).ToHaveCountAsync(1);
        await Expect(s.Page.GetByTestId("unit")).ToContainTextAsync("华苑新城");
        Assert.True(await s.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        // The home page now leads with their flat and its office.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl);
        await Expect(s.Page.GetByTestId("my-unit")).ToContainTextAsync("我的房屋：华苑新城");
        await ScreenshotAsync(s.Page, "portal-home-owner-zh-375");
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await ScreenshotAsync(s.Page, "portal-account-zh-375");
        await Switches.Language(s.Page, "en").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("My account");
        await ScreenshotAsync(s.Page, "portal-account-en-375");
    }, width: 375);
}
