using System.Net;
using System.Text.RegularExpressions;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>
/// Issue #17 and ADR-008 (compression): static files are referenced by their fingerprinted address and answered
/// precompressed with a year's immutable cache; pages (which carry antiforgery tokens next to what the user typed) are
/// never compressed, whatever the browser accepts (BREACH).
/// </summary>
public class CompressionTests(SitesFixture sites) : BrowserTest(sites)
{
    // Raw answers: no automatic decompression, so Content-Encoding and the bytes are what the site sent.
    private static HttpClient Raw() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });

    private static async Task AssertFingerprintedAndCompressedAsync(string url, string encoding)
    {
        Assert.Matches(@"\.[a-z0-9]{10}\.(css|js|svg)$", new Uri(url).AbsolutePath);
        using var http = Raw();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        var cache = response.Headers.CacheControl!;
        Assert.True(cache.MaxAge >= TimeSpan.FromDays(365), $"{url}: {cache}");
        Assert.Contains("immutable", cache.ToString(), StringComparison.Ordinal);
        // Really compressed: fewer bytes than the same file asked for without compression.
        var compressed = (await response.Content.ReadAsByteArrayAsync()).Length;
        using var plain = await http.GetAsync(url);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.True(compressed < (await plain.Content.ReadAsByteArrayAsync()).Length / 2, $"{url}: {compressed} bytes compressed");
    }

    [Fact]
    public Task The_portal_references_its_stylesheet_fingerprinted_and_serves_it_compressed_and_immutable() => RunAsync(async s =>
    {
        var page = await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login?ReturnUrl=%2FCases");
        var css = await s.Page.Locator("link[rel=stylesheet]").First.EvaluateAsync<string>("l => l.href");
        await AssertFingerprintedAndCompressedAsync(css, "br");
        await AssertFingerprintedAndCompressedAsync(css, "gzip");
        // The page itself: sent as is, although the browser accepts br, gzip and more.
        Assert.Null(await page!.HeaderValueAsync("content-encoding"));
    });

    [Fact]
    public async Task Pages_with_an_antiforgery_token_and_reflected_input_are_not_compressed()
    {
        using var http = Raw();
        foreach (var url in new[] { Sites.Portal.BaseUrl + "/Account/Login?ReturnUrl=%2FCases%3Fq%3Dabc", Sites.Portal.BaseUrl + "/Account/Register" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip, deflate");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public Task The_admin_serves_its_scripts_and_plotly_fingerprinted_compressed_and_immutable_and_no_blazor_circuit() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        var page = await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Dashboards/Company");
        await Expect(s.Page.Locator("[data-testid=chart] .bar-chart").First).ToBeVisibleAsync();
        Assert.Null(await page!.HeaderValueAsync("content-encoding"));
        var scripts = await s.Page.Locator("script[src]").EvaluateAllAsync<string[]>("all => all.map(s => s.src)");
        // Plotly is not loaded with the page (charts are drawn on the server); its address waits for the PNG button.
        Assert.DoesNotContain(scripts, src => src.Contains("plotly", StringComparison.OrdinalIgnoreCase));
        var plotly = await s.Page.EvaluateAsync<string>("() => new URL(document.getElementById('plotly-src').content.querySelector('script').getAttribute('src'), location.href).href");
        Assert.Contains("/lib/plotly-basic-3.7.0.min.", plotly, StringComparison.Ordinal);
        // Figures come with the page: no Blazor script, no circuit.
        Assert.DoesNotContain(scripts, src => src.Contains("blazor", StringComparison.OrdinalIgnoreCase));
        foreach (var src in scripts.Append(plotly)) await AssertFingerprintedAndCompressedAsync(src, "br");
        await AssertFingerprintedAndCompressedAsync(await s.Page.Locator("link[rel=stylesheet]").First.EvaluateAsync<string>("l => l.href"), "br");
        Assert.Empty(s.ConsoleErrors);
    });
}
