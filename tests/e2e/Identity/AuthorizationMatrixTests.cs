using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Identity;

/// <summary>
/// Every page of both sites, enumerated from the running apps' endpoints, opened by every kind of user. Each cell
/// has an expected outcome; a page without expectations fails the test, so new pages must say who may open them.
/// </summary>
public class AuthorizationMatrixTests(SitesFixture sites) : BrowserTest(sites)
{
    public enum Outcome { Ok, SignIn, Denied, NotFound, Redirect, MethodNotAllowed, BadRequest }

    /// <summary>Who is asking. Owners sign in to the Portal; staff to the Admin (and so also hold a Portal session).</summary>
    public sealed record Persona(string Name, string? Email, StaffRole? Role = null, bool OwnEstate = true)
    {
        public bool IsOwner => Email?.StartsWith("owner", StringComparison.Ordinal) == true;
        public bool IsStaff => Role is not null;
        public bool IsCompany => Role is StaffRole.QualityOffice or StaffRole.Leadership or StaffRole.SystemAdmin;
    }

    // The unit's owner, another owner of the same estate, an owner elsewhere; HY staff of each role, BHW staff, company roles.
    public static readonly Persona[] Personas =
    [
        new("anonymous", null),
        new("owner of the unit", "owner1.hy@demo.ownerportal.cn"),
        new("owner in the same estate", "owner2.hy@demo.ownerportal.cn"),
        new("owner in another estate", "owner1.bhw@demo.ownerportal.cn"),
        new("HY dispatcher", "dispatcher.hy@demo.ownerportal.cn", StaffRole.Dispatcher),
        new("HY supervisor", "engineering.hy@demo.ownerportal.cn", StaffRole.DepartmentSupervisor),
        new("HY manager", "manager.hy@demo.ownerportal.cn", StaffRole.EstateManager),
        new("BHW manager", "manager.bhw@demo.ownerportal.cn", StaffRole.EstateManager, OwnEstate: false),
        new("quality office", "quality@demo.ownerportal.cn", StaffRole.QualityOffice),
        new("leadership", "leader@demo.ownerportal.cn", StaffRole.Leadership),
        new("system admin", "admin@demo.ownerportal.cn", StaffRole.SystemAdmin),
    ];

    // ---- rules -----------------------------------------------------------------------------------

    private static Outcome Public(Persona p) => Outcome.Ok;
    private static Outcome Redirects(Persona p) => Outcome.Redirect;
    private static Outcome SignedIn(Persona p) => p.Email is null ? Outcome.SignIn : Outcome.Ok;
    private static Outcome SignedInRedirects(Persona p) => p.Email is null ? Outcome.SignIn : Outcome.Redirect;
    /// <summary>Portal pages for owners: staff accounts are signed in to the Portal but are not owners.</summary>
    private static Outcome OwnerOnly(Persona p) => p.Email is null ? Outcome.SignIn : p.IsOwner ? Outcome.Ok : Outcome.Denied;

    /// <summary>Admin pages: owners have no Admin session (the provider refuses them), staff need the policy's roles.</summary>
    private static Func<Persona, Outcome> Staff(string policy) => p =>
        !p.IsStaff ? Outcome.SignIn : Policies.StaffPolicies[policy].Contains(p.Role!.Value) ? Outcome.Ok : Outcome.Denied;

    /// <summary>An Admin page about one HY record: staff of another estate must not learn it exists.</summary>
    private static Func<Persona, Outcome> StaffRecord(string policy) => p =>
        Staff(policy)(p) is var outcome && outcome == Outcome.Ok && !p.OwnEstate && !p.IsCompany ? Outcome.NotFound : outcome;

    /// <summary>A Portal page about a case of owner1.hy's unit: any other owner gets 404, staff are not owners.</summary>
    private static Outcome CaseOfTheUnit(Persona p) =>
        p.Email is null ? Outcome.SignIn : !p.IsOwner ? Outcome.Denied : p.Name == "owner of the unit" ? Outcome.Ok : Outcome.NotFound;

