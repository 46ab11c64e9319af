using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Core.Data;

/// <summary>
/// Reads that may be a few seconds old: dashboards and their exports, published notices. A page asks for them by
/// name, <c>[FromKeyedServices(StaleReads.Key)] OwnerPortalDbContext db</c>, so what it reads from the standby is
/// visible where it is used. The same context type and model, so the same estate scope applies; no tracking, and it
/// must never save (a standby refuses writes). Everything a person just wrote (their cases, queues, the page after
/// a post) keeps using the plain context on the primary.
/// </summary>
public static class StaleReads
{
    public const string Key = "stale-reads";

    /// <summary>
    /// <c>ConnectionStrings:Reads</c>, e.g. both servers with <c>Target Session Attributes=prefer-standby</c>: Npgsql
    /// picks the standby and falls back to the primary while the standby is down. Unset: the primary (Default).
    /// </summary>
    public static IServiceCollection AddStaleReads(this IServiceCollection services, IConfiguration config, string defaultConnectionString)
    {
        var builder = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(builder, config.GetConnectionString("Reads") is { Length: > 0 } reads ? reads : defaultConnectionString);
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        var options = builder.Options;
        services.AddKeyedSingleton(Key, options); // for readers without a user (KpiRollupService prepares the company's figures)
        services.AddKeyedScoped<OwnerPortalDbContext>(Key, (sp, _) => new OwnerPortalDbContext(options, sp.GetService<IEstateScope>()));
        return services;
    }
}
