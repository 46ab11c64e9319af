using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Identity;

/// <summary>Staff single sign-on: the Admin signs in through the Portal's OpenID Connect provider.</summary>
public class StaffSignInTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task An_estate_manager_signs_in_through_the_provider_and_sees_only_their_estate() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        var rows = s.Page.GetByTestId("estates").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("华苑新城");
        await Expect(s.Page.GetByTestId("who")).ToContainTextAsync("管理处负责人");

        // Signing out of the Admin ends the provider session too: the next visit asks for the password again.
        await s.Page.GetByTestId("sign-out").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Admin.BaseUrl}/SignedOut");
        await s.Page.GetByTestId("sign-in-again").ClickAsync();
        await Expect(s.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{Sites.Portal.BaseUrl}/Account/Login"));
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task Company_leadership_sees_every_estate() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await Expect(s.Page.GetByTestId("estates").Locator("tbody tr")).ToHaveCountAsync(3);
    });

    [Fact]
    public Task An_owner_account_cannot_enter_the_admin() => RunAsync(async s =>
    {
        await s.Page.GotoAsync(Sites.Admin.BaseUrl);
        await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", Core.Demo.DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Admin.BaseUrl}/AccessDenied");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("无权访问");
        Assert.DoesNotContain("华苑新城", await s.Page.ContentAsync());
    });

    [Fact]
    public Task A_new_staff_member_must_choose_a_password_at_first_sign_in() => RunAsync(async s =>
    {
        const string email = "new.dispatcher@demo.ownerportal.cn";
        await using (var scope = Sites.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "新调度", MustChangePassword = true };
            Assert.True((await users.CreateAsync(user, "Temp2026x")).Succeeded);
            var estate = await db.Estates.SingleAsync(e => e.Code == "CZY");
            db.Staff.Add(new Staff { FullName = "新调度", Email = email, Phone = "13800000000", Role = StaffRole.Dispatcher, EstateId = estate.Id, UserId = user.Id });
            await db.SaveChangesAsync();
        }

        await s.Page.GotoAsync(Sites.Admin.BaseUrl);
        await SignIn.FillAsync(s.Page, email, "Temp2026x");
        await Expect(s.Page.GetByTestId("must-change")).ToBeVisibleAsync();
        await s.Page.Locator("#Input_CurrentPassword").FillAsync("Temp2026x");
        await s.Page.Locator("#Input_NewPassword").FillAsync("Mine2026y");
        await s.Page.Locator("#Input_ConfirmPassword").FillAsync("Mine2026y");
        await s.Page.Locator("main form button[type=submit]").ClickAsync();

        await Expect(s.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{Sites.Admin.BaseUrl}/"));
        await Expect(s.Page.GetByTestId("estates").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(s.Page.GetByTestId("estates")).ToContainTextAsync("翠竹园");
        await using var check = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        Assert.False(await check.Users.Where(u => u.Email == email).Select(u => u.MustChangePassword).SingleAsync());
    });
}

public class StaffSessionTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task A_deactivated_staff_member_loses_the_session_they_already_have() => RunAsync(async s =>
    {
        // An Admin that re-checks the staff record on every request instead of every five minutes.
        var settings = SitesFixture.AdminSettings(Sites.Portal.Port);
        settings["Auth:RecheckStaffEvery"] = "00:00:00";
        await using var admin = new SiteFactory<OwnerPortal.Admin.AdminEntry>(Sites.ConnectionString, settings).Start();
        await s.Page.GotoAsync(Sites.Admin.BaseUrl);
        await SignIn.FillAsync(s.Page, "greening.bhw@demo.ownerportal.cn", Core.Demo.DemoDataGenerator.DemoPassword);
        await Expect(s.Page.GetByTestId("estates")).ToBeVisibleAsync();
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            await db.Staff.Where(x => x.Email == "greening.bhw@demo.ownerportal.cn").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false));
        try
        {
            var response = await s.Page.Context.APIRequest.GetAsync(admin.BaseUrl + "/", new() { MaxRedirects = 0 });
            Assert.Equal(302, response.Status); // back to the provider: the session is gone
            Assert.Contains("/connect/authorize", response.Headers["location"]);
        }
        finally
        {
            await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
            await db.Staff.Where(x => x.Email == "greening.bhw@demo.ownerportal.cn").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, true));
        }
    });
}
