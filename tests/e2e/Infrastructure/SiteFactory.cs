using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>Hosts a real site on its own Kestrel port for the browser, against the test database.</summary>
public sealed class SiteFactory<TEntry>(string connectionString, IDictionary<string, string?>? settings = null, int? port = null)
    : WebApplicationFactory<TEntry> where TEntry : class
{
    public int Port { get; } = port ?? FreePort();
    /// <summary>Everything the site logged, for the personal-data checks.</summary>
    public LogCapture Logs { get; } = new();
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public SiteFactory<TEntry> Start()
    {
        UseKestrel(Port);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Storage:AttachmentsPath", Path.Combine(Path.GetTempPath(), "op-e2e-" + Guid.NewGuid().ToString("N")));
        // No mail sender unless a test points the site at its SmtpTestServer (SitesFixture does for the Portal).
        builder.UseSetting("Mail:SenderEnabled", "false");
        // Plain http: no __Host- cookies (a test may turn it on to check the names).
        builder.UseSetting("Cookies:Secure", "false");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) builder.UseSetting(key, value);
    }

    /// <summary>A port nobody listens on now; the two sites must know each other's address before they start.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
