using OwnerPortal.Admin.Identity;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Web;

var builder = WebApplication.CreateBuilder(args);
// The committed development secrets are public: never in Production.
DevelopmentSecrets.RefuseInProduction(builder.Environment, builder.Configuration);
// Serve the package assets (blazor.web.js, Plotly.Blazor's scripts) from a build output in every environment, not only
// in Development: run.sh and the browser tests run the build, not a publish (no-op where the manifest is absent).
builder.WebHost.UseStaticWebAssets();

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
// Interactive server components for the charts (Plotly.Blazor) that Razor Pages place with <component>.
// A dashboard starts 20-40 charts in one circuit: their descriptors arrive in one message, above SignalR's 32 KB default.
builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);

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
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapRazorComponents<OwnerPortal.Admin.Charts.ChartsRoot>().AddInteractiveServerRenderMode();

app.Run();

namespace OwnerPortal.Admin
{
    /// <summary>Entry type for tests that host this site (the Portal has its own).</summary>
    public sealed class AdminEntry;
}