    /// <summary>A Portal page about a published HY notice: owners of that estate read it, others get 404.</summary>
    private static Outcome NoticeOfTheEstate(Persona p) =>
        p.Email is null ? Outcome.SignIn : !p.IsOwner ? Outcome.Denied : p.Email.EndsWith(".hy@demo.ownerportal.cn", StringComparison.Ordinal) ? Outcome.Ok : Outcome.NotFound;
    /// <summary>A Portal questionnaire of a round only HY takes part in: owners elsewhere get 404, staff are not owners.</summary>
    private static Outcome RoundOfTheEstate(Persona p) =>
        p.Email is null ? Outcome.SignIn : !p.IsOwner ? Outcome.Denied : p.Name == "owner in another estate" ? Outcome.NotFound : Outcome.Ok;

    /// <summary>
    /// HY's committee scorecard (<see cref="OwnerPortal.Core.Scorecards.ScorecardAccess"/>): its committee member (owner1.hy)
    /// reads it, another HY owner is sent to the published summary, owners elsewhere get 404, staff are not owners.
    /// </summary>
    private static Outcome ScorecardOfTheEstate(Persona p) =>
        p.Email is null ? Outcome.SignIn : !p.IsOwner ? Outcome.Denied
        : p.Name == "owner of the unit" ? Outcome.Ok : p.Name == "owner in the same estate" ? Outcome.Redirect : Outcome.NotFound;

    internal static readonly Dictionary<string, (string Url, Func<Persona, Outcome> Rule)> PortalPages = new()
    {
        ["/Index"] = ("/", Public),
        ["/Error"] = ("/Error", Public),
        ["/Offline"] = ("/Offline", Public), // the service worker's offline page: nothing personal
        ["/SignOut"] = ("/SignOut", Public), // the end-session confirmation: asks, changes nothing
        ["/Account/Login"] = ("/Account/Login", Public),
        ["/Account/Register"] = ("/Account/Register", Public),
        ["/Account/RegisterConfirmation"] = ("/Account/RegisterConfirmation", Public),
        ["/Account/ConfirmEmail"] = ("/Account/ConfirmEmail", Public),
        ["/Account/ResendConfirmation"] = ("/Account/ResendConfirmation", Public),
        ["/Account/ForgotPassword"] = ("/Account/ForgotPassword", Public),
        ["/Account/ResetPassword"] = ("/Account/ResetPassword", Redirects), // no code: back to "forgot password"
        ["/Account/AccessDenied"] = ("/Account/AccessDenied", Public),
        ["/Account/Index"] = ("/Account", SignedIn),
        ["/Account/ChangePassword"] = ("/Account/ChangePassword", SignedIn),
        ["/Account/Logout"] = ("/Account/Logout", SignedInRedirects), // signing out is a POST
        ["/Account/Bind"] = ("/Account/Bind", OwnerOnly),
        ["/Account/RequestLink"] = ("/Account/RequestLink", OwnerOnly),
        ["/Cases/Index"] = ("/Cases", OwnerOnly),
        ["/Cases/New"] = ("/Cases/New", OwnerOnly),
        ["/Cases/Detail"] = ("/Cases/Detail/{case}", CaseOfTheUnit),
        ["/Cases/Photo"] = ("/Cases/Photo/{photo}", CaseOfTheUnit),
        ["/Notices/Index"] = ("/Notices", OwnerOnly),
        ["/Notices/Detail"] = ("/Notices/Detail/{notice}", NoticeOfTheEstate),
        ["/Callbacks/Answer"] = ("/Callbacks/Answer", Public), // the signed link is the authority; without one: "not valid"
        ["/Callbacks/Written"] = ("/Callbacks/Written/{invitation}", CaseOfTheUnit), // owner1.hy's household was sampled: only its people
        ["/Surveys/Answer"] = ("/Surveys/Answer/{round}", RoundOfTheEstate),
        ["/Surveys/Results"] = ("/Surveys/Results/{round}", RoundOfTheEstate), // published for HY only
        ["/Committee/Scorecard"] = ("/Committee/Scorecard/{estate}", ScorecardOfTheEstate),
        ["/Committee/Summary"] = ("/Committee/Summary/{estate}", NoticeOfTheEstate), // every HY owner; 404 elsewhere
    };

