using System.Net;
using System.Text.Json;
using OwnerPortal.Admin;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>Security issue #15: findings 7 (PKCE plain), 8 (logout CSRF), 11a (development secrets), 11b (no-store).</summary>
public class OidcAndCachingTests(SitesFixture sites) : BrowserTest(sites)
{
    private HttpClient NoRedirects() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        { BaseAddress = new Uri(Sites.Portal.BaseUrl) };

    [Fact]
    public async Task Discovery_offers_only_S256_and_an_authorize_request_with_plain_is_refused()
    {
        using var http = NoRedirects();
        using var discovery = JsonDocument.Parse(await http.GetStringAsync("/.well-known/openid-configuration"));
        var methods = discovery.RootElement.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString() ?? "").ToArray();
        Assert.Equal(new[] { "S256" }, methods);

        var redirect = $"http://127.0.0.1:{Sites.Admin.Port}/signin-oidc";
        var query = $"/connect/authorize?client_id=ownerportal-admin&response_type=code&scope=openid&state=s1&nonce=n1" +
                    $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={new string('a', 50)}&code_challenge_method=plain";
        using var response = await http.GetAsync(query);
        // Refused by the provider (an error to the client, or 400), not sent on to the sign-in page.
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || location.Contains("error=invalid_request", StringComparison.Ordinal),
            $"{(int)response.StatusCode} {location}");
        Assert.DoesNotContain("/Account/Login", location);
    }

    [Fact]
    public Task End_session_without_a_hint_asks_before_signing_the_owner_out() => RunAsync(async s =>
    {
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", Core.Demo.DemoDataGenerator.DemoPassword);
        await Expect(s.Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        // A link or image on any site: no sign-out, a question instead.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/connect/endsession");
        await Expect(s.Page.GetByTestId("confirm-sign-out")).ToBeVisibleAsync();
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");

        // The owner's own answer signs them out.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/connect/endsession");
        await s.Page.GetByTestId("confirm-sign-out").ClickAsync();
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account");
        await Expect(s.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
    });

    [Fact]
    public async Task A_confirmation_post_without_the_antiforgery_token_signs_nobody_out()
    {
        using var http = NoRedirects();
        using var response = await http.PostAsync("/connect/endsession", new FormUrlEncodedContent([new("confirm", "1")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public Task Pages_of_a_signed_in_user_are_not_stored_by_caches_but_static_files_are() => RunAsync(async s =>
    {
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", Core.Demo.DemoDataGenerator.DemoPassword);
        await Expect(s.Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        foreach (var path in new[] { "/", "/Account", "/Cases" })
        {
            var response = await s.Page.GotoAsync(Sites.Portal.BaseUrl + path);
            Assert.Contains("no-store", await response!.HeaderValueAsync("cache-control") ?? "", StringComparison.Ordinal);
        }
        var css = await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/assets/site.css");
        Assert.DoesNotContain("no-store", await css!.HeaderValueAsync("cache-control") ?? "", StringComparison.Ordinal);
    });

    [Fact]
    public Task Admin_pages_are_not_stored_by_caches() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        // A JSON lookup and a CSV export (pages with forms already say no-store through antiforgery).
        foreach (var path in new[] { "/Cases/Intake?handler=Units&q=1", "/Reports/Complaints?handler=Csv" })
        {
            var response = await s.Page.APIRequest.GetAsync(Sites.Admin.BaseUrl + path);
            Assert.Equal(200, response.Status);
            Assert.Contains("no-store", response.Headers.GetValueOrDefault("cache-control") ?? "", StringComparison.Ordinal);
        }
    });

    [Theory]
    [InlineData("portal")]
    [InlineData("admin")]
    public void A_site_refuses_to_start_in_production_with_a_committed_development_secret(string site)
    {
        // Only the environment differs from the suite's sites: the committed appsettings.json supplies the secret.
        var settings = new Dictionary<string, string?> { ["environment"] = "Production" };
        var e = Assert.ThrowsAny<Exception>(() =>
        {
            if (site == "portal") { using var f = new SiteFactory<PortalEntry>(Sites.ConnectionString, settings); _ = f.Services; }
            else { using var f = new SiteFactory<AdminEntry>(Sites.ConnectionString, settings); _ = f.Services; }
        });
        var message = Flatten(e);
        Assert.Contains("development", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ClientSecret", message, StringComparison.Ordinal);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
