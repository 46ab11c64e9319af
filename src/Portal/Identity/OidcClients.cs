using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OwnerPortal.Core.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OwnerPortal.Portal.Identity;

public sealed class OidcClientsOptions
{
    public List<OidcClient> Clients { get; set; } = [];
}

public sealed class OidcClient
{
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
}

/// <summary>
/// Keeps the registered OpenID Connect clients (the Admin by default) equal to configuration, so a deployment
/// sets redirect addresses and secrets in one place. Idempotent; runs at start-up.
/// </summary>
public sealed class OidcClientSync(IServiceProvider services, IOptions<OidcClientsOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        // Several Portal instances start at once: one at a time, or two would both create the same client and one
        // would fail to start on the unique client id. The managers' stores use this scope's context, so its transaction.
        var db = scope.ServiceProvider.GetRequiredService<OwnerPortal.Core.Data.OwnerPortalDbContext>();
        // Under the retrying strategy: the whole sync runs again after a dropped connection (UnitOfWork).
        await db.InTransactionAsync(async transaction =>
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(727003)", cancellationToken);
            foreach (var client in options.Value.Clients)
            {
                var descriptor = new OpenIddictApplicationDescriptor
                {
                    ClientId = client.ClientId,
                    ClientSecret = client.ClientSecret,
                    DisplayName = client.DisplayName,
                    ClientType = ClientTypes.Confidential,
                    ConsentType = ConsentTypes.Implicit, // the company's own staff site: no consent screen
                    Permissions =
                    {
                        Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                        Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                        Permissions.Scopes.Email, Permissions.Scopes.Profile, Permissions.Scopes.Roles,
                        Permissions.Prefixes.Scope + StaffTokenClaims.EstateScope,
                    },
                    Requirements = { Requirements.Features.ProofKeyForCodeExchange },
                };
                foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
                foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));

                var existing = await manager.FindByClientIdAsync(client.ClientId, cancellationToken);
                if (existing is null) await manager.CreateAsync(descriptor, cancellationToken);
                else await manager.UpdateAsync(existing, descriptor, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
