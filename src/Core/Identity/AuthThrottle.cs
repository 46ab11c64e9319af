using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace OwnerPortal.Core.Identity;

/// <summary>What the account pages count per target account (one budget each, whatever page or path asked).</summary>
public enum AuthBudget
{
    /// <summary>Wrong passwords, locked or unconfirmed accounts at sign-in.</summary>
    FailedSignIn,
    /// <summary>Refused password-reset tokens.</summary>
    FailedReset,
    /// <summary>Wrong unit binding codes.</summary>
    FailedCode,
    /// <summary>Mails an address can be sent by asking: registration, confirmation, password reset (one budget).</summary>
    Mail,
    /// <summary>Requests to customer service to link a unit.</summary>
    LinkRequest,
}

/// <summary>RateLimits section.</summary>
public sealed class AuthLimitOptions
{
    /// <summary>
    /// Ceiling per client address and page on form posts a minute (page views are free). High on purpose: a whole
    /// estate may sign in behind one NAT address; the per-account budgets below do the real work.
    /// </summary>
    public int AuthPerMinute { get; set; } = 120;
    public int FailuresPerAccount { get; set; } = 10;
    public int MailsPerAccount { get; set; } = 5;
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// The one rule for throttling the account pages: failures and mail requests are counted per target account
/// (normalised e-mail or user name) and per budget, never per raw path; page views are never counted. Whether the
/// account exists does not matter, so a refusal tells nobody who is registered. Counters live in this instance's
/// memory (several instances each allow the budget: still a small multiple).
/// </summary>
public sealed class AuthThrottle(IMemoryCache cache, TimeProvider clock, IOptions<AuthLimitOptions> options)
{
    private sealed class Window
    {
        public DateTimeOffset Start;
        public int Count;
    }

    /// <summary>The same normalisation as Identity's user lookups: trimmed, upper invariant.</summary>
    public static string Account(string? emailOrName) => (emailOrName ?? "").Trim().ToUpperInvariant();

    public bool IsSpent(AuthBudget budget, string? account) => Update(budget, account, (w, limit) => w.Count >= limit);

    public void Spend(AuthBudget budget, string? account) => Update(budget, account, (w, _) => ++w.Count > 0);

    /// <summary>Counts one more unless the budget is spent; false when it was.</summary>
    public bool TrySpend(AuthBudget budget, string? account) => Update(budget, account, (w, limit) => w.Count < limit && ++w.Count > 0);

    private bool Update(AuthBudget budget, string? account, Func<Window, int, bool> body)
    {
        var o = options.Value;
        var limit = budget is AuthBudget.Mail or AuthBudget.LinkRequest ? o.MailsPerAccount : o.FailuresPerAccount;
        var window = cache.GetOrCreate((typeof(AuthThrottle), budget, Account(account)), entry =>
        {
            entry.SlidingExpiration = o.AccountWindow; // only forgets idle counters; the window below decides
            return new Window { Start = clock.GetUtcNow() };
        })!;
        lock (window)
        {
            var now = clock.GetUtcNow();
            if (now - window.Start >= o.AccountWindow) (window.Start, window.Count) = (now, 0);
            return body(window, limit);
        }
    }

    /// <summary>
    /// The per-address ceiling's partition: client address and the page's route pattern (so /ACCOUNT/LOGIN and
    /// /Account/Login/ are one page); null for GET and HEAD, which are never limited.
    /// </summary>
    public static string? AddressPartition(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return null;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText
            ?? http.Request.Path.Value?.TrimEnd('/');
        return string.Create(CultureInfo.InvariantCulture, $"{http.Connection.RemoteIpAddress}|{route?.ToUpperInvariant()}");
    }
}
