using Microsoft.Playwright;
using OwnerPortal.Admin;
using OwnerPortal.Core.Demo;
using OwnerPortal.Portal;
using OwnerPortal.Tests;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>One demo database, both sites and one Chromium for the whole browser suite.</summary>
public sealed class SitesFixture : IAsyncLifetime
{
    public static readonly DemoScale Demo = new() { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) };

    public string ConnectionString { get; private set; } = "";
    public SiteFactory<PortalEntry> Portal { get; private set; } = null!;
    public SiteFactory<AdminEntry> Admin { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>Where the Portal's outbox sender delivers mail during the browser tests.</summary>
    public SmtpTestServer Mail { get; } = SmtpTestServer.StartNew();
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(Demo).LoadAsync(ConnectionString);
        // The dashboards' cells, as `ops rollups` computes them after a load (the Admin keeps them current after).
        await using (var db = new Core.Data.OwnerPortalDbContext(TestDatabase.Options(ConnectionString)))
            await new Core.Kpis.Rollups.KpiRollups(db, TimeProvider.System).RebuildAllAsync();
        var (portalPort, adminPort) = (SiteFactory<PortalEntry>.FreePort(), SiteFactory<AdminEntry>.FreePort());
        var portalSettings = PortalSettings(adminPort);
        portalSettings["Mail:SenderEnabled"] = "true";
        portalSettings["Mail:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        portalSettings["Mail:PollInterval"] = "00:00:00.300";
        Portal = new SiteFactory<PortalEntry>(ConnectionString, portalSettings, portalPort).Start();
        Admin = new SiteFactory<AdminEntry>(ConnectionString, AdminSettings(portalPort), adminPort).Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public const string AdminClientSecret = "e2e-admin-secret";

    /// <summary>The Portal as OpenID Connect provider, with the Admin on <paramref name="adminPort"/> as its client.</summary>
    public static Dictionary<string, string?> PortalSettings(int adminPort, int authPerMinute = 1000) => new()
    {
        ["Oidc:RequireHttps"] = "false",
        ["Oidc:Clients:0:ClientId"] = "ownerportal-admin",
        ["Oidc:Clients:0:ClientSecret"] = AdminClientSecret,
        ["Oidc:Clients:0:DisplayName"] = "Admin",
        ["Oidc:Clients:0:RedirectUris:0"] = $"http://127.0.0.1:{adminPort}/signin-oidc",
        ["Oidc:Clients:0:PostLogoutRedirectUris:0"] = $"http://127.0.0.1:{adminPort}/signout-callback-oidc",
        ["RateLimits:AuthPerMinute"] = authPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string?> AdminSettings(int portalPort) => new()
    {
        ["Oidc:Authority"] = $"http://127.0.0.1:{portalPort}",
        ["Oidc:ClientId"] = "ownerportal-admin",
        ["Oidc:ClientSecret"] = AdminClientSecret,
        ["Oidc:RequireHttpsMetadata"] = "false",
        ["PortalUrl"] = $"http://127.0.0.1:{portalPort}",
    };

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Portal.DisposeAsync();
        await Admin.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SitesCollection : ICollectionFixture<SitesFixture>
{
    public const string Name = "sites";
}
