using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OwnerPortal.Core.Web;

/// <summary>
/// The top bar's preference switches (language, large text) change what is saved for the person, so they are small
/// forms posted with the anti-forgery token, never links: a link or an &lt;img&gt; on another site cannot flip them.
/// A GET of a switch answers 405 (Allow: POST) and changes nothing. We chose 405 over a redirect that does nothing: a
/// silent no-op would look like a broken switch to whoever follows an old or forged link, while 405 says plainly that
/// switching is a form post.
/// </summary>
public static class SwitchForms
{
    /// <summary>
    /// POST <paramref name="pattern"/>: <paramref name="apply"/> runs with the posted form when its token is valid, else 400.
    /// Anyone may switch (anonymous visitors too). The GET is mapped on purpose, anonymous, to answer 405 itself:
    /// routing's own 405 would first meet the Admin's fallback policy and send a stranger to sign in.
    /// </summary>
    public static void MapSwitch(this IEndpointRouteBuilder app, string pattern, Func<HttpContext, IFormCollection, Task<IResult>> apply)
    {
        app.MapPost(pattern, async (HttpContext http) => await ReadValidFormAsync(http) is { } form ? await apply(http, form) : Results.BadRequest())
            .AllowAnonymous().DisableAntiforgery(); // checked in ReadValidFormAsync, answering 400 instead of throwing
        app.MapGet(pattern, (HttpContext http) =>
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }).AllowAnonymous();
    }

    /// <summary>
    /// The posted form when its anti-forgery token is valid; null for a missing or wrong token, a body that is not a
    /// form, or a malformed one (the caller answers 400, never 500).
    /// </summary>
    public static async Task<IFormCollection?> ReadValidFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType) return null;
        try
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http)) return null;
            return await http.Request.ReadFormAsync();
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return null; // a truncated or malformed body
        }
    }

    /// <summary>Where a switch returns: the page it was on, if that is a path on this site (<see cref="SiteSetup.IsLocalUrl"/>).</summary>
    public static IResult BackTo(string? returnUrl) => Results.LocalRedirect(SiteSetup.IsLocalUrl(returnUrl) ? returnUrl! : "/");
}