    internal static readonly Dictionary<string, (string Url, Func<Persona, Outcome> Rule)> AdminPages = new()
    {
        ["/Index"] = ("/", Staff(Policies.Staff)),
        ["/Error"] = ("/Error", Public),
        ["/AccessDenied"] = ("/AccessDenied", Public),
        ["/SignedOut"] = ("/SignedOut", Public),
        ["/SignOut"] = ("/SignOut", p => p.IsStaff ? Outcome.Redirect : Outcome.SignIn), // a POST
        ["/Cases/Index"] = ("/Cases", Staff(Policies.Staff)),
        ["/Escalations/Index"] = ("/Escalations", Staff(Policies.Escalations)),
        ["/Hotline/Index"] = ("/Hotline", Staff(Policies.Hotline)),
        ["/Hotline/Call"] = ("/Hotline/Call", Staff(Policies.QualityOffice)),
        ["/Hotline/Report"] = ("/Hotline/Report", Staff(Policies.QualityOffice)),
        ["/Hotline/Detail"] = ("/Hotline/Detail/{hotline}", StaffRecord(Policies.Hotline)),
        // The matrix case is not a major complaint: those who may open special reports get 404 for it.
        ["/Escalations/MajorReport"] = ("/Escalations/MajorReport/{case}", p => Staff(Policies.Escalations)(p) is var o && o == Outcome.Ok ? Outcome.NotFound : o),
        ["/Cases/Detail"] = ("/Cases/Detail/{case}", StaffRecord(Policies.Staff)),
        ["/Cases/WorkOrder"] = ("/Cases/WorkOrder/{case}", StaffRecord(Policies.DepartmentWork)),
        ["/Cases/Intake"] = ("/Cases/Intake", Staff(Policies.EstateOffice)),
        ["/Structure/Index"] = ("/Structure", Staff(Policies.EstateStructure)),
        ["/Structure/Building"] = ("/Structure/Building?id={building}", StaffRecord(Policies.EstateStructure)),
        ["/Structure/Unit"] = ("/Structure/Unit?id={unit}", StaffRecord(Policies.EstateStructure)),
        ["/Structure/Import"] = ("/Structure/Import", Staff(Policies.EstateStructure)),
        ["/Binding/Codes"] = ("/Binding/Codes", Staff(Policies.EstateOffice)),
        ["/Binding/UnitCodes"] = ("/Binding/Codes/Unit/{unit}", StaffRecord(Policies.EstateOffice)),
        ["/Binding/Requests/Index"] = ("/Binding/Requests", Staff(Policies.EstateOffice)),
        ["/Binding/Requests/Detail"] = ("/Binding/Requests/{request}", StaffRecord(Policies.EstateOffice)),
        ["/Staff/Index"] = ("/Staff", Staff(Policies.SystemAdmin)),
        ["/Staff/Create"] = ("/Staff/Create", Staff(Policies.SystemAdmin)),
        ["/Staff/Edit"] = ("/Staff/Edit/{staff}", Staff(Policies.SystemAdmin)),
        ["/Surveys/Index"] = ("/Surveys", Staff(Policies.Staff)),
        ["/Surveys/Round"] = ("/Surveys/Round/{round}", StaffRecord(Policies.Staff)),
        ["/Surveys/Preview"] = ("/Surveys/Preview/{round}?estate={estate}", StaffRecord(Policies.Staff)),
        ["/Surveys/Paper"] = ("/Surveys/Paper/{round}?estate={estate}", StaffRecord(Policies.EstateOffice)),
        ["/Surveys/Results"] = ("/Surveys/Results/{round}", StaffRecord(Policies.Dashboards)),
        ["/Surveys/Publish"] = ("/Surveys/Publish/{round}", StaffRecord(Policies.EstateManager)),
        ["/Outbox/Index"] = ("/Outbox", Staff(Policies.SystemAdmin)),
        ["/Outbox/Details"] = ("/Outbox/Details/{message}", Staff(Policies.SystemAdmin)),
        ["/Notices/Index"] = ("/Notices", Staff(Policies.Notices)),
        ["/Notices/Edit"] = ("/Notices/Edit/{notice}", StaffRecord(Policies.Notices)),
        ["/Reports/Dispatcher"] = ("/Reports/Dispatcher", Staff(Policies.Reports)),
        ["/Dashboards/Estate"] = ("/Dashboards/Estate", Staff(Policies.Dashboards)),
        ["/Dashboards/Company"] = ("/Dashboards/Company", Staff(Policies.QualityOffice)),
        ["/Scorecards/Index"] = ("/Scorecards", Staff(Policies.ScorecardPublish)), // the manager's own estate
        ["/Dashboards/Cases"] = ("/Dashboards/Cases?measure=Overdue", Staff(Policies.Dashboards)),
        ["/Reports/Complaints"] = ("/Reports/Complaints", Staff(Policies.Reports)),
        ["/Reports/Repeats"] = ("/Reports/Repeats", Staff(Policies.Reports)),
        ["/Callbacks/Index"] = ("/Callbacks", Staff(Policies.Callbacks)),
        ["/Callbacks/Report"] = ("/Callbacks/Report", Staff(Policies.Callbacks)),
        ["/Callbacks/Record"] = ("/Callbacks/Record/{callback}", StaffRecord(Policies.Callbacks)),
        ["/Callbacks/Policy"] = ("/Callbacks/Policy", Staff(Policies.CallbackPolicy)),
        ["/Callbacks/Events"] = ("/Callbacks/Events", Staff(Policies.CallbackPolicy)),
        ["/Callbacks/Event"] = ("/Callbacks/Event/{event}", StaffRecord(Policies.CallbackPolicy)),
        ["/Callbacks/Written"] = ("/Callbacks/Written", Staff(Policies.Callbacks)),
        ["/Callbacks/WrittenRound"] = ("/Callbacks/WrittenRound/{written}", StaffRecord(Policies.Callbacks)), // the HY engineering department's round
    };

