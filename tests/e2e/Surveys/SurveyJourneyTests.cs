using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Surveys;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Surveys;

/// <summary>Questionnaires: the quality office opens a round, the estate adds questions, owners answer on a phone, staff read results.</summary>
public class SurveyJourneyTests(SitesFixture sites) : BrowserTest(sites)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>An open round for HY only, with one Part B single-choice question.</summary>
    private async Task<(int Id, string Title)> OpenHyRoundAsync()
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var title = "测试问卷 " + Guid.NewGuid().ToString("N")[..6];
        var round = await SurveyRounds.CreateAsync(db, title, Today.AddDays(-1), Today.AddDays(20), [1]);
        await SurveyRounds.AddQuestionAsync(db, round.Id, 1, SurveyQuestionKind.SingleChoice, "最希望改进哪一项？", ["电梯", "停车", "保洁"]);
        return (round.Id, title);
    }

    private async Task OwnerSignInAsync(IPage page, string email)
    {
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(page, email, DemoDataGenerator.DemoPassword);
    }

    private static ILocator Rating(IPage page, SurveyItem item, int value) =>
        page.GetByTestId($"item-{item}").Locator("label.rating-option").Nth(value - 1);

    private static ILocator RatingInput(IPage page, SurveyItem item, int value) =>
        page.GetByTestId($"item-{item}").Locator($"input[type=radio][value='{value}']");

    [Fact]
    public Task An_owner_answers_on_a_phone_saves_for_later_comes_back_and_changes_an_answer() => RunAsync(async s =>
    {
        var (roundId, title) = await OpenHyRoundAsync();
        var page = s.Page;
        await OwnerSignInAsync(page, "owner2.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        var banner = page.GetByTestId("survey-banner").Filter(new() { HasText = title });
        await Expect(banner).ToBeVisibleAsync();
        await banner.Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);

        // Part of the form, then "save for later".
        await Rating(page, SurveyItem.PowerSupply, 5).ClickAsync();
        await Rating(page, SurveyItem.WaterSupply, 2).ClickAsync();
        await page.GetByTestId("item-WaterSupply").Locator("input[name$='.Comment']").FillAsync("高峰期水压低");
        await ScreenshotAsync(page, "survey-answer-phone-zh");
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("已保存草稿");

        // Later: the draft is there; finish and submit.
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(banner).ToContainTextAsync("草稿");
        await page.GotoAsync($"{Sites.Portal.BaseUrl}/Surveys/Answer/{roundId}");
        await Expect(page.GetByTestId("draft")).ToBeVisibleAsync();
        await Expect(RatingInput(page, SurveyItem.WaterSupply, 2)).ToBeCheckedAsync();
        await Expect(page.GetByTestId("item-WaterSupply").Locator("input[name$='.Comment']")).ToHaveValueAsync("高峰期水压低");
        await Rating(page, SurveyItem.Greening, 4).ClickAsync();
        await page.GetByTestId("question-1").GetByText("停车").ClickAsync();
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("问卷已提交");

        // Later again: the answer is shown and can be changed until the round closes.
        await page.GotoAsync($"{Sites.Portal.BaseUrl}/Surveys/Answer/{roundId}");
        await Expect(page.GetByTestId("answered")).ToBeVisibleAsync();
        await Expect(RatingInput(page, SurveyItem.Greening, 4)).ToBeCheckedAsync();
        await Rating(page, SurveyItem.WaterSupply, 4).ClickAsync();
        await page.GetByTestId("submit").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("问卷已提交");
        await Expect(RatingInput(page, SurveyItem.WaterSupply, 4)).ToBeCheckedAsync();

        // Nothing wider than the phone.
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);
        Assert.Empty(s.ConsoleErrors);

        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var rows = await db.SurveyResponses.Include(r => r.Answers).Where(r => r.RoundId == roundId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, rows.Count); // the first submission is kept as history
        var counted = rows.Single(r => r.IsCurrent);
        Assert.Equal(4, counted.Answers.Single(a => a.Item == SurveyItem.WaterSupply).Rating);
        Assert.Equal([1], counted.Answers.Single(a => a.QuestionId != null).Choices);
        Assert.Equal(2, rows.Single(r => !r.IsCurrent).Answers.Single(a => a.Item == SurveyItem.WaterSupply).Rating);
    }, width: 375);

    [Fact]
    public Task The_form_reads_in_English_on_a_phone() => RunAsync(async s =>
    {
        var (roundId, _) = await OpenHyRoundAsync();
        var page = s.Page;
        await OwnerSignInAsync(page, "owner1.hy@demo.ownerportal.cn");
        await Switches.LanguageAsync(page, $"{Sites.Portal.BaseUrl}/Surveys/Answer/{roundId}", "en");
        await Expect(page.GetByTestId("part-a")).ToContainTextAsync("Very satisfied");
        await ScreenshotAsync(page, "survey-answer-phone-en");
    }, width: 375);

    [Fact]
    public Task An_owner_of_another_estate_cannot_open_the_round() => RunAsync(async s =>
    {
        var (roundId, title) = await OpenHyRoundAsync();
        var page = s.Page;
        await OwnerSignInAsync(page, "owner1.bhw@demo.ownerportal.cn");
        var response = await page.GotoAsync($"{Sites.Portal.BaseUrl}/Surveys/Answer/{roundId}");
        Assert.Equal(404, response!.Status);
        var post = await page.Context.APIRequest.PostAsync($"{Sites.Portal.BaseUrl}/Surveys/Answer/{roundId}?handler=Submit",
            new() { MaxRedirects = 0, Form = page.Context.APIRequest.CreateFormData().Set("Input.Items[0].Item", "PowerSupply").Set("Input.Items[0].Rating", "5") });
        Assert.True(post.Status is 400 or 404, $"got {post.Status}"); // no antiforgery token or not found; never saved
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await Expect(page.GetByTestId("survey-banner").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        Assert.False(await db.SurveyResponses.AnyAsync(r => r.RoundId == roundId));
    });

    [Fact]
    public Task The_quality_office_opens_a_round_the_manager_adds_a_question_previews_and_invites() => RunAsync(async s =>
    {
        var page = s.Page;
        await SignIn.ToAdminAsync(page, Sites, "quality@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Surveys");
        var title = "专项调查 " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#Input_Title").FillAsync(title);
        await page.Locator("#Input_OpensOn").FillAsync(Today.ToString("yyyy-MM-dd"));
        await page.Locator("#Input_ClosesOn").FillAsync(Today.AddDays(30).ToString("yyyy-MM-dd"));
        await page.Locator("input[name='Input.EstateIds'][value='3']").UncheckAsync();
        await page.GetByTestId("create-round").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Expect(page.GetByTestId("round-estates").Locator("tbody tr")).ToHaveCountAsync(2);
        var roundId = int.Parse(new Uri(page.Url).Segments[^1], System.Globalization.CultureInfo.InvariantCulture);

        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        await using (var context = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } }))
        {
            var manager = await context.NewPageAsync();
            await SignIn.ToAdminAsync(manager, Sites, "manager.hy@demo.ownerportal.cn");
            await manager.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Round/{roundId}");
            await manager.Locator("#NewQuestion_Kind").SelectOptionAsync("MultipleChoice");
            await manager.Locator("#NewQuestion_Text").FillAsync("您通过哪些渠道了解物业通知？");
            await manager.Locator("#NewQuestion_Options").FillAsync("业主门户");
            await manager.GetByTestId("add").ClickAsync();
            await Expect(manager.Locator("span[data-valmsg-for='NewQuestion.Options']")).ToContainTextAsync("两个选项");
            await Expect(manager.Locator("#NewQuestion_Text")).ToHaveValueAsync("您通过哪些渠道了解物业通知？");
            await manager.Locator("#NewQuestion_Options").FillAsync("业主门户\n公告栏\n微信群");
            await manager.GetByTestId("add").ClickAsync();
            await Expect(manager.GetByTestId("status")).ToContainTextAsync("已添加问题");
            await manager.GetByTestId("invite").ClickAsync();
            await Expect(manager.GetByTestId("status")).ToContainTextAsync("封邮件");
            await ScreenshotAsync(manager, "survey-round-manager-zh");
            await manager.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Preview/{roundId}");
            await Expect(manager.GetByTestId("part-b")).ToContainTextAsync("微信群");
            await ScreenshotAsync(manager, "survey-preview-zh");
        }
        Assert.True(await db.Outbox.AnyAsync(m => m.Kind == "survey.invite" && m.To == "owner1.hy@demo.ownerportal.cn" && m.Subject.Contains(title)));
        Assert.False(await db.Outbox.AnyAsync(m => m.Kind == "survey.invite" && m.To.EndsWith(".czy@demo.ownerportal.cn") && m.Subject.Contains(title)));

        // Once a household answered, the questions are fixed.
        var round = await db.SurveyRounds.SingleAsync(r => r.Id == roundId);
        var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var questions = await SurveyRounds.QuestionsAsync(db, roundId, 1);
        await SurveyAnswers.SaveAsync(db, round, 1, owner.ActiveUnitId!.Value, Respondent.Owner(owner.Id), SurveyForm.Blank(questions), questions, true, Today, DateTimeOffset.UtcNow);
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Round/{roundId}?estate=1");
        await Expect(page.GetByTestId("locked")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("add-question")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_dispatcher_keys_in_a_paper_form_marked_as_paper() => RunAsync(async s =>
    {
        var (roundId, _) = await OpenHyRoundAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var unit = await db.Units.Where(u => u.EstateId == 1 && !db.People.Any(p => p.ActiveUnitId == u.Id && p.UserId != null))
            .OrderByDescending(u => u.Id).Select(u => new { u.Id, u.Number }).FirstAsync();
        var page = s.Page;
        await SignIn.ToAdminAsync(page, Sites, "dispatcher.hy@demo.ownerportal.cn");
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Round/{roundId}");
        await page.GetByTestId("paper-link").ClickAsync();
        await page.Locator("#UnitNumber").FillAsync("no-such-unit");
        await Rating(page, SurveyItem.Sanitation, 3).ClickAsync();
        await page.GetByTestId("save-paper").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='UnitNumber']")).ToContainTextAsync("没有房号");
        await Expect(RatingInput(page, SurveyItem.Sanitation, 3)).ToBeCheckedAsync();
        await page.Locator("#UnitNumber").FillAsync(unit.Number);
        await page.GetByTestId("save-paper").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync(unit.Number);
        var saved = await db.SurveyResponses.Include(r => r.Answers).SingleAsync(r => r.RoundId == roundId && r.UnitId == unit.Id);
        Assert.True(saved.IsPaper && saved.IsCurrent && saved.PersonId is null && saved.EnteredByStaffId is not null);
        Assert.Equal(3, saved.Answers.Single().Rating);
    });

    [Fact]
    public Task The_manager_reads_results_with_the_previous_round_and_the_cases_behind_low_items() => RunAsync(async s =>
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var july = await db.SurveyRounds.Where(r => r.OpensOn == new DateOnly(2026, 7, 1)).Select(r => r.Id).SingleAsync();
        var page = s.Page;
        await SignIn.ToAdminAsync(page, Sites, "manager.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Surveys");
        await ScreenshotAsync(page, "survey-rounds-zh");
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Results/{july}");
        await Expect(page.GetByTestId("scope")).ToContainTextAsync("华苑新城");
        await Expect(page.GetByTestId("scope")).ToContainTextAsync("2026年1月");
        await Expect(page.GetByTestId("overall")).ToContainTextAsync("%");
        await Expect(page.GetByTestId("low-items").Locator("a[href^='/Cases/Detail/']").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("part-b-results").Locator("section")).ToHaveCountAsync(4);
        await ScreenshotAsync(page, "survey-results-zh");
        var csv = await page.Context.APIRequest.GetAsync($"{Sites.Admin.BaseUrl}/Surveys/Results/{july}?handler=Export&format=csv");
        Assert.Equal(200, csv.Status);
        var csvText = System.Text.Encoding.UTF8.GetString(await csv.BodyAsync());
        Assert.Contains("回收率", csvText);
        Assert.Contains("消防与治安", csvText);
        var xlsx = await page.Context.APIRequest.GetAsync($"{Sites.Admin.BaseUrl}/Surveys/Results/{july}?handler=Export&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Headers["content-type"]);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await xlsx.BodyAsync())))
            Assert.NotNull(zip.GetEntry("xl/worksheets/sheet1.xml"));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".sidebar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("print")).ToBeHiddenAsync();
        await ScreenshotAsync(page, "survey-results-print-zh");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Switches.LanguageAsync(page, "en"); // on the results page, which it returns to
        await Expect(page.GetByTestId("definitions")).ToContainTextAsync("Item satisfaction");
        await ScreenshotAsync(page, "survey-results-en");

        // The quality office sees the company-wide results with every estate.
        await using var context = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
        var quality = await context.NewPageAsync();
        await SignIn.ToAdminAsync(quality, Sites, "quality@demo.ownerportal.cn");
        await quality.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Results/{july}");
        await Expect(quality.GetByTestId("by-estate").Locator("tbody tr")).ToHaveCountAsync(3);
        await ScreenshotAsync(quality, "survey-results-company-zh");
    });

    [Fact]
    public Task A_committee_member_reads_the_published_results_and_plan_an_owner_the_summary_without_unapproved_comments() => RunAsync(async s =>
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var july = await db.SurveyRounds.Where(r => r.OpensOn == new DateOnly(2026, 7, 1)).Select(r => r.Id).SingleAsync();
        var hidden = await db.SurveyAnswers.Where(a => a.Text != null && !a.TextApproved && a.Item != null
                && db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.RoundId == july && r.EstateId == 1 && r.IsCurrent))
            .Select(a => a.Text!).Distinct().ToListAsync();
        var shown = await db.SurveyAnswers.Where(a => a.Text != null && a.TextApproved && a.Item != null
                && db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.RoundId == july && r.EstateId == 1 && r.IsCurrent))
            .Select(a => a.Text!).Distinct().ToListAsync();
        Assert.NotEmpty(hidden);
        Assert.NotEmpty(shown);

        var page = s.Page; // owner1.hy sits on the HY owners' committee in the demo data
        await OwnerSignInAsync(page, "owner1.hy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        await page.GetByTestId("survey-results").Filter(new() { HasText = "2026年7月" }).Locator("a").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("2026年7月业主满意度调查");
        await Expect(page.GetByTestId("plan")).ToContainTextAsync("夜间巡逻");
        await Expect(page.GetByTestId("full")).ToContainTextAsync(shown[0]);
        var text = await page.Locator("main").InnerTextAsync();
        Assert.All(hidden, h => Assert.DoesNotContain(h, text));
        var people = await db.People.Where(p => db.UnitMemberships.Any(m => m.PersonId == p.Id && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == 1)))
            .Select(p => new { p.FullName, p.Phone }).Take(200).ToListAsync();
        Assert.DoesNotContain(people, p => text.Contains(p.Phone, StringComparison.Ordinal));
        await ScreenshotAsync(page, "survey-published-committee-phone-zh");

        await using var context = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 375, Height = 800 } });
        var owner = await context.NewPageAsync();
        await OwnerSignInAsync(owner, "owner2.hy@demo.ownerportal.cn");
        await owner.GotoAsync($"{Sites.Portal.BaseUrl}/Surveys/Results/{july}");
        await Expect(owner.GetByTestId("summary")).ToContainTextAsync("%");
        await Expect(owner.GetByTestId("plan")).ToHaveCountAsync(0);
        await Expect(owner.GetByTestId("full")).ToHaveCountAsync(0);
    }, width: 375);

    [Fact]
    public Task The_manager_approves_a_comment_adds_a_plan_item_and_publishes_the_earlier_round() => RunAsync(async s =>
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var january = await db.SurveyRounds.Where(r => r.OpensOn == new DateOnly(2026, 1, 1)).Select(r => r.Id).SingleAsync();
        var page = s.Page;
        await SignIn.ToAdminAsync(page, Sites, "manager.hy@demo.ownerportal.cn");
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Surveys/Results/{january}");
        await page.GetByTestId("publish-link").ClickAsync();
        await page.GetByTestId("add-plan").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='NewItem.Problem']")).ToBeVisibleAsync();
        await page.Locator("#NewItem_Item").SelectOptionAsync("Sanitation");
        await page.Locator("#NewItem_Problem").FillAsync("垃圾清运不及时");
        await page.Locator("#NewItem_Action").FillAsync("每日清运增至两次");
        await page.Locator("#NewItem_DueOn").FillAsync("2026-12-31");
        await page.GetByTestId("add-plan").ClickAsync();
        await Expect(page.GetByTestId("plan")).ToContainTextAsync("垃圾清运不及时");
        var row = page.GetByTestId("texts").Locator("tr", new() { HasText = "垃圾清运不够及时" });
        await row.GetByTestId("approve").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("同意发布");
        await page.GetByTestId("publish").ClickAsync();
        await Expect(page.GetByTestId("published")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "survey-publish-zh");

        await using var context = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 375, Height = 800 } });
        var committee = await context.NewPageAsync();
        await OwnerSignInAsync(committee, "owner1.hy@demo.ownerportal.cn");
        await committee.GotoAsync($"{Sites.Portal.BaseUrl}/Surveys/Results/{january}");
        await Expect(committee.GetByTestId("plan")).ToContainTextAsync("每日清运增至两次");
        await Expect(committee.GetByTestId("full")).ToContainTextAsync("垃圾清运不够及时");
    });
}
