using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using OwnerPortal.Core.Web;

namespace OwnerPortal.UnitTests.Identity;

public class SiteCookiesTests
{
    private static IConfiguration Config(string? secure) =>
        new ConfigurationBuilder().AddInMemoryCollection(secure is null ? [] : [new("Cookies:Secure", secure)]).Build();

    [Fact]
    public void Over_https_cookies_are_host_only_secure_and_named_so()
    {
        var cookie = new CookieBuilder { Domain = "example.com", Path = "/x" };
        SiteCookies.Apply(cookie, Config(null), "op.portal.auth"); // https is the default
        Assert.Equal("__Host-op.portal.auth", cookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
        Assert.Equal("/", cookie.Path);
        Assert.Null(cookie.Domain);
    }

    [Fact]
    public void On_plain_http_cookies_keep_their_plain_names()
    {
        var cookie = new CookieBuilder();
        SiteCookies.Apply(cookie, Config("false"), "op.portal.auth");
        Assert.Equal("op.portal.auth", cookie.Name);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, cookie.SecurePolicy);
    }
}