    /// <summary>
    /// The top bar's preference switches (Core/Web/SwitchForms): anyone may use them, only as a form posted with the
    /// anti-forgery token. For every persona a GET is 405 and a POST without the token 400, and neither changes anything.
    /// </summary>
    internal static readonly (string Site, string Path)[] SwitchEndpoints = [("Portal", "/culture"), ("Portal", "/display/large-text"), ("Admin", "/culture")];

    /// <summary>The other endpoints outside Razor Pages that accept a POST, and why they are not token-checked forms.</summary>
    internal static readonly Dictionary<string, string> OtherPostEndpoints = new()
    {
        ["Portal /connect/authorize"] = "OpenID Connect authorization request (a form post is allowed by the protocol); it only asks for a sign-in",
        ["Portal /connect/endsession"] = "OpenID Connect end session: signs out at once only with the person's id_token_hint, else asks on /SignOut",
        ["Portal /bench/bare-submit"] = "mapped only with Benchmark:BareEndpoint=true (bench/submit.sh)",
    };

    // ---- the test --------------------------------------------------------------------------------

    /// <summary>Every endpoint outside the pages that a POST reaches is a switch or listed with a reason (the switches' GET: the theory below).</summary>
    [Fact]
    public void Every_endpoint_outside_the_pages_that_takes_a_post_is_listed()
    {
        var found = PostEndpointsOf(Sites.Portal.Services).Select(p => "Portal " + p)
            .Concat(PostEndpointsOf(Sites.Admin.Services).Select(p => "Admin " + p)).ToHashSet();
        var switches = SwitchEndpoints.Select(e => $"{e.Site} {e.Path}").ToHashSet();
        Assert.Empty(found.Except(switches).Except(OtherPostEndpoints.Keys));
        Assert.Empty(switches.Except(found));
        Assert.Empty(OtherPostEndpoints.Keys.Where(k => !k.Contains("/bench/", StringComparison.Ordinal)).Except(found)); // no stale rows
    }


