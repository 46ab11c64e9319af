using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace OwnerPortal.Core.Identity;

/// <summary>
/// An absolute limit on a sign-in session, whatever the sliding expiry renews: the time of the password sign-in is
/// kept in the cookie's properties (renewals and Identity's refreshes keep them) and a cookie older than the limit
/// is rejected.
/// </summary>
public static class SessionLifetime
{
    public const string StartedKey = "op.started";

    /// <summary>Adds the limit to a cookie scheme's events, around the handlers it already has.</summary>
    public static void Limit(CookieAuthenticationOptions options, TimeSpan absolute)
    {
        var signingIn = options.Events.OnSigningIn;
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnSigningIn = context =>
        {
            Start(context.Properties, Now(context.HttpContext));
            return signingIn(context);
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = Now(context.HttpContext);
            if (IsOver(context.Properties, now, absolute))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
                return;
            }
            // A cookie from before this rule: its session counts from now.
            if (Start(context.Properties, now)) context.ShouldRenew = true;
            await validate(context);
        };
    }

    /// <summary>
    /// Runs Identity's security-stamp check only when it is due. Its validator is resolved from the request's services
    /// (UserManager, SignInManager and what they need) on every request just to find the interval not yet over; this
    /// makes the same comparison first (SecurityStampValidator: no issue time, or older than the interval).
    /// </summary>
    public static void CheckStampWhenDue(CookieAuthenticationOptions options, TimeSpan interval)
    {
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = context =>
            StampCheckDue(context.Properties.IssuedUtc, Now(context.HttpContext), interval) ? validate(context) : Task.CompletedTask;
    }

    public static bool StampCheckDue(DateTimeOffset? issued, DateTimeOffset now, TimeSpan interval) => issued is not { } at || now - at > interval;

    /// <summary>Records the start unless there is one; true when it was recorded now.</summary>
    public static bool Start(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items.TryAdd(StartedKey, now.ToString("O", CultureInfo.InvariantCulture));

    public static bool IsOver(AuthenticationProperties properties, DateTimeOffset now, TimeSpan absolute) =>
        properties.Items.TryGetValue(StartedKey, out var value)
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
        && now - started >= absolute;

    private static DateTimeOffset Now(Microsoft.AspNetCore.Http.HttpContext http) =>
        http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
