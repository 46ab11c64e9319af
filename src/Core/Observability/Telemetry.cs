using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Observability;

/// <summary>
/// Metrics, traces and health probes, the same for both sites.
/// <list type="bullet">
/// <item>Metrics:Port — the server also listens there (on Metrics:Address, default 127.0.0.1) and serves Prometheus text at
/// /metrics on that port only; the public port answers 404. Unset: no metrics are collected at all.</item>
/// <item>OpenTelemetry:OtlpEndpoint — traces (and metrics) are exported there over OTLP. Unset: no traces are collected.</item>
/// <item>/healthz/live (the process answers, no database), /healthz/ready and /healthz (the database answers), served
/// before anything else in the pipeline: anonymous, not rate-limited, never cached.</item>
/// </list>
/// Spans carry SQL text and paths, never values: Npgsql records the command text without its parameters, and the query
/// string is dropped from HTTP spans (a reset or confirmation link carries secrets there).
/// </summary>
public static class Telemetry
{
    private const string ReadyTag = "ready";
    /// <summary>A load balancer's check must get an answer before its own timeout, not after Npgsql's 15 s.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(3);

    public static IServiceCollection AddOwnerPortalObservability(this IServiceCollection services, IConfiguration config, string applicationName)
    {
        services.AddMetrics();
        services.TryAddSingleton<OwnerPortalMetrics>();

        services.AddHealthChecks().AddDbContextCheck<OwnerPortalDbContext>("database", tags: [ReadyTag]);
        services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var check in o.Registrations) check.Timeout = ReadyTimeout;
        });

        var metricsPort = MetricsPort(config);
        var otlp = config["OpenTelemetry:OtlpEndpoint"];
        services.AddTransient<IStartupFilter>(_ => new ProbeEndpoints(metricsPort));
        if (metricsPort is null && string.IsNullOrEmpty(otlp)) return services;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(applicationName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(OwnerPortalMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation();
            if (metricsPort is not null) metrics.AddPrometheusExporter();
            if (!string.IsNullOrEmpty(otlp)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
        });
        if (!string.IsNullOrEmpty(otlp))
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = context => !IsProbe(context.Request.Path);
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));

        if (metricsPort is int port)
        {
            var address = IPAddress.Parse(config["Metrics:Address"] is { Length: > 0 } a ? a : "127.0.0.1");
            services.AddHostedService(sp => new MetricsListener(sp.GetRequiredService<IServer>(), sp.GetRequiredService<IConfiguration>(),
                new IPEndPoint(address, port)));
        }
        return services;
    }

    private static int? MetricsPort(IConfiguration config)
    {
        var value = config["Metrics:Port"];
        if (string.IsNullOrWhiteSpace(value)) return null;
        return int.TryParse(value, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"Metrics:Port must be a port number, not '{value}'.");
    }

    /// <summary>
    /// Adds the metrics port to the addresses the server binds, before it starts. The web host fills that list from
    /// --urls / ASPNETCORE_URLS / HTTP_PORTS only while it is empty, so those are added here first, as it would.
    /// (Endpoints bound in code with Kestrel's Listen would take precedence over the list: the sites bind none.)
    /// </summary>
    private sealed class MetricsListener(IServer server, IConfiguration config, IPEndPoint endpoint) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken)
        {
            var feature = server.Features.Get<IServerAddressesFeature>();
            if (feature is null || feature.Addresses.IsReadOnly) return Task.CompletedTask;
            if (feature.Addresses.Count == 0)
            {
                foreach (var url in Split(config[WebHostDefaults.ServerUrlsKey])) feature.Addresses.Add(url);
                foreach (var p in Split(config[WebHostDefaults.HttpPortsKey])) feature.Addresses.Add($"http://*:{p}");
                foreach (var p in Split(config[WebHostDefaults.HttpsPortsKey])) feature.Addresses.Add($"https://*:{p}");
                feature.PreferHostingUrls = string.Equals(config[WebHostDefaults.PreferHostingUrlsKey], "true", StringComparison.OrdinalIgnoreCase);
                if (feature.Addresses.Count == 0) feature.Addresses.Add("http://localhost:5000"); // Kestrel's default
            }
            feature.Addresses.Add($"http://{(endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address)}:{endpoint.Port}");
            return Task.CompletedTask;
        }

        private static string[] Split(string? list) =>
            (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/metrics");

    /// <summary>Health and metrics in front of the site's own pipeline (no localisation, authentication or rate limits).</summary>
    private sealed class ProbeEndpoints(int? metricsPort) : IStartupFilter
    {
        private static readonly HealthCheckOptions Live = new() { Predicate = _ => false };
        private static readonly HealthCheckOptions Ready = new() { Predicate = check => check.Tags.Contains(ReadyTag) };

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseHealthChecks("/healthz/live", Live);
            app.UseHealthChecks("/healthz/ready", Ready);
            app.UseHealthChecks("/healthz", Ready); // what scripts have always checked
            if (metricsPort is int port)
            {
                // The metrics port serves metrics (and the probes above), nothing of the site.
                app.MapWhen(c => c.Connection.LocalPort == port, metrics =>
                {
                    metrics.UseOpenTelemetryPrometheusScrapingEndpoint("/metrics");
                    metrics.Run(c =>
                    {
                        c.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    });
                });
            }
            next(app);
        };
    }
}
