using OwnerPortal.Admin.Identity;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Web;

var builder = WebApplication.CreateBuilder(args);
// The committed development secrets are public: never in Production.
DevelopmentSecrets.RefuseInProduction(builder.Environment, builder.Configuration);
// Serve the static web assets (Plotly's script, the shared /assets) from a build output in every environment, not only
// in Development: run.sh and the browser tests run the build, not a publish (no-op where the manifest is absent).
builder.WebHost.UseStaticWebAssets();
// With them, ASP.NET Core 10 turns on its hot-reload handler outside Development too (fingerprinted files answered
// no-cache, compressed on the fly, and a gzip body labelled br that browsers refuse): appsettings.json sets
// ReloadStaticAssetsAtRuntime to false, so the build's precompressed, immutable files are served (issue #17).

// Data, keys, languages, health and storage shared with the Portal.
builder.Services.AddOwnerPortalCore(builder.Configuration, applicationName: "OwnerPortal.Admin");
// Staff sign in with OpenID Connect; every page needs a staff member, scoped to their estate.
builder.Services.AddAdminSignIn(builder.Configuration);
// Administrators create staff accounts in the shared user table (no sign-in through it: that is the Portal's).
builder.Services.AddAdminAccounts();
// The dashboards read KPI cells that this site keeps current (Core/Kpis/Rollups).
builder.Services.AddKpiRollupRefresher(builder.Configuration);
builder.Services.AddRazorPages(o =>
    {
        o.Conventions.AllowAnonymousToPage("/Error");
        o.Conventions.AllowAnonymousToPage("/SignedOut");
        o.Conventions.AllowAnonymousToPage("/AccessDenied");
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
app.UseAuthentication();
app.UseAuthorization();

app.MapOwnerPortalCore();
// Static files are the same for everyone: the sign-in, signed-out and access-denied pages need the stylesheet too.
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages().WithStaticAssets();

app.Run();

namespace OwnerPortal.Admin
{
    /// <summary>Entry type for tests that host this site (the Portal has its own).</summary>
    public sealed class AdminEntry;
}
