using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OwnerPortal.Core.Web;

/// <summary>
/// The secrets and keys committed to the repository (appsettings*.json) for development and the demo. Anyone can read
/// them, so a production site configured with one of them is refused at start-up.
/// </summary>
public static class DevelopmentSecrets
{
    /// <summary>Every committed development value, whatever setting holds it (client secrets, SMTP passwords, keys).</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "dev-only-admin-secret-change-me", // Oidc:ClientSecret (Admin), Oidc:Clients:N:ClientSecret (Portal)
    };

    /// <summary>The configuration keys that hold a known development value.</summary>
    public static IReadOnlyList<string> FoundIn(IConfiguration config) =>
        config.AsEnumerable().Where(kv => kv.Value is { Length: > 0 } v && Known.Contains(v.Trim()))
            .Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>Throws in Production when a development secret is configured, naming the settings to replace.</summary>
    public static void RefuseInProduction(IHostEnvironment environment, IConfiguration config)
    {
        if (!environment.IsProduction()) return;
        var keys = FoundIn(config);
        if (keys.Count > 0)
            throw new InvalidOperationException(
                "Refusing to start in Production with a development secret from the committed appsettings: set your own value for "
                + string.Join(", ", keys) + " (environment variables or a secret store), or run with ASPNETCORE_ENVIRONMENT=Development.");
    }
}
