using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// One signed-in person as a browser is: a cookie jar, redirects seen one by one (each is a request of its own, and a
/// submission's answer is a redirect), any certificate accepted (the local stack's is self-signed).
/// The jar is our own, not CookieContainer: that one never sends a Secure cookie over http, while browsers do to
/// 127.0.0.1 — and the Admin's OIDC correlation cookie is always Secure, so the plain quick start needs it.
/// </summary>
public abstract partial class BrowserSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _signingIn = new(1, 1);
    private volatile bool _signedIn;
    private readonly CookieJar _cookies = new();

    protected BrowserSession(Recorder recorder, string email, string password)
    {
        Recorder = recorder;
        Email = email;
        Password = password;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("OwnerPortal-load/1.0");
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
    }

    protected Recorder Recorder { get; }
    public string Email { get; }
    protected string Password { get; }

    /// <summary>The answer to one request: status 0 and an error kind when none came.</summary>
    public sealed record Answer(int Status, Uri? Location, string Body, string? Error, Uri Url)
    {
        public bool IsRedirect => Status is >= 300 and < 400 && Location is not null;
    }

    /// <summary>Signs in once (again after the site sent the session back to sign-in); false when it did not work.</summary>
    public async Task<bool> EnsureSignedInAsync(CancellationToken ct)
    {
        if (_signedIn) return true;
        await _signingIn.WaitAsync(ct);
        try
        {
            if (!_signedIn) _signedIn = await SignInAsync(ct);
            return _signedIn;
        }
        finally
        {
            _signingIn.Release();
        }
    }

    /// <summary>The site answered with its sign-in page: the next action signs in again.</summary>
    protected void SignedOut() => _signedIn = false;

    protected abstract Task<bool> SignInAsync(CancellationToken ct);

    /// <summary>Sends one request and records it; a network failure is an answer with status 0 and its kind.</summary>
    protected async Task<Answer> SendAsync(ActionClass kind, string page, HttpRequestMessage request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (_cookies.HeaderFor(request.RequestUri!) is { } cookie) request.Headers.Add("Cookie", cookie);
        try
        {
            using var response = await _http.SendAsync(request, ct);
            _cookies.Keep(request.RequestUri!, response);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var location = response.Headers.Location is { } l ? new Uri(request.RequestUri!, l) : null;
            var error = status is >= 200 and < 400 ? null : $"http {status}";
            Recorder.Request(kind, page, status, error, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new Answer(status, location, body, error, request.RequestUri!);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is HttpRequestException or TaskCanceledException or IOException)
        {
            var error = ErrorKind(e);
            Recorder.Request(kind, page, 0, error, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return new Answer(0, null, "", error, request.RequestUri!);
        }
    }

    protected Task<Answer> GetAsync(ActionClass kind, string page, Uri url, CancellationToken ct) =>
        SendAsync(kind, page, new HttpRequestMessage(HttpMethod.Get, url), ct);

    /// <summary>Records a well-formed answer that is still not what the user wanted (e.g. "sent to sign-in").</summary>
    protected void Unexpected(ActionClass kind, string page, string what) => Recorder.Problem(kind, page, what);

    private static string ErrorKind(Exception e) => e switch
    {
        TaskCanceledException => "timeout",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "tls",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "response ended",
        HttpRequestException { InnerException: IOException or SocketException } or IOException => "io",
        _ => "other",
    };

    /// <summary>The value of a form field in a page (hidden inputs: anti-forgery token, idempotency key, …).</summary>
    protected static string? FieldValue(string html, string name)
    {
        foreach (Match input in InputTag().Matches(html))
        {
            if (!input.Value.Contains($"name=\"{name}\"", StringComparison.Ordinal)) continue;
            var value = ValueAttribute().Match(input.Value);
            return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
        }
        return null;
    }

    /// <summary>Case ids linked from a page (/Cases/Detail/{id} on both sites).</summary>
    protected static IEnumerable<long> CaseLinks(string html) =>
        CaseLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Cookies per host name, as browsers keep them (not per port: the sites name theirs apart). Paths are not kept
    /// apart either; the sites' cookie names differ, so sending one on a path it was not meant for changes nothing.
    /// </summary>
    private sealed class CookieJar
    {
        private readonly Dictionary<string, Dictionary<string, string>> _hosts = new(StringComparer.OrdinalIgnoreCase);

        public string? HeaderFor(Uri url)
        {
            lock (_hosts)
                return _hosts.TryGetValue(url.Host, out var jar) && jar.Count > 0
                    ? string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}")) : null;
        }

        public void Keep(Uri url, HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var headers)) return;
            lock (_hosts)
            {
                var jar = _hosts.TryGetValue(url.Host, out var found) ? found : _hosts[url.Host] = new(StringComparer.Ordinal);
                foreach (var header in headers)
                {
                    if (!Microsoft.Net.Http.Headers.SetCookieHeaderValue.TryParse(header, out var c)) continue;
                    var expired = c.Expires < DateTimeOffset.UtcNow || c.MaxAge <= TimeSpan.Zero;
                    if (expired) jar.Remove(c.Name.Value!);
                    else jar[c.Name.Value!] = c.Value.Value!;
                }
            }
        }
    }

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputTag();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("/Cases/Detail/(\\d+)")]
    private static partial Regex CaseLink();

    public void Dispose()
    {
        _http.Dispose();
        _signingIn.Dispose();
    }
}