    [Fact]
    public void Every_page_of_both_sites_has_expectations()
    {
        Assert.Empty(PagesOf(Sites.Portal.Services).Except(PortalPages.Keys));
        Assert.Empty(PagesOf(Sites.Admin.Services).Except(AdminPages.Keys));
        Assert.Empty(PortalPages.Keys.Except(PagesOf(Sites.Portal.Services))); // no stale rows either
        Assert.Empty(AdminPages.Keys.Except(PagesOf(Sites.Admin.Services)));
    }

    public static TheoryData<string> PersonaNames => new(Personas.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PersonaNames))]
    public Task Each_page_answers_each_kind_of_user_as_expected(string personaName) => RunAsync(async s =>
    {
        var persona = Personas.Single(p => p.Name == personaName);
        if (persona.Email is not null)
        {
            if (persona.IsStaff) await SignIn.ToAdminAsync(s.Page, Sites, persona.Email); // signs in to both sites
            else
            {
                await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
                await SignIn.FillAsync(s.Page, persona.Email, DemoDataGenerator.DemoPassword);
                await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
            }
        }
        // The record pages open records of estate HY: a case, the unit and building of owner1.hy, a link request
        // for that unit, the HY manager's staff record and an outbox message.
        var (ids, photoId) = await HyRecordsAsync(Sites);
        var failures = new List<string>();
        foreach (var (site, baseUrl, pages) in new[] { ("Portal", Sites.Portal.BaseUrl, PortalPages), ("Admin", Sites.Admin.BaseUrl, AdminPages) })
            foreach (var (page, (url, rule)) in pages)
            {
                var concrete = url.Replace("{photo}", photoId.ToString(), StringComparison.Ordinal);
                concrete = ids.Aggregate(concrete, (u, id) => u.Replace("{" + id.Key + "}", id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
                var response = await s.Page.Context.APIRequest.GetAsync(baseUrl + concrete, new APIRequestContextOptions { MaxRedirects = 0 });
                var actual = Classify(response);
                var expected = rule(persona);
                if (actual != expected) failures.Add($"{site} {page}: expected {expected}, got {actual} ({response.Status} {response.Headers.GetValueOrDefault("location")})");
            }
        // The switches: a GET (what a link or an <img> elsewhere does) and a POST without the token change nothing.
        foreach (var (site, path) in SwitchEndpoints)
        {
            var baseUrl = site == "Admin" ? Sites.Admin.BaseUrl : Sites.Portal.BaseUrl;
            var get = Classify(await s.Page.Context.APIRequest.GetAsync(baseUrl + path + "?c=en&on=true&returnUrl=%2F", new APIRequestContextOptions { MaxRedirects = 0 }));
            if (get != Outcome.MethodNotAllowed) failures.Add($"{site} GET {path}: expected {Outcome.MethodNotAllowed}, got {get}");
            var form = s.Page.Context.APIRequest.CreateFormData().Set("c", "en").Set("on", "true").Set("returnUrl", "/");
            var post = Classify(await s.Page.Context.APIRequest.PostAsync(baseUrl + path, new APIRequestContextOptions { Form = form, MaxRedirects = 0 }));
            if (post != Outcome.BadRequest) failures.Add($"{site} POST {path} without token: expected {Outcome.BadRequest}, got {post}");
        }
        Assert.True(failures.Count == 0, $"{persona.Name}:\n" + string.Join('\n', failures));
    });

    /// <summary>One open questionnaire round that only HY takes part in, shared by every persona.</summary>
    private static int _round;

    /// <summary>The records the page URLs name (also used by the accessibility sweep), and a photo of the case.</summary>
    internal static async Task<(Dictionary<string, long> Ids, Guid Photo)> HyRecordsAsync(SitesFixture sites)
    {
        var caseId = await CaseFiling.FileForAsync(sites.ConnectionString, "owner1.hy@demo.ownerportal.cn", "矩阵测试：楼道灯不亮");
        await using var db = new OwnerPortal.Core.Data.OwnerPortalDbContext(OwnerPortal.Tests.TestDatabase.Options(sites.ConnectionString));
        var owner = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn").Select(p => new { p.Id, Unit = p.ActiveUnitId!.Value, Estate = db.Units.Where(u => u.Id == p.ActiveUnitId).Select(u => u.EstateId).First() }));
        var building = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Units.Where(u => u.Id == owner.Unit).Select(u => u.BuildingId));
        var otherPerson = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.People.Where(p => p.Email == "owner2.czy@demo.ownerportal.cn").Select(p => p.Id));
        // One pending request per person and unit (a unique index): the personas share it.
        var request = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.UnitLinkRequests.Where(r => r.PersonId == otherPerson && r.UnitId == owner.Unit && r.Status == LinkRequestStatus.Pending));
        if (request is null)
        {
            request = new UnitLinkRequest { PersonId = otherPerson, UnitId = owner.Unit, Relation = UnitRelation.Resident, Status = LinkRequestStatus.Pending, CreatedAt = DateTimeOffset.UtcNow };
            db.UnitLinkRequests.Add(request);
        }
        var message = OwnerPortal.Core.Mail.Outbox.Enqueue(db, "test", "someone@example.com", null, "矩阵测试", "正文", null, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        var staff = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Staff.Where(x => x.Email == "manager.hy@demo.ownerportal.cn").Select(x => x.Id));
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OwnerPortal.Core.Storage.AttachmentStore>(sites.Portal.Services);
        var key = await store.SaveAsync(new MemoryStream([0xFF, 0xD8, 0xFF, 0xD9]), ".jpg", DateTimeOffset.UtcNow);
        var photo = new OwnerPortal.Core.Domain.Cases.CaseAttachment { Id = Guid.NewGuid(), CaseId = caseId, FileName = "p.jpg", ContentType = "image/jpeg", SizeBytes = 4, StorageKey = key, UploadedAt = DateTimeOffset.UtcNow };
        db.CaseAttachments.Add(photo);
        var notice = new OwnerPortal.Core.Domain.Notices.Notice
        {
            EstateId = 1, Kind = OwnerPortal.Core.Domain.Notices.NoticeKind.Information, Title = "矩阵测试公告", BodyMarkdown = "正文",
            PublishedHtml = "<p>正文</p>", Status = OwnerPortal.Core.Domain.Notices.NoticeStatus.Published, PublishedAt = DateTimeOffset.UtcNow,
        };
        db.Notices.Add(notice);
        await db.SaveChangesAsync();
        // A GM hotline matter about the case, its handling file sent to HY.
        var hotline = OwnerPortal.Core.Domain.Hotline.HotlineTicket.Open(
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Cases.Where(c => c.Id == caseId).Select(c => c.EstateId)), caseId, OwnerPortal.Core.Domain.Hotline.HotlineSource.Call, DateTimeOffset.UtcNow,
            "矩阵测试", "13800001234", owner.Unit, "矩阵测试：楼道灯不亮", null, "全质办");
        hotline.SendHandlingFile(DateTimeOffset.UtcNow, "请处理", "全质办");
        db.HotlineTickets.Add(hotline);
        await db.SaveChangesAsync();
        // A callback due on that case (recorded from the due list).
        var c = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Cases.Where(x => x.Id == caseId));
        var policy = OwnerPortal.Core.Domain.Callbacks.CallbackPolicy.Create(c.EstateId, 100 + Random.Shared.Next(1_000_000), OwnerPortal.Core.Domain.Callbacks.CallbackPreset.Standard002,
            OwnerPortal.Core.Domain.Callbacks.CallbackPresets.Rules(OwnerPortal.Core.Domain.Callbacks.CallbackPreset.Standard002), DateTimeOffset.UtcNow, null, "test");
        var decision = new OwnerPortal.Core.Domain.Callbacks.CallbackDecision(OwnerPortal.Core.Domain.Callbacks.CallbackKind.Complaint, policy.Version, 100, 0.5,
            OwnerPortal.Core.Domain.Callbacks.CallbackReason.Always, OwnerPortal.Core.Domain.Callbacks.CallbackBy.CustomerService, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(3));
        var callback = OwnerPortal.Core.Domain.Callbacks.Callback.FromDecision(caseId, 0, policy, decision, null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        db.Callbacks.Add(callback);
        var specialEvent = OwnerPortal.Core.Domain.Callbacks.SpecialEvent.Record(c.EstateId, "矩阵测试住户", "矩阵测试", DateOnly.FromDateTime(DateTime.UtcNow), policy,
            (DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(20)), DateTimeOffset.UtcNow, null, "test");
        db.SpecialEvents.Add(specialEvent);
        // A written callback round of the HY engineering department (the HY supervisor's) that sampled owner1.hy's household.
        var engineering = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Staff.Where(x => x.Email == "engineering.hy@demo.ownerportal.cn").Select(x => x.DepartmentId!.Value));
        var written = new OwnerPortal.Core.Domain.Callbacks.WrittenCallbackRound { EstateId = owner.Estate, DepartmentId = engineering, Seed = "matrix", Households = 1, DrawnAt = DateTimeOffset.UtcNow, DrawnBy = "test" };
        var invitation = new OwnerPortal.Core.Domain.Callbacks.WrittenCallbackInvitation { EstateId = owner.Estate, UnitId = owner.Unit, InvitedAt = DateTimeOffset.UtcNow };
        written.Invitations.Add(invitation);
        db.WrittenCallbackRounds.Add(written);
        await db.SaveChangesAsync();
        if (_round == 0)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            _round = (await OwnerPortal.Core.Surveys.SurveyRounds.CreateAsync(db, "矩阵测试问卷", today.AddDays(-1), today.AddDays(10), [owner.Estate])).Id;
            db.SurveyPublications.Add(new OwnerPortal.Core.Domain.Surveys.SurveyPublication { RoundId = _round, EstateId = owner.Estate, PublishedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        return (new() { ["hotline"] = hotline.Id, ["case"] = caseId, ["unit"] = owner.Unit, ["building"] = building, ["request"] = request.Id, ["staff"] = staff, ["message"] = message.Id, ["notice"] = notice.Id, ["event"] = specialEvent.Id, ["callback"] = callback.Id, ["written"] = written.Id, ["invitation"] = invitation.Id, ["round"] = _round, ["estate"] = owner.Estate }, photo.Id);
    }

    private static Outcome Classify(IAPIResponse response)
    {
        var location = response.Headers.GetValueOrDefault("location") ?? "";
        return response.Status switch
        {
            200 => Outcome.Ok,
            400 => Outcome.BadRequest,
            405 => Outcome.MethodNotAllowed,
            403 => Outcome.Denied,
            404 => Outcome.NotFound,
            302 or 303 when location.Contains("/Account/Login", StringComparison.Ordinal) || location.Contains("/connect/authorize", StringComparison.Ordinal) => Outcome.SignIn,
            302 or 303 when location.Contains("AccessDenied", StringComparison.Ordinal) => Outcome.Denied,
            302 or 303 => Outcome.Redirect,
            _ => throw new InvalidOperationException($"unexpected status {response.Status}"),
        };
    }

    /// <summary>Route endpoints that are neither pages nor static assets: their pattern and methods (null: any method).</summary>
    private static List<(string Pattern, IReadOnlyList<string>? Methods)> EndpointsOf(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null
                        && e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => ("/" + e.RoutePattern.RawText?.TrimStart('/'), e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods))
            .ToList();

    private static IEnumerable<string> PostEndpointsOf(IServiceProvider services) =>
        EndpointsOf(services).Where(e => e.Methods is null || e.Methods.Contains("POST")).Select(e => e.Pattern).Distinct();

    internal static HashSet<string> PagesOf(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath)
            .OfType<string>().ToHashSet();
}
