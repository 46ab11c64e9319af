using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>The Portal's sign-in form, as a user fills it in (also reached from the Admin through OpenID Connect).</summary>
public static class SignIn
{
    public static async Task FillAsync(IPage page, string email, string password)
    {
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("main form button[type=submit]").ClickAsync();
    }

    /// <summary>Opens the Admin, is sent to the Portal's sign-in page, signs in and lands back in the Admin.</summary>
    public static async Task ToAdminAsync(IPage page, SitesFixture sites, string email, string password = OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword)
    {
        await page.GotoAsync(sites.Admin.BaseUrl);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{sites.Portal.BaseUrl}/Account/Login"));
        await FillAsync(page, email, password);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{sites.Admin.BaseUrl}/"));
    }
}
