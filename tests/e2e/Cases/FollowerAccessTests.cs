using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Cases;

/// <summary>
/// Issue #15 finding 1 and 9, tried as the reviewer did with raw posts: an owner who joined a neighbour's public-area
/// case reads and comments but cannot act as the reporter nor learn who they are; a signed callback link of another
/// household is not answered as the signed-in owner.
/// </summary>
public class FollowerAccessTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Reporter = "owner1.czy@demo.ownerportal.cn", Neighbour = "owner2.czy@demo.ownerportal.cn";

    private async Task<(long Id, string ReporterName)> PublicAreaCaseAsync(string description)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var owner = await db.People.Where(p => p.Email == Reporter)
            .Select(p => new { p.Id, p.FullName, p.Phone, UnitId = p.ActiveUnitId!.Value, EstateId = db.Units.Where(u => u.Id == p.ActiveUnitId).Select(u => u.EstateId).First() })
            .SingleAsync();
        var area = await db.PublicAreas.Where(a => a.EstateId == owner.EstateId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var filed = await CaseIntake.FileAsync(db,
            new NewCase(owner.EstateId, CaseType.Complaint, CaseChannel.Portal, CaseLocation.PublicArea, description, UnitId: owner.UnitId,
                PublicAreaId: area, Category: CaseCategory.Facilities, ReporterPersonId: owner.Id, ReporterName: owner.FullName, ReporterPhone: owner.Phone),
            new Actor(ActorKind.Owner, owner.FullName, PersonId: owner.Id), DateTimeOffset.UtcNow);
        return (filed.Case.Id, owner.FullName);
    }

    private async Task<CaseStatus> StatusAsync(long id)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        return await db.Cases.Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
    }

    /// <summary>A form post as a hostile owner would send it, with the antiforgery token of their own session.</summary>
    private async Task<IAPIResponse> PostAsync(IPage page, string path, Dictionary<string, string> fields)
    {
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        var form = page.APIRequest.CreateFormData();
        form.Append("__RequestVerificationToken", await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync());
        foreach (var (name, value) in fields) form.Append(name, value);
        return await page.APIRequest.PostAsync(Sites.Portal.BaseUrl + path, new() { Form = form, MaxRedirects = 0 });
    }

    [Fact]
    public Task A_neighbour_who_joined_comments_but_cannot_withdraw_escalate_or_see_the_reporter() => RunAsync(async s =>
    {
        var (id, reporterName) = await PublicAreaCaseAsync("单元门禁坏了，刷卡没反应");
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, Neighbour, DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");

        var joined = await PostAsync(s.Page, "/Cases/New?handler=Join", new() { ["caseId"] = id.ToString() });
        Assert.Equal(302, joined.Status);

        await s.Page.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
        await Expect(s.Page.GetByTestId("act-Comment")).ToBeVisibleAsync();
        foreach (var act in new[] { "Withdraw", "Escalate", "ConfirmResolved", "Reopen" })
            await Expect(s.Page.GetByTestId($"act-{act}")).ToHaveCountAsync(0);
        Assert.DoesNotContain(reporterName, await s.Page.GetByTestId("timeline").InnerTextAsync());

        foreach (var act in new[] { "Withdraw", "Escalate" })
        {
            var refused = await PostAsync(s.Page, $"/Cases/Detail/{id}", new() { ["act"] = act, ["Text"] = "不是我的报事" });
            Assert.Equal(200, refused.Status); // the page again, with "not possible now"
            Assert.Equal(CaseStatus.Received, await StatusAsync(id));
        }
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            Assert.False(await db.CaseEvents.AnyAsync(e => e.CaseId == id && e.Kind == CaseEventKind.Escalated));

        // A comment is theirs to add, and shows with their own name.
        var commented = await PostAsync(s.Page, $"/Cases/Detail/{id}", new() { ["act"] = "Comment", ["Text"] = "我家那栋也一样" });
        Assert.Equal(302, commented.Status);
    });

    [Fact]
    public Task Only_open_public_area_cases_of_the_owners_estate_can_be_joined() => RunAsync(async s =>
    {
        var (withdrawn, _) = await PublicAreaCaseAsync("路灯不亮");
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var c = await db.Cases.SingleAsync(x => x.Id == withdrawn);
            c.Withdraw(new Actor(ActorKind.Owner, "x", PersonId: c.ReporterPersonId), DateTimeOffset.UtcNow, null);
            await db.SaveChangesAsync();
        }
        var ownFlat = await CaseFiling.FileForAsync(Sites.ConnectionString, Reporter, "厨房漏水");
        var otherEstate = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.bhw@demo.ownerportal.cn", "别的小区");

        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, Neighbour, DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        foreach (var id in new[] { withdrawn, ownFlat, otherEstate })
        {
            var response = await PostAsync(s.Page, "/Cases/New?handler=Join", new() { ["caseId"] = id.ToString() });
            Assert.Equal(404, response.Status);
            Assert.Equal(404, (await s.Page.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}"))!.Status);
        }
    });

    [Fact]
    public Task A_callback_link_of_another_household_is_not_answered_as_the_signed_in_owner() => RunAsync(async s =>
    {
        long caseId; int round; string token;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var neighbour = await db.People.Where(p => p.Email == Neighbour).Select(p => p.Id).SingleAsync();
            var due = await db.Callbacks.Where(b => b.Status == CallbackStatus.Due
                    && !db.Cases.Any(c => c.Id == b.CaseId && db.UnitMemberships.Any(m => m.PersonId == neighbour && m.UnitId == c.UnitId)))
                .OrderByDescending(b => b.DueUntil).Select(b => new { b.CaseId, b.Round, b.DueUntil }).FirstAsync();
            (caseId, round) = (due.CaseId, due.Round);
            var key = await CallbackLinks.KeyAsync(db, DateTimeOffset.UtcNow);
            token = CallbackService.AnswerPath(key, due.CaseId, due.Round, due.DueUntil, CallbackOutcome.Fixed);
        }
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, Neighbour, DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");

        await s.Page.GotoAsync(Sites.Portal.BaseUrl + token);
        await Expect(s.Page.GetByTestId("other-household")).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("answer-form")).ToHaveCountAsync(0);

        var query = token[(token.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        await PostAsync(s.Page, "/Callbacks/Answer", new() { ["t"] = Uri.UnescapeDataString(query), ["Input.Outcome"] = "Fixed" });
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            Assert.Equal(CallbackStatus.Due, await db.Callbacks.Where(b => b.CaseId == caseId && b.Round == round).Select(b => b.Status).SingleAsync());
    });
}

