using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// An owner in the Portal: signs in through the login form, reads the pages an owner reads, and files cases through
/// /Cases/New as the browser does — the form's anti-forgery token, idempotency key and staging token, multipart,
/// sometimes with a photo — posting the same form again (same key) after a network error or a 5xx, like a refresh.
/// </summary>
public sealed class OwnerSession(Recorder recorder, Uri portal, string email, string password, string runId)
    : BrowserSession(recorder, email, password)
{
    /// <summary>Tries of one submission before the owner gives up (about half a minute of refreshing).</summary>
    private const int SubmitAttempts = 30;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);
    private static readonly string[] Pages = ["/", "/Cases", "case", "/Notices", "/Account"];
    private static int _submissions;
    private readonly ConcurrentDictionary<long, byte> _caseIds = new();

    protected override async Task<bool> SignInAsync(CancellationToken ct)
    {
        var form = await GetAsync(ActionClass.SignIn, "/Account/Login", new Uri(portal, "/Account/Login"), ct);
        if (FieldValue(form.Body, "__RequestVerificationToken") is not { } token) return false;
        var post = new HttpRequestMessage(HttpMethod.Post, form.Url)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Email, ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
            }),
        };
        var answer = await SendAsync(ActionClass.SignIn, "/Account/Login POST", post, ct);
        if (answer.IsRedirect) return true;
        if (answer.Error is null) Unexpected(ActionClass.SignIn, "/Account/Login POST", "sign-in refused");
        return false;
    }

    /// <summary>One page an owner reads; a case page once a case list has shown some.</summary>
    public async Task ViewAsync(CancellationToken ct)
    {
        if (!await EnsureSignedInAsync(ct)) return;
        var page = Pages[Random.Shared.Next(Pages.Length)];
        var path = page;
        if (page == "case")
        {
            var ids = _caseIds.Keys.ToArray();
            path = ids.Length == 0 ? "/Cases" : $"/Cases/Detail/{ids[Random.Shared.Next(ids.Length)]}";
            page = ids.Length == 0 ? "/Cases" : "/Cases/Detail";
        }
        var answer = await GetAsync(ActionClass.Owner, page, new Uri(portal, path), ct);
        if (IsSignInRedirect(answer))
        {
            SignedOut();
            Unexpected(ActionClass.Owner, page, "sent to sign-in");
        }
        else if (page == "/Cases" && answer.Status == 200)
        {
            foreach (var id in CaseLinks(answer.Body)) _caseIds.TryAdd(id, 0);
        }
    }

    /// <summary>Opens the form and files a case; an acknowledged one is written to acks.csv with its idempotency key.</summary>
    public async Task SubmitAsync(byte[]? photo, CancellationToken ct)
    {
        if (!await EnsureSignedInAsync(ct)) return;
        var form = await GetAsync(ActionClass.Submit, "/Cases/New", new Uri(portal, "/Cases/New"), ct);
        if (IsSignInRedirect(form))
        {
            SignedOut();
            Unexpected(ActionClass.Submit, "/Cases/New", "sent to sign-in");
            return;
        }
        if (form.Status != 200) return; // already recorded; the owner would open the form again later
        var token = FieldValue(form.Body, "__RequestVerificationToken");
        var key = FieldValue(form.Body, "Input.IdempotencyKey");
        var staging = FieldValue(form.Body, "Input.StagingToken");
        if (token is null || !Guid.TryParse(key, out var idempotencyKey) || staging is null)
        {
            Unexpected(ActionClass.Submit, "/Cases/New", "form without its hidden fields");
            return;
        }
        // A marker per form, the same in every try: a case filed twice shows up as two cases with one marker.
        var marker = $"[load {runId}-{Interlocked.Increment(ref _submissions)}]";
        var category = Enum.GetValues<CaseCategory>()[Random.Shared.Next(Enum.GetValues<CaseCategory>().Length)];
        var type = Random.Shared.Next(3) == 0 ? CaseType.Complaint : CaseType.RepairRequest;
        var description = $"{marker} 负载测试：楼道灯不亮，已经三天了，请尽快处理。 Load test case, please ignore.";
        var withPhoto = photo is not null;

        for (var attempt = 1; attempt <= SubmitAttempts; attempt++)
        {
            var content = CaseForm(token, idempotencyKey, staging, type, category, description, photo);
            var answer = await SendAsync(ActionClass.Submit, "/Cases/New POST", new HttpRequestMessage(HttpMethod.Post, form.Url) { Content = content }, ct);
            if (answer.IsRedirect && answer.Location!.AbsolutePath.StartsWith("/Cases/Detail/", StringComparison.Ordinal)
                && long.TryParse(answer.Location.AbsolutePath["/Cases/Detail/".Length..], CultureInfo.InvariantCulture, out var caseId))
            {
                Recorder.Acknowledged(caseId, idempotencyKey, Email, marker, withPhoto, attempt);
                _caseIds.TryAdd(caseId, 0);
                return;
            }
            if (IsSignInRedirect(answer))
            {
                SignedOut();
                Unexpected(ActionClass.Submit, "/Cases/New POST", "sent to sign-in");
                return;
            }
            // A browser shows a network error or an error page, and the owner presses refresh: the same post again.
            // When the answer was the form itself (503, "busy, submit again"), its photo already waits in staging and
            // the form's file field is empty: the owner submits that form, without the file.
            if (answer.Status is 0 or >= 500)
            {
                if (answer.Status >= 500 && FieldValue(answer.Body, "Input.StagingToken") == staging) photo = null;
                await Task.Delay(RetryPause, ct);
                continue;
            }
            Unexpected(ActionClass.Submit, "/Cases/New POST", answer.Status == 200 ? "form refused" : "unexpected answer");
            return;
        }
        Unexpected(ActionClass.Submit, "/Cases/New POST", "gave up after retries");
    }

    /// <summary>The multipart body the browser posts from /Cases/New.</summary>
    private static MultipartFormDataContent CaseForm(string token, Guid idempotencyKey, string staging, CaseType type,
        CaseCategory category, string description, byte[]? photo)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(idempotencyKey.ToString()), "Input.IdempotencyKey" },
            { new StringContent(staging), "Input.StagingToken" },
            { new StringContent("false"), "Input.DuplicatesSeen" },
            { new StringContent(type.ToString()), "Input.Type" },
            { new StringContent(category.ToString()), "Input.Category" },
            { new StringContent(nameof(CaseLocation.OwnUnit)), "Input.Location" },
            { new StringContent(description), "Input.Description" },
            { new StringContent(""), "Input.PreferredContactTime" },
        };
        if (photo is not null)
        {
            var file = new ByteArrayContent(photo);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, "Photos", "photo.jpg");
        }
        return content;
    }

    /// <summary>
    /// bench/submit.sh: the anti-forgery token of this session's /Cases/New form (it holds for the session, as a
    /// browser's does across forms); null when the form did not come.
    /// </summary>
    public async Task<string?> FormTokenAsync(CancellationToken ct)
    {
        if (!await EnsureSignedInAsync(ct)) return null;
        var form = await GetAsync(ActionClass.Submit, "/Cases/New", new Uri(portal, "/Cases/New"), ct);
        return form.Status == 200 ? FieldValue(form.Body, "__RequestVerificationToken") : null;
    }

    /// <summary>
    /// bench/submit.sh: one submit POST of the form (to <paramref name="path"/>: /Cases/New or the bare endpoint) with a
    /// fresh idempotency key and staging token, as a new form would carry; true when it answered with the new case.
    /// </summary>
    public async Task<bool> PostCaseAsync(string path, string token, byte[]? photo, CancellationToken ct)
    {
        var content = CaseForm(token, Guid.NewGuid(), Guid.NewGuid().ToString(), CaseType.RepairRequest, CaseCategory.Facilities,
            $"[bench {runId}] 负载测试：厨房水管漏水。 Submit bench, please ignore.", photo);
        var answer = await SendAsync(ActionClass.Submit, path + " POST", new HttpRequestMessage(HttpMethod.Post, new Uri(portal, path)) { Content = content }, ct);
        if (answer.IsRedirect && answer.Location!.AbsolutePath.StartsWith("/Cases/Detail/", StringComparison.Ordinal)) return true;
        if (answer.Error is null) Unexpected(ActionClass.Submit, path + " POST", IsSignInRedirect(answer) ? "sent to sign-in" : "not filed");
        return false;
    }

    private static bool IsSignInRedirect(Answer answer) =>
        answer.IsRedirect && answer.Location!.AbsolutePath.StartsWith("/Account/Login", StringComparison.OrdinalIgnoreCase);
}
