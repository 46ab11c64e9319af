using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>
/// Issue #15: every GET handler of both sites, found from the running apps' page descriptors (a new page is covered
/// without touching this test), gets a hostile value in each route value, handler parameter and bound query property,
/// one at a time, as an owner (Portal) and as company-level and estate-level staff (Admin). None may answer 500, log an
/// error, or send the markup back unencoded in HTML.
/// </summary>
public class HostileInputTests(SitesFixture sites) : BrowserTest(sites)
{
    internal const string Markup = "\"><svg onload=alert(1)>";
    internal static readonly string[] HostileValues =
        [Markup, "../../etc/passwd", "/\\evil", "99999999999999999999", "-1", "0001-01", "9999-12-31", "NoSuchValue"];

    /// <summary>
    /// Query values that switch a page into a mode with more inputs (a custom range, a measure to list): each hostile
    /// value is also sent on top of these, so it reaches the code behind the switch.
    /// </summary>
    private static readonly Dictionary<string, string> Modes = new()
    {
        ["/Dashboards/Estate"] = "Within=Custom&EstateId=1&From=2026-01&To=2026-03",
        ["/Dashboards/Company"] = "Within=Custom&From=2026-01&To=2026-03",
        ["/Dashboards/Cases"] = "measure=Overdue&from=2026-01&to=2026-03",
    };

    public static TheoryData<string, string> Personas => new()
    {
        { "Portal", "owner1.hy@demo.ownerportal.cn" },
        { "Admin", "quality@demo.ownerportal.cn" },  // company level
        { "Admin", "admin@demo.ownerportal.cn" },    // company level: the system administrator's pages
        { "Admin", "manager.hy@demo.ownerportal.cn" }, // estate level
    };

