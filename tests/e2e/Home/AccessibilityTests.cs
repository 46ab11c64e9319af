using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using Outcome = OwnerPortal.E2ETests.Identity.AuthorizationMatrixTests.Outcome;
using Persona = OwnerPortal.E2ETests.Identity.AuthorizationMatrixTests.Persona;

namespace OwnerPortal.E2ETests.Home;

/// <summary>
/// axe-core (WCAG 2.1 A and AA rules) on every page of both sites, in both languages, at phone and desktop width
/// (issue #18 item 11): no serious or critical violation. The pages come from the running sites' endpoints and the
/// authorization matrix's URLs; a page that is neither visited nor excluded with a reason fails the plan test. Each
/// persona signs in once and resizes the viewport; the visits are written to the test output and to
/// artifacts/accessibility-sweep.txt.
/// </summary>
public class AccessibilityTests(SitesFixture sites, ITestOutputHelper output) : BrowserTest(sites)
{
    /// <summary>Pages the sweep does not open, and why.</summary>
    private static readonly Dictionary<string, string> Excluded = new()
    {
        ["Portal /Account/Logout"] = "signing out is a POST; a GET redirects",
        ["Portal /Cases/Photo"] = "serves the photo itself (an image, not a page)",
        ["Admin /SignOut"] = "signing out is a POST; a GET redirects",
    };

    /// <summary>Who sweeps: anonymous and an owner in the Portal, each staff role in the Admin.</summary>
    private static readonly string[] Sweepers =
        ["anonymous", "owner of the unit", "HY dispatcher", "HY supervisor", "HY manager", "quality office", "leadership", "system admin"];

    /// <summary>Admin pages whose content depends on the role (forms, tabs, scope): every role that reaches them visits them.</summary>
    private static readonly HashSet<string> EveryRole = ["/Index", "/Cases/Index", "/Cases/Detail", "/Surveys/Index", "/Surveys/Round", "/Dashboards/Estate"];

    /// <summary>Further states of a page worth their own visit (URL templates; "{…}" filled from the records).</summary>
    private static readonly (string Site, string Page, string Url, string Persona)[] Variants =
    [
        ("Portal", "/Cases/Detail", "/Cases/Detail/{oldCase}", "owner of the unit"), // a case with a long timeline
        ("Portal", "/Callbacks/Answer", "/Callbacks/Answer?t={callbackToken}", "owner of the unit"), // the form itself
        ("Portal", "/Account/ResetPassword", "/Account/ResetPassword?email=a%40example.com&code=x", "anonymous"),
        ("Admin", "/Escalations/MajorReport", "/Escalations/MajorReport/{majorCase}", "quality office"),
    ];

    public sealed record Visit(string Site, string Page, string Url);

    /// <summary>The plan: for each persona, the pages it opens (the matrix's "Ok" cells, each page once, role-dependent ones per role).</summary>
    private static List<(string Persona, Visit Visit)> Plan()
    {
        var plan = new List<(string, Visit)>();
        var seen = new HashSet<string>();
        foreach (var name in Sweepers)
        {
            var persona = AuthorizationMatrixTests.Personas.Single(p => p.Name == name);
            foreach (var (site, pages) in new[] { ("Portal", AuthorizationMatrixTests.PortalPages), ("Admin", AuthorizationMatrixTests.AdminPages) })
            {
                // Staff hold a Portal session too, but the Portal is the owners' site: staff sweep the Admin only.
                if (persona.IsStaff && site == "Portal") continue;
                foreach (var (page, (url, rule)) in pages)
                {
                    if (Excluded.ContainsKey($"{site} {page}") || rule(persona) != Outcome.Ok) continue;
                    var key = $"{site} {page}";
                    if (!seen.Add(key) && !(site == "Admin" && EveryRole.Contains(page))) continue;
                    plan.Add((name, new Visit(site, page, url)));
                }
            }
            plan.AddRange(Variants.Where(v => v.Persona == name).Select(v => (name, new Visit(v.Site, v.Page, v.Url))));
        }
        return plan;
    }

    [Fact]
    public void Every_page_of_both_sites_is_swept_or_excluded_with_a_reason()
    {
        var planned = Plan().Select(p => $"{p.Visit.Site} {p.Visit.Page}").ToHashSet();
        var all = AuthorizationMatrixTests.PagesOf(Sites.Portal.Services).Select(p => "Portal " + p)
            .Concat(AuthorizationMatrixTests.PagesOf(Sites.Admin.Services).Select(p => "Admin " + p)).Order().ToList();
        output.WriteLine($"{all.Count} pages; swept: {planned.Count}; excluded: {Excluded.Count}");
        foreach (var page in all)
            output.WriteLine(planned.Contains(page) ? $"swept    {page}" : Excluded.TryGetValue(page, out var why) ? $"excluded {page}: {why}" : $"MISSING  {page}");
        var missing = all.Where(p => !planned.Contains(p) && !Excluded.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "pages neither swept nor excluded: " + string.Join(", ", missing));
        Assert.Empty(Excluded.Keys.Except(all)); // no stale exclusions
    }

