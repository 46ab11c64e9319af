using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace OwnerPortal.Core.Web;

/// <summary>
/// Cookies:Secure (default true) says the site is served over https and owns its host name: its cookies are then
/// Secure, Path=/, without Domain, and named with the <c>__Host-</c> prefix, so no other site on a sub-domain or
/// plain http can set or overwrite them. Browsers refuse <c>__Host-</c> cookies over plain http, so ./run.sh and the
/// tests set it to false.
/// </summary>
public static class SiteCookies
{
    public const string HostPrefix = "__Host-";

    public static bool OverHttps(IConfiguration config) => config.GetValue("Cookies:Secure", true);

    public static string Name(IConfiguration config, string name) => OverHttps(config) ? HostPrefix + name : name;

    public static void Apply(CookieBuilder cookie, IConfiguration config, string name)
    {
        cookie.Name = Name(config, name);
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.SecurePolicy = OverHttps(config) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}
