using OwnerPortal.Core.Web;

var builder = WebApplication.CreateBuilder(args);

// Data, keys, languages, health and storage shared with the Portal.
builder.Services.AddOwnerPortalCore(builder.Configuration, applicationName: "OwnerPortal.Admin");
builder.Services.AddRazorPages().AddViewLocalization();
builder.Services.AddAuthorization();
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseOwnerPortalCore();
app.UseRouting();
app.UseAuthorization();

app.MapOwnerPortalCore();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();

app.Run();

namespace OwnerPortal.Admin
{
    /// <summary>Entry type for tests that host this site (the Portal has its own).</summary>
    public sealed class AdminEntry;
}
