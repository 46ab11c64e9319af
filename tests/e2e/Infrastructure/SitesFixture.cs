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
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(Demo).LoadAsync(ConnectionString);
        Portal = new SiteFactory<PortalEntry>(ConnectionString).Start();
        Admin = new SiteFactory<AdminEntry>(ConnectionString).Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Portal.DisposeAsync();
        await Admin.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SitesCollection : ICollectionFixture<SitesFixture>
{
    public const string Name = "sites";
}
