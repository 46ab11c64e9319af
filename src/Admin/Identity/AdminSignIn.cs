using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Web;

namespace OwnerPortal.Admin.Identity;

/// <summary>Oidc section: which OpenID Connect provider signs staff in, and the claim names it uses.</summary>
public sealed class AdminOidcOptions
{
    public string Authority { get; set; } = "http://127.0.0.1:5080";
    public string ClientId { get; set; } = "ownerportal-admin";
    public string ClientSecret { get; set; } = "";
    public bool RequireHttpsMetadata { get; set; } = true;
    public string RoleClaim { get; set; } = StaffTokenClaims.Role;
    public string EstateClaim { get; set; } = StaffTokenClaims.Estate;
    public string EmailClaim { get; set; } = "email";
    public List<string> Scopes { get; set; } = ["openid", "profile", "email", "roles", StaffTokenClaims.EstateScope];
}

/// <summary>Staff sign in through OpenID Connect (the Portal by default); every Admin page needs a staff member.</summary>
public static class AdminSignIn
{
    public static IServiceCollection AddAdminSignIn(this IServiceCollection services, IConfiguration config)
    {
        var oidc = config.GetSection("Oidc").Get<AdminOidcOptions>() ?? new AdminOidcOptions();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                SiteCookies.Apply(o.Cookie, config, "op.admin.auth"); // both sites may share a host name: keep the cookies apart
                o.AccessDeniedPath = "/AccessDenied";
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.Events.OnValidatePrincipal = RecheckStaffAsync;
                // However often it slides: back to the provider after this long.
                SessionLifetime.Limit(o, config.GetValue("Auth:AbsoluteSession", TimeSpan.FromHours(12)));
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                o.ResponseType = "code";
                // A redirect, not form_post: form_post needs an inline script the CSP rightly refuses.
                o.ResponseMode = "query";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.SaveTokens = true; // the id_token is the hint that ends the provider session at sign-out
                o.GetClaimsFromUserInfoEndpoint = false;
                o.TokenValidationParameters.NameClaimType = "name";
                o.TokenValidationParameters.RoleClaimType = oidc.RoleClaim;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
                o.CorrelationCookie.Name = "op.admin.correlation.";
                o.NonceCookie.Name = "op.admin.nonce.";
                o.Events.OnTokenValidated = context => MapStaffAsync(context, oidc);
                // Refused by the provider (not staff) or by MapStaffAsync: a page that says so, not an exception.
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/AccessDenied");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddOwnerPortalPolicies()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(AppClaims.StaffRole).Build());
        services.AddHttpContextAccessor();
        services.AddScoped<IEstateScope, StaffEstateScope>();
        return services;
    }


    /// <summary>
    /// A session follows its staff record within minutes instead of keeping what it signed in with until the cookie
    /// expires: deactivation or a new password ends it, a new role or estate re-scopes it (StaffSession).
    /// </summary>
    private static async Task RecheckStaffAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Properties.Items.TryGetValue("op.checked", out var last)
            && DateTimeOffset.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            && now - at < services.GetRequiredService<IConfiguration>().GetValue("Auth:RecheckStaffEvery", TimeSpan.FromMinutes(5)))
            return;
        var staffId = context.Principal!.StaffIdOf();
        await using var db = new OwnerPortalDbContext(services.GetRequiredService<DbContextOptions<OwnerPortalDbContext>>());
        var current = await db.Staff.AsNoTracking().Where(s => s.Id == staffId && s.IsActive)
            .Select(s => new StaffRecord(s.Role, s.EstateId, db.Users.Where(u => u.Id == s.UserId).Select(u => u.SecurityStamp).FirstOrDefault()))
            .FirstOrDefaultAsync();
        switch (StaffSession.Check(context.Principal!, current))
        {
            case StaffSessionVerdict.SignOut:
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return;
            case StaffSessionVerdict.Rescope:
                context.ReplacePrincipal(StaffSession.Rescope(context.Principal!, current!));
                break;
        }
        context.Properties.Items["op.checked"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>
    /// Turns the provider's claims into the app's: role and estate from the configured claim names, the staff record
    /// by e-mail. Someone the company has no active staff record for is refused.
    /// </summary>
    private static async Task MapStaffAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context, AdminOidcOptions oidc)
    {
        var principal = context.Principal!;
        var email = principal.FindFirstValue(oidc.EmailClaim);
        var options = context.HttpContext.RequestServices.GetRequiredService<DbContextOptions<OwnerPortalDbContext>>();
        await using var db = new OwnerPortalDbContext(options); // unscoped: nobody is signed in yet
        var staff = email is null ? null : await db.Staff.AsNoTracking()
            .Where(s => s.Email == email && s.IsActive)
            .Select(s => new { s.Id, Stamp = db.Users.Where(u => u.Id == s.UserId).Select(u => u.SecurityStamp).FirstOrDefault() })
            .FirstOrDefaultAsync();
        var role = Enum.TryParse<StaffRole>(principal.FindFirstValue(oidc.RoleClaim), out var r) ? r : (StaffRole?)null;
        if (staff is null || role is null)
        {
            context.Fail("Not an active staff member.");
            return;
        }
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(AppClaims.StaffId, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AppClaims.StaffRole, role.Value.ToString()));
        // A new password (new stamp) ends this session at the next re-check.
        if (staff.Stamp is not null) identity.AddClaim(new Claim(StaffSession.StampClaim, staff.Stamp));
        var estateCode = principal.FindFirstValue(oidc.EstateClaim);
        if (!string.IsNullOrEmpty(estateCode))
        {
            var estateId = await db.Estates.Where(e => e.Code == estateCode).Select(e => (int?)e.Id).FirstOrDefaultAsync();
            // An unknown estate code must not widen the view to every estate: -1 matches nothing.
            identity.AddClaim(new Claim(AppClaims.EstateId, (estateId ?? -1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}

/// <summary>The signed-in staff member's estate; company-level roles without an estate see all (SPEC 1).</summary>
public sealed class StaffEstateScope(IHttpContextAccessor http) : IEstateScope
{
    public bool IsRestricted
    {
        get
        {
            var user = http.HttpContext?.User;
            if (user is null) return true;
            return !(user.StaffRoleOf() is { } role && StaffPlacement.IsCompanyLevel(role) && user.EstateIdOf() is null);
        }
    }

    public int? EstateId => http.HttpContext?.User.EstateIdOf();
}
