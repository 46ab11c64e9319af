using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using OwnerPortal.Admin;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using OwnerPortal.Tests;

namespace OwnerPortal.E2ETests.Identity;

/// <summary>
/// Issue #15, finding 6: a staff session follows changes of role, estate and password within the re-check interval
/// (here zero, so the next request re-checks), both sites end sessions after an absolute lifetime, and over https the
/// sites' cookies carry the __Host- prefix.
/// </summary>
public class StaffSessionChangeTests(SitesFixture sites) : BrowserTest(sites)
{
    /// <summary>A second Admin on the same database and keys, reading the browser's Admin cookie.</summary>
    private SiteFactory<AdminEntry> Admin(params (string Key, string Value)[] extra)
    {
        var settings = SitesFixture.AdminSettings(Sites.Portal.Port);
        foreach (var (key, value) in extra) settings[key] = value;
        return new SiteFactory<AdminEntry>(Sites.ConnectionString, settings).Start();
    }

    private static Task<IAPIResponse> GetAsync(IPage page, string url) =>
        page.Context.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });

    private async Task UpdateStaffAsync(string email, StaffRole role, string estateCode)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var estate = await db.Estates.Where(e => e.Code == estateCode).Select(e => e.Id).SingleAsync();
        await db.Staff.Where(x => x.Email == email).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, role).SetProperty(x => x.EstateId, estate));
    }

    [Fact]
    public Task A_new_role_or_estate_rescopes_a_staff_session_at_the_next_check() => RunAsync(async s =>
    {
        const string email = "service.czy@demo.ownerportal.cn"; // a dispatcher of 翠竹园
        await using var admin = Admin(("Auth:RecheckStaffEvery", "00:00:00"));
        await SignIn.ToAdminAsync(s.Page, Sites, email);
        Assert.Equal(200, (await GetAsync(s.Page, admin.BaseUrl + "/Binding/Codes")).Status);
        try
        {
            // Moved to 华苑新城: the next page shows that estate, not the old one.
            await UpdateStaffAsync(email, StaffRole.Dispatcher, "HY");
            var home = await (await GetAsync(s.Page, admin.BaseUrl + "/")).TextAsync();
            Assert.Contains("华苑新城", home);
            Assert.DoesNotContain("翠竹园", home);
            // No longer a dispatcher: the estate office's pages are refused.
            await UpdateStaffAsync(email, StaffRole.DepartmentSupervisor, "HY");
            var codes = await GetAsync(s.Page, admin.BaseUrl + "/Binding/Codes");
            Assert.Equal(302, codes.Status);
            Assert.Contains("/AccessDenied", codes.Headers["location"]);
        }
        finally
        {
            await UpdateStaffAsync(email, StaffRole.Dispatcher, "CZY");
        }
    });

    [Fact]
    public Task A_new_password_ends_a_staff_session_at_the_next_check() => RunAsync(async s =>
    {
        const string email = "service.bhw@demo.ownerportal.cn";
        await using var admin = Admin(("Auth:RecheckStaffEvery", "00:00:00"));
        await SignIn.ToAdminAsync(s.Page, Sites, email);
        Assert.Equal(200, (await GetAsync(s.Page, admin.BaseUrl + "/")).Status);
        // What Identity does when the password changes (or is reset) anywhere.
        await using (var scope = Sites.Portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!)).Succeeded);
        }
        var response = await GetAsync(s.Page, admin.BaseUrl + "/");
        Assert.Equal(302, response.Status); // back to the provider: the session is gone
        Assert.Contains("/connect/authorize", response.Headers["location"]);
    });

    [Fact]
    public Task Both_sites_end_a_session_after_its_absolute_lifetime() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "service.hy@demo.ownerportal.cn");
        Assert.Equal(200, (await GetAsync(s.Page, Sites.Admin.BaseUrl + "/")).Status);
        Assert.Equal(200, (await GetAsync(s.Page, Sites.Portal.BaseUrl + "/Account/ChangePassword")).Status);
        // The same sessions, read by sites whose absolute lifetime is already over.
        await using var admin = Admin(("Auth:AbsoluteSession", "00:00:00"));
        var adminAnswer = await GetAsync(s.Page, admin.BaseUrl + "/");
        Assert.Equal(302, adminAnswer.Status);
        Assert.Contains("/connect/authorize", adminAnswer.Headers["location"]);
        var settings = SitesFixture.PortalSettings(Sites.Admin.Port);
        settings["Auth:AbsoluteSession"] = "00:00:00";
        await using var portal = new SiteFactory<PortalEntry>(Sites.ConnectionString, settings).Start();
        var portalAnswer = await GetAsync(s.Page, portal.BaseUrl + "/Account/ChangePassword");
        Assert.Equal(302, portalAnswer.Status);
        Assert.Contains("/Account/Login", portalAnswer.Headers["location"]);
    });

    [Fact]
    public async Task Over_https_the_sites_cookies_carry_the_host_prefix()
    {
        var portalSettings = SitesFixture.PortalSettings(Sites.Admin.Port);
        portalSettings["Cookies:Secure"] = "true";
        portalSettings["Proxy:KnownProxies:0"] = "127.0.0.1"; // the test speaks as the TLS proxy (X-Forwarded-Proto: https)
        await using var portal = new SiteFactory<PortalEntry>(Sites.ConnectionString, portalSettings).Start();
        await using var admin = Admin(("Cookies:Secure", "true"));

        string AuthCookie<T>(SiteFactory<T> site, string scheme) where T : class =>
            site.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme).Cookie.Name!;
        string AntiforgeryCookie<T>(SiteFactory<T> site) where T : class =>
            site.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name!;
        Assert.Equal("__Host-op.portal.auth", AuthCookie(portal, IdentityConstants.ApplicationScheme));
        Assert.Equal("__Host-op.admin.auth", AuthCookie(admin, CookieAuthenticationDefaults.AuthenticationScheme));
        Assert.Equal("__Host-op.portal.xsrf", AntiforgeryCookie(portal));
        Assert.Equal("__Host-op.admin.xsrf", AntiforgeryCookie(admin));

        // The language switch is a form posted with the anti-forgery token, whose cookie is Secure: page and post come
        // through the proxy, as https.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        var login = new HttpRequestMessage(HttpMethod.Get, portal.BaseUrl + "/Account/Login");
        login.Headers.Add("X-Forwarded-Proto", "https");
        var page = await http.SendAsync(login);
        var xsrf = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-op.portal.xsrf=", StringComparison.Ordinal)).Split(';')[0];
        var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, portal.BaseUrl + "/culture")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["c"] = "en", ["returnUrl"] = "/", ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("X-Forwarded-Proto", "https");
        post.Headers.Add("Cookie", xsrf);
        var culture = await http.SendAsync(post);
        Assert.Equal(302, (int)culture.StatusCode);
        var set = Assert.Single(culture.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-op.culture=", set, StringComparison.Ordinal);
        Assert.Matches(new Regex("; secure", RegexOptions.IgnoreCase), set);
        Assert.Matches(new Regex("; path=/(;|$)", RegexOptions.IgnoreCase), set);
        Assert.DoesNotMatch(new Regex("domain=", RegexOptions.IgnoreCase), set);
    }
}
