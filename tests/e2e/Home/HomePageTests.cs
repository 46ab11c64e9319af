using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Home;

public class HomePageTests(SitesFixture sites) : BrowserTest(sites)
{
    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public Task Portal_home_shows_the_estate_offices_from_the_database_in_chinese_then_english(int width) => RunAsync(async s =>
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var estates = await db.Estates.OrderBy(e => e.Id).ToListAsync();

        await s.Page.GotoAsync(Sites.Portal.BaseUrl);
        await Expect(s.Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("有事找物业，在线就能办");
        var offices = s.Page.GetByTestId("office");
        await Expect(offices).ToHaveCountAsync(estates.Count);
        for (var i = 0; i < estates.Count; i++)
        {
            await Expect(offices.Nth(i)).ToContainTextAsync(estates[i].Name);
            await Expect(offices.Nth(i).Locator($"a[href='tel:{estates[i].OfficePhone}']")).ToBeVisibleAsync();
        }
        // Fully usable on a phone: nothing wider than the screen.
        Assert.True(await s.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ScreenshotAsync(s.Page, $"portal-home-zh-{width}");

        await Switches.Language(s.Page, "en").ClickAsync();
        await Expect(s.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("Your estate office, online");
        await Expect(offices.First).ToContainTextAsync(estates[0].Name);
        await ScreenshotAsync(s.Page, $"portal-home-en-{width}");

        // The choice sticks on the next visit, and switching back works.
        await s.Page.GotoAsync(Sites.Portal.BaseUrl);
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("Your estate office, online");
        await Switches.Language(s.Page, "zh-Hans").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("有事找物业，在线就能办");
        Assert.Empty(s.ConsoleErrors);
    }, width: width);

    [Fact]
    public Task Portal_picks_english_from_an_english_browser() => RunAsync(async s =>
    {
        await s.Page.GotoAsync(Sites.Portal.BaseUrl);
        await Expect(s.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(s.Page.Locator(".brand")).ToHaveTextAsync("Owner Portal");
    }, locale: "en-GB");

    [Fact]
    public Task Admin_home_lists_every_estate_with_its_units_and_open_cases() => RunAsync(async s =>
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var expected = await db.Estates.OrderBy(e => e.Id).Select(e => new
        {
            e.Name,
            Units = db.Units.Count(u => u.EstateId == e.Id),
            Open = db.Cases.Count(c => c.EstateId == e.Id && c.Status < CaseStatus.Verified),
        }).ToListAsync();

        await SignIn.ToAdminAsync(s.Page, Sites, "leader@demo.ownerportal.cn");
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("小区总览");
        var rows = s.Page.GetByTestId("estates").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            await Expect(rows.Nth(i)).ToContainTextAsync(expected[i].Name);
            await Expect(rows.Nth(i).GetByTestId("units")).ToHaveTextAsync(expected[i].Units.ToString("N0"));
            await Expect(rows.Nth(i).GetByTestId("open")).ToHaveTextAsync(expected[i].Open.ToString("N0"));
        }
        Assert.True(expected.All(e => e.Open > 0 && e.Units > 0));
        await ScreenshotAsync(s.Page, "admin-home-zh-1280");

        await Switches.Language(s.Page, "en").ClickAsync();
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("Estates");
        await Expect(s.Page.Locator("th").First).ToHaveTextAsync("Code");
        await ScreenshotAsync(s.Page, "admin-home-en-1280");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public async Task Both_sites_report_database_health()
    {
        using var http = new HttpClient();
        foreach (var site in new[] { Sites.Portal.BaseUrl, Sites.Admin.BaseUrl })
        {
            var response = await http.GetAsync(site + "/healthz");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
        // Pointed at a database that is not there, the check fails.
        var broken = new Npgsql.NpgsqlConnectionStringBuilder(Sites.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var down = new SiteFactory<OwnerPortal.Admin.AdminEntry>(broken).Start();
        var unhealthy = await http.GetAsync(down.BaseUrl + "/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
    }

    [Fact]
    public Task Unknown_pages_answer_404_with_a_friendly_page() => RunAsync(async s =>
    {
        var response = await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(s.Page.Locator("h1")).ToHaveTextAsync("页面不存在");
    });

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(Sites.Portal.BaseUrl + "/");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }
}
