using System.Collections.Concurrent;
using OwnerPortal.Core.Cases;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// A staff member in the Admin: signs in by the OpenID Connect round trip through the Portal (every redirect followed
/// with the one cookie jar, the Portal's login form posted on the way), then reads queues and case pages, or asks a
/// dashboard for its figures (the CSV export: the same numbers the page draws).
/// </summary>
public sealed class StaffSession(Recorder recorder, Uri admin, string email, string password)
    : BrowserSession(recorder, email, password)
{
    private const int MaxHops = 15;
    private readonly ConcurrentDictionary<long, byte> _caseIds = new();

    protected override async Task<bool> SignInAsync(CancellationToken ct)
    {
        var url = new Uri(admin, "/Cases");
        var posted = false;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var answer = await GetAsync(ActionClass.SignIn, url.Authority == admin.Authority ? url.AbsolutePath : "portal " + url.AbsolutePath, url, ct);
            if (answer.IsRedirect)
            {
                url = answer.Location!;
                continue;
            }
            if (answer.Status != 200) return false;
            if (url.Authority == admin.Authority) return true;
            // The Portal's sign-in form on the way: post it where it came from (it carries its own ReturnUrl).
            if (posted || FieldValue(answer.Body, "__RequestVerificationToken") is not { } token) break;
            var fields = new Dictionary<string, string>
            {
                ["Input.Email"] = Email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
                ["ReturnUrl"] = FieldValue(answer.Body, "ReturnUrl") ?? "",
            };
            var sent = await SendAsync(ActionClass.SignIn, "portal /Account/Login POST",
                new HttpRequestMessage(HttpMethod.Post, answer.Url) { Content = new FormUrlEncodedContent(fields) }, ct);
            if (!sent.IsRedirect) break;
            posted = true;
            url = sent.Location!;
        }
        Unexpected(ActionClass.SignIn, "admin sign-in", "sign-in did not come back to the Admin");
        return false;
    }

    /// <summary>A work queue (a random one of the seven) or, half the time once some are known, a case page.</summary>
    public async Task WorkAsync(CancellationToken ct)
    {
        if (!await EnsureSignedInAsync(ct)) return;
        var ids = _caseIds.Keys.ToArray();
        var (page, path) = ids.Length > 0 && Random.Shared.Next(2) == 0
            ? ("/Cases/Detail", $"/Cases/Detail/{ids[Random.Shared.Next(ids.Length)]}")
            : ("/Cases?Queue", $"/Cases?Queue={WorkQueues.All[Random.Shared.Next(WorkQueues.All.Length)]}");
        var answer = await GetAsync(ActionClass.Staff, page, new Uri(admin, path), ct);
        if (LeftAdmin(answer)) return;
        if (page == "/Cases?Queue" && answer.Status == 200)
            foreach (var id in CaseLinks(answer.Body).Take(50)) _caseIds.TryAdd(id, 0);
    }

    /// <summary>The figures of a dashboard: an estate manager's estate, the company's for company-level staff.</summary>
    public async Task DashboardAsync(CancellationToken ct)
    {
        if (!await EnsureSignedInAsync(ct)) return;
        var page = Email.StartsWith("manager.", StringComparison.Ordinal) ? "/Dashboards/Estate" : "/Dashboards/Company";
        var answer = await GetAsync(ActionClass.Dashboard, page + " csv", new Uri(admin, page + "?handler=Export&format=csv"), ct);
        LeftAdmin(answer);
    }

    /// <summary>The Admin sent the browser to sign in again (session ended): the next action does the round trip.</summary>
    private bool LeftAdmin(Answer answer)
    {
        if (!answer.IsRedirect || answer.Location!.Authority == admin.Authority && !answer.Location.AbsolutePath.StartsWith("/signin", StringComparison.OrdinalIgnoreCase))
            return false;
        SignedOut();
        Unexpected(ActionClass.Staff, answer.Url.AbsolutePath, "sent to sign-in");
        return true;
    }
}
