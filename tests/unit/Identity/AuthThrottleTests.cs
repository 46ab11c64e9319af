using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.UnitTests.Identity;

/// <summary>The one counting rule of the account pages (finding 4 of issue #15).</summary>
public class AuthThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    private AuthThrottle Throttle(int failures = 3, int mails = 2) => new(new MemoryCache(new MemoryCacheOptions()), _clock,
        Options.Create(new AuthLimitOptions { FailuresPerAccount = failures, MailsPerAccount = mails, AccountWindow = TimeSpan.FromMinutes(15) }));

    [Fact]
    public void Failures_are_counted_per_normalised_account_and_budget()
    {
        var throttle = Throttle(failures: 3);
        throttle.Spend(AuthBudget.FailedSignIn, "owner1@example.com");
        throttle.Spend(AuthBudget.FailedSignIn, " Owner1@Example.COM ");
        Assert.False(throttle.IsSpent(AuthBudget.FailedSignIn, "OWNER1@example.com"));
        throttle.Spend(AuthBudget.FailedSignIn, "owner1@EXAMPLE.com");
        Assert.True(throttle.IsSpent(AuthBudget.FailedSignIn, "owner1@example.com"));
        // Another account, or another budget of the same account, is untouched.
        Assert.False(throttle.IsSpent(AuthBudget.FailedSignIn, "owner2@example.com"));
        Assert.False(throttle.IsSpent(AuthBudget.FailedReset, "owner1@example.com"));
    }

    [Fact]
    public void A_spent_budget_comes_back_after_the_window()
    {
        var throttle = Throttle(failures: 1);
        throttle.Spend(AuthBudget.FailedSignIn, "a@example.com");
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.True(throttle.IsSpent(AuthBudget.FailedSignIn, "a@example.com"));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(throttle.IsSpent(AuthBudget.FailedSignIn, "a@example.com"));
    }

    [Fact]
    public void Mail_requests_share_one_budget_and_refuse_beyond_it()
    {
        var throttle = Throttle(mails: 2);
        Assert.True(throttle.TrySpend(AuthBudget.Mail, "a@example.com"));
        Assert.True(throttle.TrySpend(AuthBudget.Mail, "A@example.com"));
        Assert.False(throttle.TrySpend(AuthBudget.Mail, "a@example.com"));
        Assert.True(throttle.IsSpent(AuthBudget.Mail, "a@example.com"));
        Assert.True(throttle.TrySpend(AuthBudget.LinkRequest, "a@example.com"));
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/account/login")]
    [InlineData("/ACCOUNT/LOGIN")]
    [InlineData("/Account/Login/")]
    public void Posts_to_any_spelling_of_a_page_share_its_address_partition(string path)
    {
        var login = Post(path, "Account/Login", "10.0.0.1");
        Assert.Equal("10.0.0.1|ACCOUNT/LOGIN", AuthThrottle.AddressPartition(login));
        Assert.NotEqual(AuthThrottle.AddressPartition(login), AuthThrottle.AddressPartition(Post(path, "Account/Login", "10.0.0.2")));
        Assert.NotEqual(AuthThrottle.AddressPartition(login), AuthThrottle.AddressPartition(Post("/Account/Register", "Account/Register", "10.0.0.1")));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void Page_views_are_never_limited(string method)
    {
        var view = Post("/Account/Login", "Account/Login", "10.0.0.1");
        view.Request.Method = method;
        Assert.Null(AuthThrottle.AddressPartition(view));
    }

    private static DefaultHttpContext Post(string path, string route, string address)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = path;
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        http.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, EndpointMetadataCollection.Empty, route));
        return http;
    }
}
