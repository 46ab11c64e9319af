using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>The "Kpis" configuration section.</summary>
public sealed class KpiRollupOptions
{
    public bool RefreshEnabled { get; set; } = true;
    /// <summary>A change to a case shows on the dashboards within this time plus one pass (issue #9: 60 s).</summary>
    public TimeSpan RefreshEvery { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>Runs <see cref="KpiRollups.RefreshAsync"/> every <see cref="KpiRollupOptions.RefreshEvery"/> (in the Admin).</summary>
public sealed partial class KpiRollupService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<KpiRollupOptions> options, ILogger<KpiRollupService> logger,
    OwnerPortal.Core.Observability.OwnerPortalMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pass = metrics.Start("kpi-refresh");
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var started = clock.GetTimestamp();
                var passStart = clock.GetUtcNow();
                var estates = await scope.ServiceProvider.GetRequiredService<KpiRollups>().RefreshAsync(stoppingToken);
                metrics.RecordKpiRefresh(passStart); // changes before the pass started are in the cells now
                if (estates > 0)
                {
                    LogRefreshed(logger, estates, clock.GetElapsedTime(started).TotalMilliseconds);
                    await PrepareCompanyDashboardsAsync(scope.ServiceProvider, stoppingToken);
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException && !stoppingToken.IsCancellationRequested)
            {
                pass.Failed();
                LogFailed(logger, e); // the next pass tries again; dirty marks stay until a pass succeeds
            }
            pass.Dispose();
            try { await Task.Delay(options.Value.RefreshEvery, clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// The company's figures changed with the estates: computed for the filters read lately, here, rather than by the
    /// next reader (the company dashboard reads every estate). As a company-level reader: this pass has no user.
    /// </summary>
    private static async Task PrepareCompanyDashboardsAsync(IServiceProvider services, CancellationToken ct)
    {
        if (services.GetService<IMemoryCache>() is not { } cache) return;
        await using var db = new OwnerPortalDbContext(services.GetRequiredKeyedService<DbContextOptions<OwnerPortalDbContext>>(StaleReads.Key));
        await new DashboardData(db, cache).PrepareCompanyAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI cells of {Estates} estates recomputed in {Milliseconds:F0} ms")]
    private static partial void LogRefreshed(ILogger logger, int estates, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "KPI cell refresh failed")]
    private static partial void LogFailed(ILogger logger, Exception e);
}

public static class KpiRollupSetup
{
    /// <summary>The dashboards' cells kept current by this process (one site is enough: the Admin).</summary>
    public static IServiceCollection AddKpiRollupRefresher(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<KpiRollupOptions>(config.GetSection("Kpis"));
        if (config.GetSection("Kpis").Get<KpiRollupOptions>()?.RefreshEnabled != false)
            services.AddHostedService<KpiRollupService>();
        return services;
    }
}
