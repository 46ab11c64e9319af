using OwnerPortal.Portal.Display;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Web;
using OwnerPortal.Portal.AppShell;
using OwnerPortal.Portal.Benchmark;
using OwnerPortal.Portal.Identity;

var builder = WebApplication.CreateBuilder(args);
// The committed development secrets are public: never in Production.
DevelopmentSecrets.RefuseInProduction(builder.Environment, builder.Configuration);
// Serve the shared assets (Core's static web assets under /assets) from a build output in every environment, not only in
// Development: run.sh, the benches and the browser tests run the build, not a publish (no-op where the manifest is absent).
builder.WebHost.UseStaticWebAssets();
// With them, ASP.NET Core 10 turns on its hot-reload handler outside Development too (fingerprinted files answered
// no-cache, compressed on the fly, and a gzip body labelled br that browsers refuse): appsettings.json sets
// ReloadStaticAssetsAtRuntime to false, so the build's precompressed, immutable files are served (issue #17).

// Data, keys, languages, health and storage shared with the Admin.
builder.Services.AddOwnerPortalCore(builder.Configuration, applicationName: "OwnerPortal.Portal");
// Owner accounts, and the OpenID Connect provider the Admin signs staff in with.
await builder.AddPortalIdentityAsync();
builder.Services.AddAuthorizationBuilder().AddOwnerPortalPolicies();
builder.Services.AddRazorPages(o =>
{
    o.Conventions.AuthorizeFolder("/Account");
    foreach (var open in new[] { "Register", "RegisterConfirmation", "ConfirmEmail", "Login", "ForgotPassword", "ResetPassword", "AccessDenied", "ResendConfirmation" })
        o.Conventions.AllowAnonymousToPage("/Account/" + open);
})
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Strings)));

var app = builder.Build();

// Forwarded headers from the configured proxies first, then HSTS and https redirection (ProxySetup).
app.UseOwnerPortalProxy();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseOwnerPortalCore();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

app.MapOwnerPortalCore();
app.MapLargeText();
app.MapOidcEndpoints();
app.MapAppShell(); // manifest and service worker (installable Portal)
app.MapBareCaseList(); // only with Benchmark:BareEndpoint=true (bench/portal.sh)
app.MapBareCaseSubmit(); // only with Benchmark:BareEndpoint=true (bench/submit.sh)
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

app.Run();

namespace OwnerPortal.Portal
{
    /// <summary>Entry type for tests that host this site (the Admin has its own).</summary>
    public sealed class PortalEntry;
}
