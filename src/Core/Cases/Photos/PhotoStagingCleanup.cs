using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OwnerPortal.Core.Cases.Photos;

/// <summary>Removes abandoned staged photos once an hour. Harmless when both sites run it on the same folder.</summary>
public sealed partial class PhotoStagingCleanup(PhotoStaging staging, TimeProvider clock, ILogger<PhotoStagingCleanup> logger,
    OwnerPortal.Core.Observability.OwnerPortalMetrics metrics) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var pass = metrics.Start("photo-staging-cleanup");
            try
            {
                var removed = staging.CleanUp();
                if (removed > 0) LogRemoved(logger, removed);
            }
            catch (IOException e)
            {
                pass.Failed();
                LogFailed(logger, e); // a file in use or a full disk: the next pass tries again
            }
            pass.Dispose();
            try { await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} abandoned photo staging folders")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Photo staging clean-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class PhotoSetup
{
    /// <summary>Photo storage and staging; needs <see cref="Storage.AttachmentStore"/> and a <see cref="TimeProvider"/>.</summary>
    public static IServiceCollection AddOwnerPortalPhotos(this IServiceCollection services)
    {
        services.AddSingleton<PhotoStorage>();
        services.AddSingleton<PhotoStaging>();
        services.AddHostedService<PhotoStagingCleanup>();
        return services;
    }
}
