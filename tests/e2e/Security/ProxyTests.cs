using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OwnerPortal.Admin;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>
/// Issue #16: the sites behind a TLS-terminating proxy. The test plays the proxy: it connects from 127.0.0.1 and
/// sends X-Forwarded-For/-Proto/-Host, which the site believes only when Proxy:KnownProxies names that address.
/// </summary>
public class ProxyTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string PublicHost = "portal.example.com";

    private SiteFactory<PortalEntry> Portal(string? knownProxy, params (string Key, string Value)[] extra)
    {
        var settings = SitesFixture.PortalSettings(Sites.Admin.Port, authPerMinute: 2);
        settings["Oidc:RequireHttps"] = "true"; // as in production: the OIDC server refuses what it sees as http
        if (knownProxy is not null) settings["Proxy:KnownProxies:0"] = knownProxy;
        foreach (var (key, value) in extra) settings[key] = value;
        return new SiteFactory<PortalEntry>(Sites.ConnectionString, settings).Start();
    }

    [Fact]
    public async Task A_trusted_proxy_s_forwarded_address_is_the_rate_limit_key()
    {
        await using var portal = Portal("127.0.0.1");
        using var client = new ProxyClient(portal.BaseUrl);
        var token = await client.TokenAsync("/Account/Login");
        // Two owners behind the proxy: one running out of attempts does not lock out the other.
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(token, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.2")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        await using var portal = Portal("192.0.2.10"); // a proxy is configured, but this client is not it
        using var client = new ProxyClient(portal.BaseUrl);
        var token = await client.TokenAsync("/Account/Login");
        // Claiming another address per attempt does not buy a new budget.
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(token, "203.0.113.3")).StatusCode);

        // Nor does claiming https and another host change links, cookies or the OpenID Connect issuer.
        var challenge = await client.GetAsync("/Account", forwardedProto: "https");
        Assert.StartsWith($"{portal.BaseUrl}/Account/Login", challenge.Headers.Location!.ToString());
        using var fresh = new ProxyClient(portal.BaseUrl);
        var xsrf = Assert.Single(SetCookies(await fresh.GetAsync("/Account/Login", forwardedProto: "https")),
            c => c.StartsWith("op.portal.xsrf", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", xsrf, StringComparison.OrdinalIgnoreCase);
        // The server requires https and sees http: discovery is refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/.well-known/openid-configuration", forwardedProto: "https")).StatusCode);
    }

    [Fact]
    public async Task With_no_proxy_configured_nothing_forwarded_is_believed()
    {
        await using var portal = Portal(knownProxy: null);
        using var client = new ProxyClient(portal.BaseUrl);
        var token = await client.TokenAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(token, "203.0.113.2")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SignInAsync(token, "203.0.113.3")).StatusCode);
        var challenge = await client.GetAsync("/Account", forwardedProto: "https");
        Assert.StartsWith($"{portal.BaseUrl}/Account/Login", challenge.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_redirects_cookies_and_the_oidc_issuer_are_https_on_the_public_host()
    {
        // Cookies:Secure=false: the cookies are Secure exactly when the site sees the request as https.
        await using var portal = Portal("127.0.0.1");
        using var client = new ProxyClient(portal.BaseUrl);

        var challenge = await client.GetAsync("/Account", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith($"https://{PublicHost}/Account/Login?ReturnUrl=", challenge.Headers.Location!.ToString());

        var login = await client.GetAsync("/Account/Login", forwardedProto: "https");
        var xsrf = Assert.Single(SetCookies(login), c => c.StartsWith("op.portal.xsrf", StringComparison.Ordinal));
        Assert.Contains("; secure", xsrf, StringComparison.OrdinalIgnoreCase);

        var discovery = await client.GetAsync("/.well-known/openid-configuration", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        using var json = JsonDocument.Parse(await discovery.Content.ReadAsStringAsync());
        Assert.Equal($"https://{PublicHost}/", json.RootElement.GetProperty("issuer").GetString());
        Assert.Equal($"https://{PublicHost}/connect/authorize", json.RootElement.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"https://{PublicHost}/connect/token", json.RootElement.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task With_Proxy_Https_http_is_redirected_to_https_and_https_answers_carry_hsts()
    {
        await using var portal = Portal("127.0.0.1", ("Proxy:Https", "true"), ("Proxy:HttpsPort", "8443"));
        using var client = new ProxyClient(portal.BaseUrl);

        var http = await client.GetAsync("/Account/Login?x=1", forwardedProto: "http");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
        Assert.Equal($"https://{PublicHost}:8443/Account/Login?x=1", http.Headers.Location!.ToString());

        var https = await client.GetAsync("/Account/Login", forwardedProto: "https");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=31536000", https.Headers.GetValues("Strict-Transport-Security").Single());

        // The proxy's health checks reach the instance directly over http.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", forwardedProto: null)).StatusCode);
    }

    [Fact]
    public async Task An_owner_signed_in_through_one_portal_instance_is_signed_in_on_another()
    {
        // Two instances behind the proxy as run.sh --scaled runs them: __Host- Secure cookies, keys in the database.
        (string, string)[] scaled = [("Cookies:Secure", "true")];
        await using var first = Portal("127.0.0.1", scaled);
        await using var second = Portal("127.0.0.1", scaled);
        using var one = new ProxyClient(first.BaseUrl);
        var token = await one.TokenAsync("/Account/Login", forwardedProto: "https");
        var signedIn = await one.SignInAsync(token, "203.0.113.7", "owner1.hy@demo.ownerportal.cn", Core.Demo.DemoDataGenerator.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var auth = Assert.Single(SetCookies(signedIn), c => c.StartsWith("__Host-op.portal.auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", auth, StringComparison.OrdinalIgnoreCase);

        using var two = new ProxyClient(second.BaseUrl);
        two.Cookies["__Host-op.portal.auth"] = one.Cookies["__Host-op.portal.auth"];
        Assert.Equal(HttpStatusCode.OK, (await two.GetAsync("/Account", forwardedProto: "https")).StatusCode);
        // The same request without the cookie is sent to sign in: the 200 above is the cookie's doing.
        using var stranger = new ProxyClient(second.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/Account", forwardedProto: "https")).StatusCode);
        // On one machine both instances would also find keys in the same home folder: the ring must be the database's,
        // which instances on other machines share.
        await using var db = new Core.Data.OwnerPortalDbContext(OwnerPortal.Tests.TestDatabase.Options(Sites.ConnectionString));
        Assert.True(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.DataProtectionKeys));
    }

    [Fact]
    public Task A_staff_member_signed_in_through_one_admin_instance_is_signed_in_on_another() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await using var second = new SiteFactory<AdminEntry>(Sites.ConnectionString, SitesFixture.AdminSettings(Sites.Portal.Port)).Start();
        // The browser sends the first instance's cookie to the second (same host): no new trip to the Portal.
        await s.Page.GotoAsync(second.BaseUrl + "/");
        await Expect(s.Page).ToHaveURLAsync(new Regex($"^{Regex.Escape(second.BaseUrl)}/"));
        await Expect(s.Page.GetByTestId("sign-out")).ToBeVisibleAsync();
    });

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    /// <summary>
    /// Talks to a site as the proxy would: forwarded headers on every request, cookies kept by name (an HttpClient
    /// cookie jar would not send Secure cookies over the plain http between proxy and site), no redirects followed.
    /// </summary>
    private sealed class ProxyClient(string baseUrl) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        public Dictionary<string, string> Cookies { get; } = [];

        public Task<HttpResponseMessage> GetAsync(string path, string? forwardedProto, string forwardedFor = "203.0.113.9") =>
            SendAsync(new HttpRequestMessage(HttpMethod.Get, path), forwardedProto, forwardedFor);

        public async Task<string> TokenAsync(string path, string? forwardedProto = null)
        {
            var html = await (await GetAsync(path, forwardedProto)).Content.ReadAsStringAsync();
            var token = Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(token));
            return token;
        }

        /// <summary>A sign-in post (by default a wrong password for nobody) from <paramref name="forwardedFor"/>, over https.</summary>
        public Task<HttpResponseMessage> SignInAsync(string token, string forwardedFor, string? email = null, string password = "wrong-password-1") =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Input.Email"] = email ?? $"nobody.{Guid.NewGuid():N}@example.com",
                    ["Input.Password"] = password,
                    ["__RequestVerificationToken"] = token,
                }),
            }, "https", forwardedFor);

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? forwardedProto, string forwardedFor)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            if (forwardedProto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", forwardedProto);
                request.Headers.Add("X-Forwarded-Host", PublicHost);
            }
            if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await _http.SendAsync(request);
            foreach (var header in SetCookies(response))
            {
                var pair = header.Split(';')[0].Split('=', 2);
                Cookies[pair[0]] = pair[1];
            }
            return response;
        }

        public void Dispose() => _http.Dispose();
    }
}
