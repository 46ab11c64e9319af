using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Identity;

/// <summary>
/// Issue #15, findings 4 and 5: the account pages throttle failures per account and per page (not per spelling of
/// a path, not page views), and answer alike whether or not an account exists.
/// </summary>
public class AccountAbuseTests(SitesFixture sites) : BrowserTest(sites)
{
    private static string Nobody() => $"nobody.{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Opening_the_sign_in_page_never_runs_out()
    {
        await using var portal = new SiteFactory<PortalEntry>(Sites.ConnectionString,
            SitesFixture.PortalSettings(Sites.Admin.Port, authPerMinute: 3)).Start();
        using var client = new FormClient(portal.BaseUrl);
        // A household or an office behind one address opens the page again and again without typing a password.
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Every_spelling_of_the_sign_in_page_shares_one_budget_per_address()
    {
        await using var portal = new SiteFactory<PortalEntry>(Sites.ConnectionString,
            SitesFixture.PortalSettings(Sites.Admin.Port, authPerMinute: 3)).Start();
        using var client = new FormClient(portal.BaseUrl);
        var token = await client.TokenAsync("/Account/Login");
        foreach (var path in new[] { "/account/login", "/ACCOUNT/LOGIN", "/Account/Login/" })
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(path, token, Nobody(), "wrong-password-1")).StatusCode);
        var refused = await client.SignInAsync("/Account/login", token, Nobody(), "wrong-password-1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("操作太频繁", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Failed_sign_ins_for_one_account_are_refused_from_any_path()
    {
        var settings = SitesFixture.PortalSettings(Sites.Admin.Port);
        settings["RateLimits:FailuresPerAccount"] = "3";
        await using var portal = new SiteFactory<PortalEntry>(Sites.ConnectionString, settings).Start();
        using var client = new FormClient(portal.BaseUrl);
        var token = await client.TokenAsync("/Account/Login");
        var target = Nobody();
        foreach (var (path, spelling) in new[] { ("/Account/Login", target), ("/account/login/", target.ToUpperInvariant()), ("/ACCOUNT/Login", " " + target) })
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(path, token, spelling, "wrong-password-1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync("/Account/LOGIN/", token, target, "wrong-password-1")).StatusCode);
        // Another account from the same address is still heard.
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("/Account/Login", token, Nobody(), "wrong-password-1")).StatusCode);
    }

    [Fact]
    public async Task Mails_to_one_address_are_limited_whatever_page_asks()
    {
        var settings = SitesFixture.PortalSettings(Sites.Admin.Port);
        settings["RateLimits:MailsPerAccount"] = "2";
        await using var portal = new SiteFactory<PortalEntry>(Sites.ConnectionString, settings).Start();
        using var client = new FormClient(portal.BaseUrl);
        var token = await client.TokenAsync("/Account/ForgotPassword");
        const string target = "owner1.bhw@demo.ownerportal.cn";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/Account/ForgotPassword", token, ("Email", target))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/account/forgotpassword/", token, ("Email", target.ToUpperInvariant()))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/Account/ResendConfirmation", token, ("Email", target))).StatusCode);
    }

    [Fact]
    public Task Registering_a_taken_address_answers_as_a_new_registration_and_tells_the_owner_by_mail() => RunAsync(async s =>
    {
        const string taken = "owner1.bhw@demo.ownerportal.cn";
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Register");
        await s.Page.Locator("#Input_FullName").FillAsync("冒名者");
        await s.Page.Locator("#Input_Email").FillAsync(taken);
        await s.Page.Locator("#Input_Mobile").FillAsync("13912345670");
        await s.Page.Locator("#Input_Password").FillAsync("Secret2026");
        await s.Page.Locator("#Input_ConfirmPassword").FillAsync("Secret2026");
        await s.Page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("请查收确认邮件");
        await Expect(s.Page).ToHaveURLAsync(new Regex("/Account/RegisterConfirmation"));

        var mail = await Sites.Mail.WaitForMessageAsync(m => m.To.Mailboxes.Any(x => x.Address == taken) && (m.Subject ?? "").Contains("尝试", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        Assert.Contains("/Account/Login", mail.TextBody ?? "", StringComparison.Ordinal);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == taken.ToUpperInvariant()));
        Assert.False(await db.People.AnyAsync(p => p.FullName == "冒名者"));
    });

    [Fact]
    public Task Wrong_password_lockout_deactivation_and_unconfirmed_address_get_one_answer() => RunAsync(async s =>
    {
        const string password = "Right2026x";
        async Task<string> NewAccountAsync(bool confirmed, DateTimeOffset? lockedUntil)
        {
            var email = $"enum.{Guid.NewGuid():N}@example.com";
            await using var scope = Sites.Portal.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = confirmed, FullName = "测试" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            if (lockedUntil is { } until) await users.SetLockoutEndDateAsync(user, until);
            return email;
        }
        var attempts = new (string Email, string Password)[]
        {
            (Nobody(), password),
            (await NewAccountAsync(confirmed: true, null), "wrong-password-1"),
            (await NewAccountAsync(confirmed: true, DateTimeOffset.UtcNow.AddHours(1)), password),
            (await NewAccountAsync(confirmed: true, AccountLock.Deactivated), password),
            (await NewAccountAsync(confirmed: false, null), password),
        };
        var answers = new List<string>();
        foreach (var (email, pw) in attempts)
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
            await SignIn.FillAsync(s.Page, email, pw);
            await Expect(s.Page.Locator(".form-errors")).Not.ToBeEmptyAsync();
            answers.Add(await s.Page.Locator(".form-errors").InnerTextAsync());
            // Whoever it is may ask for a new confirmation mail.
            await Expect(s.Page.GetByTestId("resend")).ToBeVisibleAsync();
        }
        Assert.Single(answers.Distinct());
    });
}

/// <summary>Posts the Portal's forms as a browser would, with the antiforgery cookie and token, following no redirect.</summary>
internal sealed class FormClient(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(baseUrl),
    };

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<string> TokenAsync(string path)
    {
        var html = await _http.GetStringAsync(path);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token));
        return token;
    }

    public Task<HttpResponseMessage> PostAsync(string path, string token, params (string Name, string Value)[] fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token))));

    public Task<HttpResponseMessage> SignInAsync(string path, string token, string email, string password) =>
        PostAsync(path, token, ("Input.Email", email), ("Input.Password", password));

    public void Dispose() => _http.Dispose();
}
