using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>Hosts a real site on a free Kestrel port for the browser, against the test database.</summary>
public sealed class SiteFactory<TEntry>(string connectionString) : WebApplicationFactory<TEntry> where TEntry : class
{
    public string BaseUrl { get; private set; } = "";

    public SiteFactory<TEntry> Start()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Storage:AttachmentsPath", Path.Combine(Path.GetTempPath(), "op-e2e-" + Guid.NewGuid().ToString("N")));
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // No background mail sender: a browser test that checks mail runs an SmtpTestServer and sends itself.
        builder.UseSetting("Mail:SenderEnabled", "false");
    }
}
