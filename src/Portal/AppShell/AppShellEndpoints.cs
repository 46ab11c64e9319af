using System.Globalization;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Portal.AppShell;

/// <summary>
/// What makes the Portal installable (issue #18 item 15): the web app manifest in the reader's language and the service
/// worker, served from the site's root so its scope is the whole site (wwwroot/js/sw.js).
/// </summary>
public static class AppShellEndpoints
{
    public static WebApplication MapAppShell(this WebApplication app)
    {
        app.MapGet("/manifest.webmanifest", (IStringLocalizer<Strings> t) => Results.Json(new
        {
            name = t["Portal.Brand"].Value,
            short_name = t["Portal.Brand"].Value,
            description = t["Portal.Footer"].Value,
            lang = CultureInfo.CurrentUICulture.Name,
            start_url = "/",
            scope = "/",
            display = "standalone",
            background_color = "#ffffff",
            theme_color = "#0f6e5a",
            icons = new object[]
            {
                new { src = "/assets/icons/app-192.png", sizes = "192x192", type = "image/png", purpose = "any" },
                new { src = "/assets/icons/app-512.png", sizes = "512x512", type = "image/png", purpose = "any" },
                new { src = "/assets/icons/app-192-maskable.png", sizes = "192x192", type = "image/png", purpose = "maskable" },
                new { src = "/assets/icons/app-512-maskable.png", sizes = "512x512", type = "image/png", purpose = "maskable" },
            },
        }, contentType: "application/manifest+json")).AllowAnonymous();

        // The file is one of the shared assets (/assets/js/sw.js); a worker's scope is its own folder, so it is also
        // answered here, at the root, to control every page.
        var worker = app.Environment.WebRootFileProvider.GetFileInfo("assets/js/sw.js");
        app.MapGet("/sw.js", (HttpContext http) =>
        {
            if (!worker.Exists) return Results.NotFound();
            // Browsers check for a new worker on every visit; no cache may hold an old one.
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Stream(worker.CreateReadStream(), "text/javascript");
        }).AllowAnonymous();
        return app;
    }
}
