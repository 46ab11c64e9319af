using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OwnerPortal.Admin;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>
/// Both sites on a demo database of their own: hostile posts that happen to be accepted (a comment, a new record)
/// change nothing the rest of the browser suite reads.
/// </summary>
public sealed class HostilePostSites : IAsyncLifetime
{
    public SiteFactory<PortalEntry> Portal { get; private set; } = null!;
    public SiteFactory<AdminEntry> Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(SitesFixture.Demo).LoadAsync(cs);
        var (portalPort, adminPort) = (SiteFactory<PortalEntry>.FreePort(), SiteFactory<AdminEntry>.FreePort());
        var portal = SitesFixture.PortalSettings(adminPort);
        portal["Mail:SenderEnabled"] = "false";
        Portal = new SiteFactory<PortalEntry>(cs, portal, portalPort).Start();
        var admin = SitesFixture.AdminSettings(portalPort);
        admin["Mail:SenderEnabled"] = "false";
        Admin = new SiteFactory<AdminEntry>(cs, admin, adminPort).Start();
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Admin.DisposeAsync();
    }
}

/// <summary>
/// Issue #15: every POST handler of both sites, found from the page descriptors like <see cref="HostileInputTests"/>,
/// gets a hostile value in each route value, handler parameter and bound form field, one at a time, with a valid
/// antiforgery token, as an owner and as company-level and estate-level staff. None may answer 500, log an error, or
/// send the markup back unencoded.
/// </summary>
public class HostilePostTests(SitesFixture sites, HostilePostSites own) : BrowserTest(sites), IClassFixture<HostilePostSites>
{
    public static TheoryData<string, string> Personas => new()
    {
        { "Portal", "owner1.hy@demo.ownerportal.cn" },
        { "Admin", "admin@demo.ownerportal.cn" },      // company level
        { "Admin", "manager.hy@demo.ownerportal.cn" }, // estate level
    };

    /// <summary>Handlers that end the session the sweep runs in.</summary>
    private static bool EndsSession(string page) => Regex.IsMatch(page, "Logout|SignOut", RegexOptions.IgnoreCase);

    [Theory]
    [MemberData(nameof(Personas))]
    public Task No_post_handler_fails_or_reflects_markup_on_hostile_input(string site, string email) => RunAsync(async s =>
    {
        var page = s.Page;
        if (site == "Admin")
        {
            await page.GotoAsync(own.Admin.BaseUrl);
            await SignIn.FillAsync(page, email, DemoDataGenerator.DemoPassword);
            await Expect(page).ToHaveURLAsync(new Regex($"^{own.Admin.BaseUrl}/"));
        }
        else
        {
            await page.GotoAsync(own.Portal.BaseUrl + "/Account/Login");
            await SignIn.FillAsync(page, email, DemoDataGenerator.DemoPassword);
            await Expect(page).ToHaveURLAsync($"{own.Portal.BaseUrl}/Account");
        }
        var (services, baseUrl, logs, formPage) = site == "Admin"
            ? (own.Admin.Services, own.Admin.BaseUrl, own.Admin.Logs, "/")
            : (own.Portal.Services, own.Portal.BaseUrl, own.Portal.Logs, "/Cases/New");
        // The antiforgery token belongs to the signed-in user, not to one form.
        await page.GotoAsync(baseUrl + formPage);
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();

        var failures = new List<string>();
        var requests = 0;
        foreach (var handler in (await HostileInputTests.GetHandlersAsync(services, "Post")).Where(h => !EndsSession(h.Page)))
            foreach (var (name, inRoute) in handler.Parameters)
                foreach (var value in HostileInputTests.HostileValues)
                {
                    var url = baseUrl + handler.Url(inRoute ? (name, value) : null, null, "");
                    var form = page.APIRequest.CreateFormData();
                    form.Append("__RequestVerificationToken", token);
                    if (!inRoute) form.Append(name, value);
                    var logged = logs.Lines.Count;
                    var response = await page.APIRequest.PostAsync(url, new() { Form = form, MaxRedirects = 0 });
                    requests++;
                    var html = (response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal)
                        ? await response.TextAsync() : "";
                    if (response.Status >= 500) failures.Add($"{response.Status} POST {url} {name}={value}");
                    if (html.Contains("<svg onload", StringComparison.OrdinalIgnoreCase)) failures.Add($"markup reflected: POST {url} {name}");
                    foreach (var line in logs.Lines.Skip(logged).Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)))
                        failures.Add($"error logged for POST {url} {name}={value}: {line.Split('\n')[0]}");
                }
        Assert.True(requests > 100, $"only {requests} requests: the handlers were not found");
        Assert.True(failures.Count == 0, $"{site} as {email}, {failures.Count} of {requests} requests:\n" + string.Join('\n', failures.Distinct().Take(60)));
    });
}
