using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OwnerPortal.Core.Web;

/// <summary>The "Proxy" configuration section: the reverse proxies (TLS terminators, load balancers) in front of a site.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies whose X-Forwarded-For/-Proto/-Host are believed. Nobody else's are.</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Networks (CIDR, e.g. 10.0.0.0/24) of such proxies.</summary>
    public List<string> KnownNetworks { get; set; } = [];
    /// <summary>X-Forwarded-Host values accepted (empty: any the trusted proxy sends).</summary>
    public List<string> AllowedHosts { get; set; } = [];
    /// <summary>The public site is https only: http requests are redirected and responses carry HSTS.</summary>
    public bool Https { get; set; }
    /// <summary>The public https port for those redirects.</summary>
    public int HttpsPort { get; set; } = 443;
}

/// <summary>
/// Behind a TLS-terminating proxy: the client's address (rate limits, logs), scheme and host (redirects, Secure
/// cookies, the OpenID Connect issuer and redirect addresses) come from the X-Forwarded-* headers, but only when the
/// connection comes from a configured proxy. Anyone can send those headers, so with no proxy configured nothing is
/// believed (ASP.NET Core would otherwise trust loopback by default).
/// </summary>
public static class ProxySetup
{
    public static IServiceCollection AddOwnerPortalProxy(this IServiceCollection services, IConfiguration config)
    {
        var proxy = config.GetSection("Proxy").Get<ProxyOptions>() ?? new ProxyOptions();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
                o.KnownProxies.Add(IPAddress.TryParse(address, out var ip) ? ip
                    : throw new InvalidOperationException($"Proxy:KnownProxies: '{address}' is not an IP address."));
            foreach (var network in proxy.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var n) ? n
                    : throw new InvalidOperationException($"Proxy:KnownNetworks: '{network}' is not a network (e.g. 10.0.0.0/24)."));
            foreach (var host in proxy.AllowedHosts) o.AllowedHosts.Add(host);
            // One proxy hop (the load balancer): the rightmost X-Forwarded-For entry is the one it saw.
            o.ForwardLimit = 1;
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddHttpsRedirection(o => o.HttpsPort = proxy.HttpsPort);
        return services;
    }

    /// <summary>
    /// First in the pipeline, so everything after it sees the client's address and the public scheme and host. HSTS
    /// outside Development as before, and also when Proxy:Https says the public site is https; http is then redirected
    /// (health checks excepted: the proxy probes the instances directly over http).
    /// </summary>
    public static WebApplication UseOwnerPortalProxy(this WebApplication app)
    {
        // With both lists empty the middleware would believe everyone: then it is left out altogether.
        var proxy = app.Configuration.GetSection("Proxy").Get<ProxyOptions>() ?? new ProxyOptions();
        if (proxy.KnownProxies.Count > 0 || proxy.KnownNetworks.Count > 0) app.UseForwardedHeaders();
        if (proxy.Https || !app.Environment.IsDevelopment()) app.UseHsts();
        if (proxy.Https)
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/healthz"), branch => branch.UseHttpsRedirection());
        return app;
    }
}