    public static TheoryData<string> SweeperNames => new(Sweepers);

    [Theory]
    [MemberData(nameof(SweeperNames))]
    public Task Every_page_has_no_serious_accessibility_violations(string personaName) => RunAsync(async s =>
    {
        var persona = AuthorizationMatrixTests.Personas.Single(p => p.Name == personaName);
        var visits = Plan().Where(p => p.Persona == personaName).Select(p => p.Visit).ToList();
        var ids = await RecordsAsync();
        await SignInAsync(s.Page, persona);
        var found = new List<string>();
        var log = new List<string>();
        foreach (var (language, locale) in new[] { ("zh-Hans", "zh"), ("en", "en") })
        {
            foreach (var baseUrl in visits.Select(v => BaseUrl(v.Site)).Distinct())
                await Switches.LanguageAsync(s.Page, baseUrl + "/", language);
            foreach (var width in new[] { 375, 1280 })
            {
                await s.Page.SetViewportSizeAsync(width, 900);
                foreach (var visit in visits)
                {
                    var url = BaseUrl(visit.Site) + Fill(visit.Url, ids);
                    var response = await s.Page.GotoAsync(url);
                    Assert.True(response?.Status == 200, $"{url}: {response?.Status} (a swept page must render)");
                    await Expect(s.Page.Locator("html")).ToHaveAttributeAsync("lang", new System.Text.RegularExpressions.Regex("^" + locale));
                    var violations = await SeriousViolationsAsync(s.Page);
                    found.AddRange(violations.Select(v => $"[{language} {width}px] {visit.Site} {visit.Page}: {v}"));
                    log.Add($"{personaName,-18} {language,-7} {width,4}px {visit.Site,-6} {visit.Page,-28} {Fill(visit.Url, ids)}  {(violations.Count == 0 ? "ok" : violations.Count + " serious/critical")}");
                }
            }
        }
        // Leave the persona's saved language as the demo data has it (other tests expect Chinese mails).
        foreach (var baseUrl in visits.Select(v => BaseUrl(v.Site)).Distinct())
            await Switches.LanguageAsync(s.Page, baseUrl + "/", "zh-Hans");
        foreach (var line in log) output.WriteLine(line);
        Report(personaName, log);
        Assert.True(found.Count == 0, string.Join('\n', found));
    });

    private string BaseUrl(string site) => site == "Portal" ? Sites.Portal.BaseUrl : Sites.Admin.BaseUrl;

    private static string Fill(string url, Dictionary<string, string> ids) =>
        ids.Aggregate(url, (u, id) => u.Replace("{" + id.Key + "}", id.Value, StringComparison.Ordinal));

    private async Task SignInAsync(IPage page, Persona persona)
    {
        if (persona.Email is null) return;
        if (persona.IsStaff) { await SignIn.ToAdminAsync(page, Sites, persona.Email); return; }
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(page, persona.Email, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
    }

    /// <summary>The matrix's HY records, plus an older case of the owner's unit, a major complaint and a signed callback link.</summary>
    private async Task<Dictionary<string, string>> RecordsAsync()
    {
        var (ids, _) = await AuthorizationMatrixTests.HyRecordsAsync(Sites);
        var result = ids.ToDictionary(i => i.Key, i => i.Value.ToString(CultureInfo.InvariantCulture));
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var unit = ids["unit"];
        result["oldCase"] = (await db.Cases.Where(c => c.UnitId == unit).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()).ToString(CultureInfo.InvariantCulture);
        result["majorCase"] = (await db.Cases.Where(c => c.IsMajor && c.EstateId == ids["estate"]).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync()).ToString(CultureInfo.InvariantCulture);
        var callback = await db.Callbacks.Where(c => c.Id == ids["callback"]).Select(c => new { c.CaseId, c.Round }).SingleAsync();
        var key = await CallbackLinks.KeyAsync(db, DateTimeOffset.UtcNow);
        result["callbackToken"] = CallbackLinks.Create(key, callback.CaseId, callback.Round, null, DateTimeOffset.UtcNow.AddDays(3));
        return result;
    }

    internal static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
    }

    private static readonly object ReportGate = new();

    /// <summary>artifacts/accessibility-sweep.txt: one line per visit, rewritten per persona (test.sh prints its size).</summary>
    private static void Report(string persona, List<string> lines)
    {
        lock (ReportGate)
        {
            Directory.CreateDirectory(Artifacts);
            var path = Path.Combine(Artifacts, "accessibility-sweep.txt");
            var kept = File.Exists(path) ? File.ReadAllLines(path).Where(l => !l.StartsWith(persona.PadRight(18) + " ", StringComparison.Ordinal)) : [];
            File.WriteAllLines(path, kept.Concat(lines));
        }
    }
}
