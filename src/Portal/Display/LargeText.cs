using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Web;

namespace OwnerPortal.Portal.Display;

/// <summary>
/// Large text and simple pages for older owners (issue #18 item 12). The choice is a person's (Person.LargeText), so it
/// follows them to every device; a cookie carries it for this browser, so pages need no query and the sign-in pages
/// honour it too. The layout reads the cookie; signing in brings the cookie and the saved choice together.
/// </summary>
public static class LargeText
{
    private const string CookieName = "op_large";

    public static bool IsOn(HttpContext http) =>
        http.Request.Cookies[SiteCookies.Name(http.RequestServices.GetRequiredService<IConfiguration>(), CookieName)] == "1";

    private static void Remember(HttpContext http, bool on)
    {
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        http.Response.Cookies.Append(SiteCookies.Name(config, CookieName), on ? "1" : "0",
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
                Secure = SiteCookies.OverHttps(config), Path = "/" });
    }

    /// <summary>
    /// At sign-in: on when the person saved it, or when someone turned it on in this browser before signing in (then it
    /// is saved for the person: they needed it to get this far).
    /// </summary>
    public static async Task OnSignedInAsync(HttpContext http, OwnerPortalDbContext db, string userId)
    {
        var saved = await db.People.Where(p => p.UserId == userId).Select(p => (bool?)p.LargeText).FirstOrDefaultAsync();
        if (saved is null) return; // a staff account: the Portal's owner pages are not theirs
        if (IsOn(http) && saved == false)
            await db.People.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LargeText, true));
        Remember(http, saved == true || IsOn(http));
    }

    /// <summary>
    /// POST /display/large-text (on=true|false, returnUrl, the anti-forgery token): the switch in the top bar and the form
    /// on the account page. A GET is 405 (<see cref="SwitchForms"/>).
    /// </summary>
    public static WebApplication MapLargeText(this WebApplication app)
    {
        app.MapSwitch("/display/large-text", (http, form) =>
            SetAsync(http, http.RequestServices.GetRequiredService<OwnerPortalDbContext>(), form["on"], form["returnUrl"]));
        return app;
    }

    private static async Task<IResult> SetAsync(HttpContext http, OwnerPortalDbContext db, string? onValue, string? returnUrl)
    {
        var on = string.Equals(onValue, "true", StringComparison.OrdinalIgnoreCase);
        Remember(http, on);
        if (http.User.PersonIdOf() is { } personId)
            await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LargeText, on));
        return SwitchForms.BackTo(returnUrl);
    }
}
