using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OwnerPortal.Portal.Identity;

/// <summary>The two OpenID Connect endpoints with our own logic; OpenIddict handles discovery, token and keys.</summary>
public static class OidcEndpoints
{
    public static void MapOidcEndpoints(this WebApplication app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize).DisableAntiforgery();
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], EndSession).DisableAntiforgery();
    }

    /// <summary>Signs a staff member in to a client: via the Portal's sign-in page, then a new password if required.</summary>
    private static async Task<IResult> Authorize(HttpContext http, UserManager<AppUser> users, OwnerPortalDbContext db)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var here = http.Request.PathBase + http.Request.Path + QueryString.Create(
            http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList());

        var cookie = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
            return Results.Challenge(new AuthenticationProperties { RedirectUri = here }, [IdentityConstants.ApplicationScheme]);

        var user = await users.GetUserAsync(cookie.Principal);
        var staff = user is null ? null : await db.Staff.AsNoTracking()
            .Where(s => s.UserId == user.Id && s.IsActive)
            .Select(s => new { s.Role, EstateCode = db.Estates.Where(e => e.Id == s.EstateId).Select(e => e.Code).FirstOrDefault() })
            .FirstOrDefaultAsync();
        if (user is null || staff is null)
            return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "This account is not a staff account.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        if (user.MustChangePassword)
            return Results.Redirect("/Account/ChangePassword?returnUrl=" + Uri.EscapeDataString(here));

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
                .SetClaim(Claims.Email, user.Email)
                .SetClaim(Claims.Name, user.FullName)
                .SetClaim(StaffTokenClaims.Role, staff.Role.ToString());
        if (staff.EstateCode is not null) identity.SetClaim(StaffTokenClaims.Estate, staff.EstateCode);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Signing out of a client ends the provider session too, then returns to the client. Only when the client proves
    /// the request is the signed-in person's (an id_token_hint for them, as the Admin sends) or the person confirms
    /// on our page (a POST with its antiforgery token): otherwise any site could sign people out with a link.
    /// </summary>
    private static async Task<IResult> EndSession(HttpContext http, SignInManager<AppUser> signIn, IAntiforgery antiforgery)
    {
        var confirmed = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType && http.Request.Form.ContainsKey(ConfirmField);
        if (confirmed && !await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var signedIn = (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal;
        if (!confirmed && signedIn is not null && !await HintIsForAsync(http, signedIn))
        {
            // Ask first; the page posts the same parameters back with "confirm" and its antiforgery token.
            var parameters = http.GetOpenIddictServerRequest()?.GetParameters()
                .Where(p => p.Key != Parameters.IdTokenHint)
                .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString())) ?? [];
            return Results.Redirect("/SignOut" + QueryString.Create(parameters));
        }
        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>The form field of the confirmation page (Pages/SignOut) that marks the person's own request.</summary>
    public const string ConfirmField = "confirm";

    /// <summary>OpenIddict has validated the id_token_hint, if any; it must also name the person signed in here.</summary>
    private static async Task<bool> HintIsForAsync(HttpContext http, ClaimsPrincipal signedIn)
    {
        if (string.IsNullOrEmpty(http.GetOpenIddictServerRequest()?.IdTokenHint)) return false;
        var hint = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var subject = hint?.GetClaim(Claims.Subject);
        return subject is not null && subject == signedIn.FindFirstValue(ClaimTypes.NameIdentifier);
    }
}
