using Microsoft.Playwright;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>Issue #15, findings 2 (HTML injection through the dashboards' filters) and 10 (out-of-range input gave 500).</summary>
public class InputHardeningTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Injection = "2026-01\"><form action=https://evil.example/x><meta http-equiv=refresh content=\"0;url=https://evil.example\">";

    [Theory]
    [InlineData("/Dashboards/Company")]
    [InlineData("/Dashboards/Estate?EstateId=1")]
    public Task A_crafted_dashboard_filter_injects_no_markup_and_the_export_links_keep_only_parsed_values(string page) => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "quality@demo.ownerportal.cn");
        var query = $"Within=Custom&From={Uri.EscapeDataString(Injection)}&To={Uri.EscapeDataString(Injection)}";
        var url = $"{Sites.Admin.BaseUrl}{page}{(page.Contains('?') ? "&" : "?")}{query}";

        var html = await (await s.Page.Context.APIRequest.GetAsync(url)).TextAsync();
        Assert.DoesNotContain("<meta http-equiv", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("action=https://evil.example", html, StringComparison.OrdinalIgnoreCase);

        await s.Page.GotoAsync(url);
        await Expect(s.Page.GetByTestId("filter-error")).ToBeVisibleAsync(); // what did not parse is said, and dropped
        Assert.Equal(0, await s.Page.Locator("meta[http-equiv], form[action*='evil']").CountAsync());
        foreach (var format in new[] { "csv", "xlsx" })
        {
            var href = await s.Page.GetByTestId("export-" + format).GetAttributeAsync("href");
            Assert.DoesNotContain("evil", href);
            Assert.Contains("handler=Export", href);
            Assert.Contains("format=" + format, href);
        }

        // A well-formed custom range is kept in the export link.
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}{page}{(page.Contains('?') ? "&" : "?")}Within=Custom&From=2026-01&To=2026-03");
        var csv = await s.Page.GetByTestId("export-csv").GetAttributeAsync("href");
        Assert.Contains("From=2026-01", csv);
        Assert.Contains("To=2026-03", csv);
        var export = await s.Page.Context.APIRequest.GetAsync(Sites.Admin.BaseUrl + csv);
        Assert.Equal(200, export.Status);
    });

    /// <summary>The requests of finding 10, each once: a 400, a redirect or a page with a message; never a 500 or an error in the log.</summary>
    [Theory]
    [InlineData("Portal")]
    [InlineData("Admin")]
    public Task Out_of_range_input_is_refused_or_falls_back_without_a_server_error(string site) => RunAsync(async s =>
    {
        var (baseUrl, logs) = site == "Admin" ? (Sites.Admin.BaseUrl, Sites.Admin.Logs) : (Sites.Portal.BaseUrl, Sites.Portal.Logs);
        var failures = new List<string>();
        async Task CheckAsync(string url)
        {
            var before = logs.Lines.Count;
            var response = await s.Page.Context.APIRequest.GetAsync(baseUrl + url, new APIRequestContextOptions { MaxRedirects = 0 });
            if (response.Status >= 500) failures.Add($"{response.Status} {url}");
            if (logs.Lines.Skip(before).Any(l => l.StartsWith("Error ", StringComparison.Ordinal))) failures.Add($"error logged for {url}");
        }

        // Signed out: the language switcher's form, posted with a crafted return address. A path that browsers read as
        // another host goes home instead; an unknown language is the default one.
        await s.Page.GotoAsync(baseUrl + (site == "Admin" ? "/SignedOut" : "/Account/Login"));
        async Task<string?> PostCultureAsync(string c, string returnUrl)
        {
            var before = logs.Lines.Count;
            var response = await Switches.PostAsync(s.Page, "/culture", new() { ["c"] = c, ["returnUrl"] = returnUrl });
            if (response.Status >= 500) failures.Add($"{response.Status} POST /culture {returnUrl}");
            if (logs.Lines.Skip(before).Any(l => l.StartsWith("Error ", StringComparison.Ordinal))) failures.Add($"error logged for POST /culture {returnUrl}");
            return response.Headers.GetValueOrDefault("location");
        }
        Assert.Equal("/", await PostCultureAsync("en", "/\\evil"));
        Assert.Equal("/", await PostCultureAsync("en", "/\t/evil"));
        Assert.Equal("/", await PostCultureAsync("<script>", "//evil.example"));
        Assert.Equal("/Cases", await PostCultureAsync("en", "/Cases"));

        if (site == "Portal")
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
            await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
            await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
            await CheckAsync("/Notices?Before=-1");
            await CheckAsync("/Notices?Before=9223372036854775807");
        }
        else
        {
            await SignIn.ToAdminAsync(s.Page, Sites, "quality@demo.ownerportal.cn");
            foreach (var url in new[]
                     {
                         "/Dashboards/Company?Month=0001-01", "/Dashboards/Estate?EstateId=1&Month=0001-01",
                         "/Dashboards/Company?Within=Custom&From=0001-01&To=0001-01", "/Dashboards/Estate?EstateId=1&Within=Custom&From=0001-01&To=0001-12",
                         "/Dashboards/Cases?measure=Overdue&from=0001-01&to=0001-01", "/Dashboards/Cases?measure=Received&from=9999-12&to=9999-12",
                         "/Reports/Dispatcher?EstateId=1&Month=0001-01", "/Hotline/Report?Day=9999-12-31", "/Hotline/Report?handler=Csv&Day=0001-01-01",
                     })
                await CheckAsync(url);
            // The drill-down says what is wrong with the months.
            await s.Page.GotoAsync(baseUrl + "/Dashboards/Cases?measure=Overdue&from=0001-01&to=0001-01");
            await Expect(s.Page.GetByTestId("problem")).ToBeVisibleAsync();
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    });
}