/// <summary>The "already reported?" offer on the form (issue #18 defect 1): "me too" joins, "file mine anyway" files.</summary>
public class SimilarCaseOfferTests(SitesFixture sites) : BrowserTest(sites)
{
    private async Task<(long Id, int AreaId)> NeighboursPublicCaseAsync(CaseCategory category)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var owner = await db.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn")
            .Select(p => new { p.Id, p.FullName, UnitId = p.ActiveUnitId!.Value, EstateId = db.Units.Where(u => u.Id == p.ActiveUnitId).Select(u => u.EstateId).First() })
            .SingleAsync();
        var area = await db.PublicAreas.Where(a => a.EstateId == owner.EstateId).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync();
        var filed = await CaseIntake.FileAsync(db,
            new NewCase(owner.EstateId, CaseType.Complaint, CaseChannel.Portal, CaseLocation.PublicArea, "地下车库灯不亮", UnitId: owner.UnitId,
                PublicAreaId: area, Category: category, ReporterPersonId: owner.Id, ReporterName: owner.FullName),
            new Actor(ActorKind.Owner, owner.FullName, PersonId: owner.Id), DateTimeOffset.UtcNow);
        return (filed.Case.Id, area);
    }

    private static async Task FillPublicAreaFormAsync(IPage page, int areaId, CaseCategory category, string description)
    {
        await page.Locator("input[name='Input.Type'][value='Complaint']").CheckAsync();
        await page.Locator("#Input_Category").SelectOptionAsync(category.ToString());
        await page.Locator("input[name='Input.Location'][value='PublicArea']").CheckAsync();
        await page.Locator("#Input_PublicAreaId").SelectOptionAsync(areaId.ToString());
        await page.Locator("#Input_Description").FillAsync(description);
        await page.GetByTestId("submit-case").ClickAsync();
    }

    [Fact]
    public Task File_mine_anyway_files_the_case_after_the_offer() => RunAsync(async s =>
    {
        var (existing, area) = await NeighboursPublicCaseAsync(CaseCategory.Security);
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await SignIn.FillAsync(s.Page, "owner2.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await FillPublicAreaFormAsync(s.Page, area, CaseCategory.Security, "车库出口的灯坏了好几天");
        await Expect(s.Page.GetByTestId("duplicates")).ToContainTextAsync("地下车库灯不亮");

        await s.Page.GetByTestId("submit-case").ClickAsync(); // "file mine anyway"
        await Expect(s.Page.GetByTestId("description")).ToHaveTextAsync("车库出口的灯坏了好几天");
        Assert.DoesNotMatch($"/Cases/Detail/{existing}$", s.Page.Url);
    });

    [Fact]
    public Task Me_too_joins_the_open_case_as_a_follower() => RunAsync(async s =>
    {
        var (existing, area) = await NeighboursPublicCaseAsync(CaseCategory.Greening);
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
        await SignIn.FillAsync(s.Page, "owner2.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await FillPublicAreaFormAsync(s.Page, area, CaseCategory.Greening, "车库灯");
        await s.Page.GetByTestId("me-too").First.ClickAsync();
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{existing}");
        await Expect(s.Page.GetByTestId("act-Comment")).ToBeVisibleAsync();
        await Expect(s.Page.GetByTestId("act-Withdraw")).ToHaveCountAsync(0);
    });
}
