using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace OwnerPortal.Portal.Pages;

/// <summary>"Sign out?" for an end-session request that did not come with the signed-in person's id_token_hint.</summary>
public class SignOutModel : PageModel
{
    /// <summary>The client's end-session parameters (client_id, post_logout_redirect_uri, state), posted back as they came.</summary>
    public IReadOnlyList<KeyValuePair<string, StringValues>> Parameters { get; private set; } = [];

    public void OnGet() => Parameters = Request.Query.Where(p => p.Key != Identity.OidcEndpoints.ConfirmField).ToList();
}
