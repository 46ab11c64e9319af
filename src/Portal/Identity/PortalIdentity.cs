using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Web;

namespace OwnerPortal.Portal.Identity;

/// <summary>
/// Owner accounts (ASP.NET Core Identity) and the company's OpenID Connect provider for staff (OpenIddict),
/// both on the same user table.
/// </summary>
public static class PortalIdentity
{
    public const string AuthRateLimit = "auth";
    /// <summary>How soon a password change or a sign-out elsewhere ends this browser's session.</summary>
    private static readonly TimeSpan StampInterval = TimeSpan.FromMinutes(5);

    public static async Task AddPortalIdentityAsync(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                AccountRules.Apply(o); // shared with the Admin, which creates staff accounts
                o.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<OwnerPortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>();
        services.AddScoped<AccountMail>();
        services.ConfigureApplicationCookie(o =>
        {
            SiteCookies.Apply(o.Cookie, config, "op.portal.auth");
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.SlidingExpiration = true;
            SessionLifetime.CheckStampWhenDue(o, StampInterval);
            // However often it slides (remember me): a new password sign-in after this long.
            SessionLifetime.Limit(o, config.GetValue("Auth:AbsoluteSession", TimeSpan.FromDays(30)));
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = StampInterval);

        // Failures and mail requests are counted per account in the pages (AuthThrottle); the middleware only keeps a
        // high per-address ceiling on form posts per page, 429 beyond it. Page views are never limited.
        services.Configure<AuthLimitOptions>(config.GetSection("RateLimits"));
        services.AddSingleton<AuthThrottle>();
        var perAddress = config.GetValue("RateLimits:AuthPerMinute", new AuthLimitOptions().AuthPerMinute);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimit, http => AuthThrottle.AddressPartition(http) is { } key
                ? RateLimitPartition.GetFixedWindowLimiter(key,
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });

        var (signing, encryption) = await ServerKeys.LoadOrCreateAsync(config.GetConnectionString("Default")!, TimeProvider.System);
        var requireHttps = config.GetValue("Oidc:RequireHttps", !builder.Environment.IsDevelopment());
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<OwnerPortalDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize")
                 .SetTokenEndpointUris("connect/token")
                 .SetEndSessionEndpointUris("connect/endsession");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                // S256 only: with "plain" the challenge is the verifier, so a stolen code could be redeemed (RFC 9700 2.1.1).
                o.Configure(server =>
                {
                    server.CodeChallengeMethods.Clear();
                    server.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
                });
                o.RegisterScopes(OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Email,
                    OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.Roles, StaffTokenClaims.EstateScope);
                o.AddSigningCertificate(signing).AddEncryptionCertificate(encryption);
                var aspnet = o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough();
                if (!requireHttps) aspnet.DisableTransportSecurityRequirement();
            });
        services.Configure<OidcClientsOptions>(config.GetSection("Oidc"));
        services.AddHostedService<OidcClientSync>();
    }
}

/// <summary>Adds the person (owner side) or the staff member's role and estate to the sign-in cookie.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options, OwnerPortalDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.FullName));
        var personId = await db.People.Where(p => p.UserId == user.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync();
        if (personId is { } pid) identity.AddClaim(new Claim(AppClaims.PersonId, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var staff = await db.Staff.Where(s => s.UserId == user.Id && s.IsActive).Select(s => new { s.Id, s.Role, s.EstateId }).FirstOrDefaultAsync();
        if (staff is not null)
        {
            identity.AddClaim(new Claim(AppClaims.StaffId, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(AppClaims.StaffRole, staff.Role.ToString()));
            if (staff.EstateId is { } e) identity.AddClaim(new Claim(AppClaims.EstateId, e.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return identity;
    }
}
