using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OwnerPortal.Core.Cases.Photos;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;
using OwnerPortal.Core.Observability;
using OwnerPortal.Core.Storage;

namespace OwnerPortal.Core.Web;

/// <summary>What both sites set up the same way: data, keys, languages, health, shared assets, headers.</summary>
public static class SiteSetup
{
    public static readonly CultureInfo[] Cultures = OwnerPortal.Core.Localization.SiteCultures.All;
    public const string CultureCookie = "op.culture";

    public static IServiceCollection AddOwnerPortalCore(this IServiceCollection services, IConfiguration config, string applicationName)
    {
        var connectionString = config.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
        services.AddSingleton(TimeProvider.System);
        // Client address, scheme and host from the configured reverse proxies only (ProxySetup).
        services.AddOwnerPortalProxy(config);
        services.AddHttpContextAccessor();
        services.AddSingleton<ICurrentActorName, SignedInActor>();
        services.AddSingleton<AuditInterceptor>();
        // Outbox bodies are encrypted in the table (they carry reset and confirmation links): see OutboxBodyProtector.
        services.AddSingleton(_ => new OutboxBodyProtector(connectionString));
        services.AddSingleton<OutboxBodyInterceptor>();
        // The options are built once (their interceptors hold no per-request state): building them per request cost
        // about 4 % of an owner page's CPU (ADR-010). The context itself is per request.
        services.AddDbContext<OwnerPortalDbContext>((sp, options) =>
        {
            OwnerPortalDbContext.Configure(options, connectionString);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<OutboxBodyInterceptor>(),
                OutboxBodyMaterializer.Instance);
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);

        services.AddStaleReads(config, connectionString);

        // Keys in the database so every instance of a site reads the cookies the others wrote.
        services.AddDataProtection().SetApplicationName(applicationName).PersistKeysToDbContext<OwnerPortalDbContext>();

        services.Configure<StorageOptions>(config.GetSection("Storage"));
        services.AddSingleton<AttachmentStore>();
        services.AddScoped<OwnerPortal.Core.Cases.CaseMail>();
        services.AddScoped<OwnerPortal.Core.Notices.NoticeDesk>();
        services.AddScoped<OwnerPortal.Core.Reports.DispatcherSummary>();
        services.AddScoped<OwnerPortal.Core.WorkOrders.WorkOrderMail>();
        services.AddScoped<OwnerPortal.Core.Callbacks.CallbackService>();
        services.AddScoped<OwnerPortal.Core.Callbacks.WrittenCallbacks>();
        services.AddScoped<OwnerPortal.Core.Surveys.SurveyInvitations>();
        services.AddScoped<OwnerPortal.Core.Kpis.Rollups.KpiRollups>();
        services.AddScoped<OwnerPortal.Core.Kpis.Rollups.DashboardData>();
        services.AddMemoryCache();
        services.Configure<OwnerPortal.Core.Cases.EscalationOptions>(config.GetSection("Escalation"));
        if (config.GetSection("Escalation").Get<OwnerPortal.Core.Cases.EscalationOptions>()?.SweepEnabled != false)
            services.AddHostedService<OwnerPortal.Core.Cases.EscalationSweep>();
        services.AddOwnerPortalPhotos();
        services.AddOwnerPortalMail(config);

        // Write Chinese as characters, not &#x..; entities: pages are smaller and readable.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = SiteCookies.Name(config, CultureCookie) },
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        // The site's own cookies: __Host- names over https (SiteCookies), apart from the other site's on a shared host.
        var site = applicationName.Replace("OwnerPortal.", "op.", StringComparison.Ordinal).ToLowerInvariant();
        services.AddAntiforgery(o => SiteCookies.Apply(o.Cookie, config, site + ".xsrf"));
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => SiteCookies.Apply(o.Cookie, config, site + ".tempdata"));

        // Metrics, traces and the /healthz probes (Observability/Telemetry.cs).
        services.AddOwnerPortalObservability(config, applicationName);
        // Dates out of the calendar the system works in are refused where they are bound (CalendarRange); a yes/no
        // field that is neither reads as unset.
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new CalendarDateBinderProvider());
            o.ModelBinderProviders.Insert(0, new BooleanBinderProvider());
            o.Filters.Add<DatabaseUnavailableFilter>();
        });
        return services;
    }

    /// <summary>Security headers and languages. The shared stylesheet, logo, icons and scripts under /assets are Core's static
    /// web assets, which each site's MapStaticAssets serves (fingerprinted, precompressed, cached).</summary>
    public static WebApplication UseOwnerPortalCore(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
                "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
            // No form-action: sign-in forms end in redirects to the other site (OpenID Connect), which form-action would block.
            // Whatever a signed-in person sees (pages, exports, JSON lookups) is theirs: no shared or browser cache
            // keeps it. Decided when the response starts, after authentication has run further down the pipeline.
            context.Response.OnStarting(() =>
            {
                if (context.User.Identity?.IsAuthenticated == true && !IsStaticAsset(context))
                    context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
        app.UseRequestLocalization();
        return app;
    }

    /// <summary>
    /// A path on this site: "/..." but not "//host" or "/\host" (browsers read both as another host), no control
    /// characters. The rule Results.LocalRedirect enforces by throwing, checked first so a crafted link gets "/", not a 500.
    /// </summary>
    public static bool IsLocalUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);

    /// <summary>Package and site assets (MapStaticAssets) are the same for everyone and may be cached.</summary>
    private static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    /// <summary>
    /// POST /culture (the language switcher's form, <see cref="SwitchForms"/>): c and returnUrl in the body, with the
    /// anti-forgery token; a GET is 405. The /healthz probes come first in the pipeline (Observability/Telemetry.cs).
    /// </summary>
    public static WebApplication MapOwnerPortalCore(this WebApplication app)
    {
        app.MapSwitch("/culture", async (http, form) =>
        {
            var culture = Cultures.FirstOrDefault(x => x.Name == form["c"]) ?? Cultures[0];
            RememberCulture(http, culture);
            await SaveLanguageAsync(http, http.RequestServices.GetRequiredService<OwnerPortalDbContext>(), culture);
            return SwitchForms.BackTo(form["returnUrl"]);
        });
        return app;
    }

    /// <summary>The language this browser reads the site in, for a year.</summary>
    public static void RememberCulture(HttpContext http, CultureInfo culture)
    {
        var config = http.RequestServices.GetRequiredService<IConfiguration>();
        http.Response.Cookies.Append(SiteCookies.Name(config, CultureCookie),
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true,
                Secure = SiteCookies.OverHttps(config), Path = "/" });
    }

    /// <summary>
    /// A signed-in person's language choice is also the language of their mails (Person.Language for an owner,
    /// Staff.Language for staff): one preference, the language they read.
    /// </summary>
    public static async Task SaveLanguageAsync(HttpContext http, OwnerPortalDbContext db, CultureInfo culture)
    {
        var name = OwnerPortal.Core.Localization.SiteCultures.NameOf(culture);
        if (http.User.PersonIdOf() is { } personId)
            await db.People.Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Language, name));
        if (http.User.StaffIdOf() is { } staffId)
            await db.Staff.IgnoreQueryFilters().Where(s => s.Id == staffId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Language, name));
    }
}