    [Theory]
    [MemberData(nameof(Personas))]
    public Task No_page_handler_fails_or_reflects_markup_on_hostile_input(string site, string email) => RunAsync(async s =>
    {
        if (site == "Admin") await SignIn.ToAdminAsync(s.Page, Sites, email);
        else
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
            await SignIn.FillAsync(s.Page, email, DemoDataGenerator.DemoPassword);
            await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        }
        var (services, baseUrl, logs) = site == "Admin"
            ? (Sites.Admin.Services, Sites.Admin.BaseUrl, Sites.Admin.Logs)
            : (Sites.Portal.Services, Sites.Portal.BaseUrl, Sites.Portal.Logs);

        var failures = new List<string>();
        var requests = 0;
        foreach (var handler in await GetHandlersAsync(services))
            foreach (var (name, inRoute) in handler.Parameters)
                foreach (var value in HostileValues)
                foreach (var mode in Modes.TryGetValue(handler.Page, out var m) ? new[] { "", m } : [""])
                {
                    var url = baseUrl + handler.Url(inRoute ? (name, value) : null, inRoute ? null : (name, value), mode);
                    var logged = logs.Lines.Count;
                    var response = await s.Page.Context.APIRequest.GetAsync(url, new APIRequestContextOptions { MaxRedirects = 5 });
                    requests++;
                    var html = (response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal)
                        ? await response.TextAsync() : "";
                    if (response.Status >= 500) failures.Add($"{response.Status} {url}");
                    if (html.Contains("<svg onload", StringComparison.OrdinalIgnoreCase)) failures.Add($"markup reflected: {url}");
                    // Kestrel's "application never completed" is about the charts' long-lived connections of earlier pages, not this request.
                    foreach (var line in logs.Lines.Skip(logged).Where(l => (l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal))
                                                                          && !l.Contains("application never completed", StringComparison.Ordinal)))
                        failures.Add($"error logged for {url}: {line.Split('\n')[0]}");
                }
        Assert.True(requests > 100, $"only {requests} requests: the handlers were not found");
        Assert.True(failures.Count == 0, $"{site} as {email}, {failures.Count} of {requests} requests:\n" + string.Join('\n', failures.Distinct().Take(60)));
    });

    /// <summary>A GET handler of a page and the names it reads: route values (true) and query values (false).</summary>
    internal sealed record Handler(string Page, string Template, string? Name, IReadOnlyList<(string Name, bool InRoute)> Parameters, IReadOnlyDictionary<string, string> RouteDefaults)
    {
        /// <summary>The page's URL with one hostile value; other route values get a plausible id.</summary>
        public string Url((string Name, string Value)? route, (string Name, string Value)? query, string mode)
        {
            var path = "/" + string.Join('/', TemplateParser.Parse(Template).Segments.Select(segment => string.Concat(segment.Parts.Select(part =>
                !part.IsParameter ? part.Text
                : route is { } r && r.Name == part.Name ? Uri.EscapeDataString(r.Value)
                : RouteDefaults[part.Name!]))));
            var pairs = new List<string>();
            if (Name is not null) pairs.Add("handler=" + Uri.EscapeDataString(Name));
            if (query is { } q) pairs.Add(Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value));
            pairs.AddRange(mode.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(pair => query is not { } q2 || !pair.StartsWith(q2.Name + "=", StringComparison.OrdinalIgnoreCase)));
            return pairs.Count == 0 ? path : path + "?" + string.Join('&', pairs);
        }
    }

    /// <summary>Every handler of the site's pages for the method (GET by default), from its endpoints and the compiled page descriptors.</summary>
    internal static async Task<List<Handler>> GetHandlersAsync(IServiceProvider services, string httpMethod = "Get")
    {
        var loader = services.GetRequiredService<PageLoader>();
        var handlers = new List<Handler>();
        var seen = new HashSet<string>(); // a page has an endpoint per route (Index: "" and "Index")
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page) continue;
            var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
            var template = compiled.AttributeRouteInfo?.Template ?? page.ViewEnginePath.TrimStart('/');
            var routeParameters = TemplateParser.Parse(template).Parameters.ToList();
            var defaults = routeParameters.ToDictionary(p => p.Name!, p =>
                p.InlineConstraints.Any(c => c.Constraint.StartsWith("guid", StringComparison.Ordinal)) ? Guid.Empty.ToString() : "1");
            // Bound properties read on GET: [BindProperty(SupportsGet = true)] (or [BindProperties(SupportsGet = true)] on the class);
            // a post reads them all.
            var getProperties = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>()
                .Where(p => httpMethod != "Get" || (p.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet
                            ?? compiled.HandlerTypeInfo.GetCustomAttribute<BindPropertiesAttribute>()?.SupportsGet ?? false))
                .SelectMany(p => NamesOf(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo?.BindingSource))
                .ToList();
            foreach (var method in compiled.HandlerMethods.Where(h => h.HttpMethod == httpMethod && seen.Add(page.ViewEnginePath + "?" + h.Name)))
            {
                var parameters = method.Parameters
                    .Where(p => p.ParameterType != typeof(CancellationToken))
                    .SelectMany(p => NamesOf(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType, p.BindingInfo?.BindingSource))
                    .Concat(getProperties)
                    .Select(n => (n, routeParameters.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))))
                    .Concat(routeParameters.Select(r => (r.Name!, true)))
                    .DistinctBy(p => p.Item1.ToLowerInvariant())
                    .ToList();
                handlers.Add(new Handler(page.ViewEnginePath, template, method.Name, parameters, defaults));
            }
        }
        return handlers;
    }

    /// <summary>The request names a bound value is read from: itself, or the properties of a complex type (Input.Name).</summary>
    private static IEnumerable<string> NamesOf(string name, Type type, Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource? source)
    {
        if (source is not null && (source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Services || source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Special
                                   || source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.FormFile || source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Header))
            return [];
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsPrimitive || inner.IsEnum || inner == typeof(string) || inner == typeof(decimal) || inner == typeof(Guid)
            || inner == typeof(DateOnly) || inner == typeof(DateTime) || inner == typeof(DateTimeOffset) || inner == typeof(TimeOnly)
            || (inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(List<>)))
            return [name];
        return inner.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{name}.{p.Name}");
    }
}
