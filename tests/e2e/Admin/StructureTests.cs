using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>The estate structure pages: buildings and units, people of a unit, CSV import, owners' committee.</summary>
public class StructureTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Czy = "manager.czy@demo.ownerportal.cn";

    private OwnerPortalDbContext Db() => new(TestDatabase.Options(Sites.ConnectionString));

    private static FilePayload Csv(string name, string text, bool bom = true) => new()
    {
        Name = name, MimeType = "text/csv",
        Buffer = (bom ? Encoding.UTF8.Preamble.ToArray() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
    };

    private static async Task UploadAsync(IPage page, FilePayload file)
    {
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        await page.GetByTestId("import-submit").ClickAsync();
    }

    private static async Task EnglishAsync(IPage page)
    {
        await Switches.Language(page, "en").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public Task A_manager_imports_a_csv_with_a_bad_row_sees_the_report_and_nothing_is_created_then_fixes_it() => RunAsync(async s =>
    {
        var page = s.Page;
        const string header = "building,unit,floor,area_m2\r\n";
        const string good = "测试楼,测试楼-1-101,1,89.50\r\n测试楼,测试楼-1-102,1,90\r\n\"测试楼\",测试楼-1-201,2,89.5\r\n";
        const string bad = "测试楼,测试楼-1-202,0,90\r\n";
        const string fixedRow = "测试楼,测试楼-1-202,2,90\r\n";

        await SignIn.ToAdminAsync(page, Sites, Czy);
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Structure");
        await Expect(page.GetByTestId("estate")).ToContainTextAsync("翠竹园");
        await Expect(page.GetByTestId("estate-choice")).ToHaveCountAsync(0); // estate staff go straight to theirs
        await Expect(page.GetByTestId("buildings").Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("public-areas")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "admin-structure-zh-1280");

        await page.GetByTestId("import-link").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("导入楼栋和房屋");
        await Expect(page.GetByTestId("columns")).ToContainTextAsync("area_m2");

        // The template downloads as UTF-8 with a BOM.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template").ClickAsync());
        var template = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), template[..3]);
        Assert.StartsWith("building,unit,floor,area_m2", Encoding.UTF8.GetString(template[3..]));

        // Nothing chosen, then a file over 2 MB: clear messages.
        await page.GetByTestId("import-submit").ClickAsync();
        await Expect(page.GetByTestId("upload-error")).ToHaveTextAsync("请选择要上传的 CSV 文件。");
        await UploadAsync(page, new FilePayload { Name = "big.csv", MimeType = "text/csv", Buffer = new byte[3 * 1024 * 1024] });
        await Expect(page.GetByTestId("upload-error")).ToContainTextAsync("超过 2 MB 的上限");

        // Row 5 has floor 0: the row report names it, and nothing at all is imported.
        await UploadAsync(page, Csv("units.csv", header + good + bad));
        var errors = page.GetByTestId("import-error");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.First).ToHaveAttributeAsync("data-row", "5");
        await Expect(errors.First).ToHaveAttributeAsync("data-column", "floor");
        await Expect(errors.First).ToContainTextAsync("“0”不是有效的楼层");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("未导入任何数据");
        await ScreenshotAsync(page, "admin-structure-import-errors-zh-1280");
        await using (var db = Db())
        {
            Assert.False(await db.Units.AnyAsync(u => u.Number.StartsWith("测试楼-")));
            Assert.False(await db.Buildings.AnyAsync(b => b.Name == "测试楼"));
        }

        // The same report in English.
        await EnglishAsync(page);
        await UploadAsync(page, Csv("units.csv", header + good + bad, bom: false));
        await Expect(errors.First).ToContainTextAsync("is not a valid floor");
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("nothing was imported");
        await ScreenshotAsync(page, "admin-structure-import-errors-en-1280");

        // Fixed: every unit goes in, the missing building is created.
        await UploadAsync(page, Csv("units.csv", header + good + fixedRow));
        await Expect(page).ToHaveURLAsync(new Regex("/Structure$"));
        await Expect(page.GetByTestId("status")).ToContainTextAsync("Imported 4 units from units.csv. Buildings created: 1.");
        await ScreenshotAsync(page, "admin-structure-en-1280");
        await using (var db = Db())
        {
            var units = await db.Units.Where(u => u.Number.StartsWith("测试楼-")).OrderBy(u => u.Number).Select(u => new { u.Number, u.Floor, u.AreaM2 }).ToListAsync();
            Assert.Equal(["测试楼-1-101", "测试楼-1-102", "测试楼-1-201", "测试楼-1-202"], units.Select(u => u.Number));
            Assert.Equal(89.5m, units[0].AreaM2);
            var building = await db.Buildings.SingleAsync(b => b.Name == "测试楼");
            Assert.Equal(2, building.Floors);
            Assert.Equal("CZY", await db.Estates.Where(e => e.Id == building.EstateId).Select(e => e.Code).SingleAsync());
        }

        // The units appear on the building's page, searchable by number.
        await page.GetByTestId("buildings").GetByRole(AriaRole.Link, new() { Name = "测试楼" }).ClickAsync();
        await Expect(page.GetByTestId("unit")).ToHaveCountAsync(4);
        await page.Locator("#q").FillAsync("202");
        await page.Locator("form[role=search] button").ClickAsync();
        await Expect(page.GetByTestId("unit")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("unit").First).ToContainTextAsync("测试楼-1-202");
        await page.GetByRole(AriaRole.Link, new() { Name = "Clear search" }).ClickAsync();
        await Expect(page.GetByTestId("unit")).ToHaveCountAsync(4);
        await ScreenshotAsync(page, "admin-structure-building-en-1280");

        // Importing the same file again: every unit already exists, nothing changes.
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Structure/Import");
        await UploadAsync(page, Csv("units.csv", header + good + fixedRow));
        await Expect(errors).ToHaveCountAsync(4);
        await Expect(errors.First).ToContainTextAsync("already exists in this estate");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task A_manager_adds_a_person_to_a_unit_and_revokes_the_link_after_confirming() => RunAsync(async s =>
    {
        var page = s.Page;
        int unitId; string unitNumber;
        await using (var db = Db())
        {
            // A CZY unit away from the ones other tests use, with its demo owner.
            var unit = await db.Units.Where(u => db.Estates.Any(e => e.Id == u.EstateId && e.Code == "CZY"))
                .OrderBy(u => u.Id).Skip(40).FirstAsync();
            (unitId, unitNumber) = (unit.Id, unit.Number);
        }

        await SignIn.ToAdminAsync(page, Sites, Czy);
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure/Unit?id={unitId}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"房屋 {unitNumber}");
        // Phones are masked: 3 digits, stars, 4 digits.
        await Expect(page.GetByTestId("person").First.Locator(".phone")).ToHaveTextAsync(new Regex(@"^\d{3}\*{4}\d{4}$"));

        // A bad mobile number keeps what was typed.
        await page.Locator("#Input_FullName").FillAsync("测试住户");
        await page.Locator("#Input_Mobile").FillAsync("12345");
        await page.Locator("#Input_Relation").SelectOptionAsync("Resident");
        await page.GetByTestId("add-person").Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.Mobile']")).ToContainTextAsync("11 位手机号码");
        await Expect(page.Locator("#Input_FullName")).ToHaveValueAsync("测试住户");
        await page.Locator("#Input_Mobile").FillAsync("13912345678");
        await page.GetByTestId("add-person").Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已添加 测试住户。");
        var row = page.GetByTestId("person").Filter(new() { HasText = "测试住户" });
        await Expect(row.Locator(".phone")).ToHaveTextAsync("139****5678");
        Assert.DoesNotContain("13912345678", await page.ContentAsync());

        // Revoking asks first; cancelling changes nothing.
        await row.GetByTestId("revoke").ClickAsync();
        await Expect(page.GetByTestId("confirm-revoke")).ToContainTextAsync("测试住户");
        await ScreenshotAsync(page, "admin-structure-unit-zh-1280");
        await page.GetByTestId("confirm-revoke").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("confirm-revoke")).ToHaveCountAsync(0);
        await Expect(row).ToHaveAttributeAsync("data-revoked", "false");

        await row.GetByTestId("revoke").ClickAsync();
        await page.GetByTestId("confirm").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已解除关联。");
        await Expect(row).ToHaveAttributeAsync("data-revoked", "true");
        await Expect(row).ToHaveClassAsync("revoked");
        await Expect(row.GetByTestId("revoke")).ToHaveCountAsync(0);

        await using (var db = Db())
        {
            var person = await db.People.SingleAsync(p => p.FullName == "测试住户" && p.Phone == "13912345678");
            Assert.Null(person.UserId);
            Assert.Null(person.ActiveUnitId); // it was their only unit
            Assert.False(await UnitBindings.IsLinkedAsync(db, person.Id, unitId));
            var link = await db.UnitMemberships.SingleAsync(m => m.PersonId == person.Id);
            var manager = await db.Staff.Where(x => x.Email == Czy).Select(x => x.FullName).SingleAsync();
            Assert.Equal((UnitRelation.Resident, manager), (link.Relation, link.RevokedBy));
            Assert.NotNull(link.RevokedAt);
        }
        await Expect(row).ToContainTextAsync("解除");

        await EnglishAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Unit {unitNumber}");
        await Expect(row).ToContainTextAsync("Revoked");
        await page.GetByTestId("person").Filter(new() { HasNotText = "测试住户" }).First.GetByTestId("revoke").ClickAsync();
        await Expect(page.GetByTestId("confirm-revoke")).ToContainTextAsync("Revoke this link?");
        await ScreenshotAsync(page, "admin-structure-unit-en-1280");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task A_manager_of_another_estate_gets_404_for_a_czy_unit_and_building_and_sees_none_of_its_data() => RunAsync(async s =>
    {
        var page = s.Page;
        int unitId, buildingId, estateId, linkId, hyUnitId; string unitNumber; List<string> names;
        await using (var db = Db())
        {
            var czy = await db.Estates.SingleAsync(e => e.Code == "CZY");
            var unit = await db.Units.Where(u => u.EstateId == czy.Id).OrderBy(u => u.Id).Skip(41).FirstAsync();
            (unitId, buildingId, estateId, unitNumber) = (unit.Id, unit.BuildingId, czy.Id, unit.Number);
            names = await db.UnitMemberships.Where(m => m.UnitId == unit.Id).Select(m => db.People.First(p => p.Id == m.PersonId).FullName).ToListAsync();
            Assert.NotEmpty(names);
            linkId = await db.UnitMemberships.Where(m => m.UnitId == unit.Id && m.RevokedAt == null).Select(m => m.Id).FirstAsync();
            hyUnitId = await db.Units.Where(u => db.Estates.Any(e => e.Id == u.EstateId && e.Code == "HY")).OrderBy(u => u.Id).Skip(41).Select(u => u.Id).FirstAsync();
        }

        await SignIn.ToAdminAsync(page, Sites, "manager.hy@demo.ownerportal.cn");
        var response = await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure/Unit?id={unitId}");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        var html = await page.ContentAsync();
        Assert.DoesNotContain("翠竹园", html);
        Assert.All(names, n => Assert.DoesNotContain(n, html));
        Assert.DoesNotContain(unitNumber, await page.Locator("main").InnerTextAsync());

        response = await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure/Unit?id={unitId}&revoke=1");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        response = await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure/Building?id={buildingId}");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        Assert.DoesNotContain("翠竹园", await page.ContentAsync());

        // Nor can a form posted by hand revoke a CZY link (with a valid anti-forgery token from an HY page).
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure/Unit?id={hyUnitId}");
        var token = await page.Locator("form[data-testid=add-person] input[name=__RequestVerificationToken]").InputValueAsync();
        var post = await page.APIRequest.PostAsync($"{Sites.Admin.BaseUrl}/Structure/Unit?id={unitId}&handler=Revoke", new()
        {
            Form = page.APIRequest.CreateFormData().Set("membershipId", linkId.ToString()).Set("__RequestVerificationToken", token),
            MaxRedirects = 0,
        });
        Assert.Equal((int)HttpStatusCode.NotFound, post.Status);
        await using (var db = Db()) Assert.Null((await db.UnitMemberships.SingleAsync(m => m.Id == linkId)).RevokedAt);

        // Asking for the other estate by id still shows only their own.
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure?estate={estateId}");
        await Expect(page.GetByTestId("estate")).ToContainTextAsync("华苑新城");
        Assert.DoesNotContain("翠竹园", await page.ContentAsync());
    });

    [Fact]
    public Task A_dispatcher_may_not_open_the_structure_pages() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "dispatcher.czy@demo.ownerportal.cn");
        await Expect(s.Page.Locator("nav.sidebar a[href='/Structure']")).ToHaveCountAsync(0);
        await s.Page.GotoAsync(Sites.Admin.BaseUrl + "/Structure");
        await Expect(s.Page).ToHaveURLAsync(new Regex("/AccessDenied"));
    });

    [Fact]
    public Task The_system_administrator_picks_any_estate() => RunAsync(async s =>
    {
        var page = s.Page;
        int czyUnit;
        await using (var db = Db())
            czyUnit = await db.Units.Where(u => db.Estates.Any(e => e.Id == u.EstateId && e.Code == "CZY")).OrderBy(u => u.Id).Select(u => u.Id).Skip(42).FirstAsync();

        await SignIn.ToAdminAsync(page, Sites, "admin@demo.ownerportal.cn");
        await page.Locator("nav.sidebar a[href='/Structure']").ClickAsync();
        await Expect(page.GetByTestId("choose-lead")).ToBeVisibleAsync();
        await Expect(page.Locator("#estate-choice option[value]:not([value=''])")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("estate-links").Locator("a")).ToHaveCountAsync(3);
        await ScreenshotAsync(page, "admin-structure-choose-zh-1280");

        foreach (var (code, name) in new[] { ("CZY", "翠竹园"), ("HY", "华苑新城"), ("BHW", "碧海湾花园") })
        {
            await page.Locator("#estate-choice").SelectOptionAsync(new SelectOptionValue { Label = $"{name} ({code})" });
            await page.GetByTestId("estate-choice").Locator("button").ClickAsync();
            await Expect(page.GetByTestId("estate")).ToContainTextAsync(name);
            await Expect(page.GetByTestId("buildings").Locator("tbody tr").First).ToBeVisibleAsync();
        }

        // Into a building and back keeps the chosen estate.
        await page.GetByTestId("buildings").Locator("tbody a").First.ClickAsync();
        await Expect(page.GetByTestId("unit").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "admin-structure-building-zh-1280");
        await page.Locator("nav.crumbs a").First.ClickAsync();
        await Expect(page.GetByTestId("estate")).ToContainTextAsync("碧海湾花园");

        var response = await page.GotoAsync($"{Sites.Admin.BaseUrl}/Structure/Unit?id={czyUnit}");
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("nav.crumbs")).ToContainTextAsync("翠竹园");

        await page.GotoAsync(Sites.Admin.BaseUrl + "/Structure/Import");
        await Expect(page.GetByTestId("choose-lead")).ToBeVisibleAsync();
        await EnglishAsync(page);
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Structure");
        await ScreenshotAsync(page, "admin-structure-choose-en-1280");
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task A_manager_adds_a_committee_member_by_unit_and_name_and_ends_the_membership() => RunAsync(async s =>
    {
        var page = s.Page;
        string unitNumber, owner; int personId;
        await using (var db = Db())
        {
            var czy = await db.Estates.Where(e => e.Code == "CZY").Select(e => e.Id).SingleAsync();
            var pick = await db.UnitMemberships
                .Where(m => m.Relation == UnitRelation.Owner && m.RevokedAt == null && m.Unit!.EstateId == czy
                            && !db.CommitteeMemberships.Any(c => c.PersonId == m.PersonId))
                .OrderBy(m => m.UnitId).Skip(60)
                .Select(m => new { m.Unit!.Number, m.PersonId, Name = db.People.First(p => p.Id == m.PersonId).FullName }).FirstAsync();
            (unitNumber, personId, owner) = (pick.Number, pick.PersonId, pick.Name);
        }

        await SignIn.ToAdminAsync(page, Sites, Czy);
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Structure");
        var members = page.GetByTestId("member");
        var before = await members.CountAsync();
        Assert.True(before >= 5);

        await page.Locator("#cu").FillAsync("9-9-9999");
        await page.GetByTestId("find-unit").Locator("button").ClickAsync();
        await Expect(page.Locator("#add-member .field-error")).ToContainTextAsync("没有房号为“9-9-9999”的房屋");

        await page.Locator("#cu").FillAsync(unitNumber);
        await page.GetByTestId("find-unit").Locator("button").ClickAsync();
        await page.GetByTestId("candidates").Locator("label", new() { HasText = owner }).Locator("input").CheckAsync();
        await ScreenshotAsync(page, "admin-structure-committee-zh-1280");
        await page.GetByTestId("add-member").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已添加业主委员会委员。");
        var row = members.Filter(new() { HasText = owner });
        await Expect(row).ToContainTextAsync(unitNumber);

        await row.GetByTestId("end-member").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("该委员的任期已结束。");
        await Expect(row).ToHaveClassAsync("ended");
        await Expect(row.GetByTestId("end-member")).ToHaveCountAsync(0);
        await using (var db = Db())
        {
            var membership = await db.CommitteeMemberships.SingleAsync(c => c.PersonId == personId);
            Assert.NotNull(membership.Until);
            Assert.Equal(membership.From, membership.Until);
        }
        Assert.Empty(s.ConsoleErrors);
    });
}
