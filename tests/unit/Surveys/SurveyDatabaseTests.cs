using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Surveys;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Surveys;

/// <summary>Questionnaire answers on real PostgreSQL: one counted answer per household, history kept, questions locked.</summary>
public class SurveyDatabaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }

    private static async Task<string> DemoAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        return cs;
    }

    private static SurveyInput Rated(IReadOnlyList<SurveyQuestionView> questions, int rating)
    {
        var input = SurveyForm.Blank(questions);
        input.Items.ForEach(i => i.Rating = rating);
        return input;
    }

    [Fact]
    public async Task Two_owners_of_one_unit_answering_leave_one_counted_answer_the_later_one()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var first = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var unitId = first.ActiveUnitId!.Value;
        var coOwner = new Person { FullName = "共有人", Phone = "13900000001" };
        coOwner.Units.Add(new UnitMembership { UnitId = unitId, Relation = UnitRelation.CoOwner, Since = Now.AddYears(-1) });
        db.People.Add(coOwner);
        await db.SaveChangesAsync();
        var round = await SurveyRounds.CreateAsync(db, "测试轮次", Today.AddDays(-3), Today.AddDays(20), [1, 2]);
        var questions = await SurveyRounds.QuestionsAsync(db, round.Id, 1);

        Assert.Equal(AnswerResult.Saved, await SurveyAnswers.SaveAsync(db, round, 1, unitId, Respondent.Owner(first.Id), Rated(questions, 2), questions, false, Today, Now));
        Assert.Equal(AnswerResult.Submitted, await SurveyAnswers.SaveAsync(db, round, 1, unitId, Respondent.Owner(first.Id), Rated(questions, 2), questions, true, Today, Now));
        Assert.Equal(AnswerResult.Submitted, await SurveyAnswers.SaveAsync(db, round, 1, unitId, Respondent.Owner(coOwner.Id), Rated(questions, 5), questions, true, Today, Now.AddMinutes(5)));

        await using var read = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var rows = await read.SurveyResponses.AsNoTracking().Where(r => r.RoundId == round.Id && r.UnitId == unitId).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, rows.Count); // the draft became the first submission; both submissions kept
        Assert.Equal([false, true], rows.Select(r => r.IsCurrent));
        Assert.Equal(coOwner.Id, rows.Single(r => r.IsCurrent).PersonId);

        var result = await SurveyReport.CalculateAsync(read, round.Id, 1);
        Assert.Equal(1, result.Returned);
        Assert.Equal(new Ratio(8, 8), result.Overall); // the co-owner's fives, not the first owner's twos
        Assert.Equal(await read.Units.CountAsync(u => u.EstateId == 1), result.Invited);

        // The first owner's form now shows the household's counted answer.
        var (form, isDraft, counted) = await SurveyAnswers.FormAsync(read, round.Id, unitId, first.Id, questions);
        Assert.False(isDraft);
        Assert.Equal(coOwner.Id, counted!.PersonId);
        Assert.All(form.Items, i => Assert.Equal(5, i.Rating));
    }

    [Fact]
    public async Task Submissions_at_the_same_moment_still_leave_one_counted_answer()
    {
        var cs = await DemoAsync();
        int unitId, roundId;
        List<int> people;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            unitId = (await db.People.SingleAsync(p => p.Email == "owner2.hy@demo.ownerportal.cn")).ActiveUnitId!.Value;
            for (var i = 0; i < 4; i++)
            {
                var p = new Person { FullName = "住户" + i, Phone = "1390000010" + i };
                p.Units.Add(new UnitMembership { UnitId = unitId, Relation = UnitRelation.Resident, Since = Now });
                db.People.Add(p);
            }
            await db.SaveChangesAsync();
            people = await db.UnitMemberships.Where(m => m.UnitId == unitId).Select(m => m.PersonId).ToListAsync();
            roundId = (await SurveyRounds.CreateAsync(db, "并发", Today, Today.AddDays(5), [1])).Id;
        }
        await Task.WhenAll(people.Select(async personId =>
        {
            await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
            var round = await db.SurveyRounds.SingleAsync(r => r.Id == roundId);
            await SurveyAnswers.SaveAsync(db, round, 1, unitId, Respondent.Owner(personId), Rated([], 4), [], true, Today, Now);
        }));
        await using var read = new OwnerPortalDbContext(TestDatabase.Options(cs));
        Assert.Equal(people.Count, await read.SurveyResponses.CountAsync(r => r.RoundId == roundId));
        Assert.Equal(1, await read.SurveyResponses.CountAsync(r => r.RoundId == roundId && r.IsCurrent));
    }

    [Fact]
    public async Task Questions_are_locked_once_answering_started_paper_never_replaces_an_online_answer_and_closed_rounds_take_nothing()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var round = await SurveyRounds.CreateAsync(db, "锁定", Today, Today.AddDays(10), [1]);
        Assert.Equal(QuestionChange.NeedsOptions, await SurveyRounds.AddQuestionAsync(db, round.Id, 1, SurveyQuestionKind.SingleChoice, "选哪个", ["只有一个"]));
        Assert.Equal(QuestionChange.Done, await SurveyRounds.AddQuestionAsync(db, round.Id, 1, SurveyQuestionKind.SingleChoice, "选哪个", ["甲", "乙", " "]));
        Assert.Equal(QuestionChange.NotFound, await SurveyRounds.AddQuestionAsync(db, round.Id, 2, SurveyQuestionKind.Rating, "不参加的管理处", []));
        var questions = await SurveyRounds.QuestionsAsync(db, round.Id, 1);
        Assert.Equal(["甲", "乙"], questions.Single().Options);

        await SurveyAnswers.SaveAsync(db, round, 1, owner.ActiveUnitId!.Value, Respondent.Owner(owner.Id), Rated(questions, 4), questions, false, Today, Now);
        Assert.Equal(QuestionChange.Locked, await SurveyRounds.AddQuestionAsync(db, round.Id, 1, SurveyQuestionKind.Rating, "后加的", []));
        Assert.Equal(QuestionChange.Locked, await SurveyRounds.RemoveQuestionAsync(db, questions.Single().Id));

        await SurveyAnswers.SaveAsync(db, round, 1, owner.ActiveUnitId!.Value, Respondent.Owner(owner.Id), Rated(questions, 4), questions, true, Today, Now);
        var staffId = await db.Staff.Where(s => s.Email == "dispatcher.hy@demo.ownerportal.cn").Select(s => s.Id).SingleAsync();
        Assert.Equal(AnswerResult.AnsweredOnline, await SurveyAnswers.SaveAsync(db, round, 1, owner.ActiveUnitId!.Value, Respondent.Paper(staffId), Rated(questions, 1), questions, true, Today, Now));
        var otherUnit = await db.Units.Where(u => u.EstateId == 1 && u.Id != owner.ActiveUnitId).Select(u => u.Id).FirstAsync();
        Assert.Equal(AnswerResult.Submitted, await SurveyAnswers.SaveAsync(db, round, 1, otherUnit, Respondent.Paper(staffId), Rated(questions, 1), questions, true, Today, Now));
        Assert.Equal(AnswerResult.NotOpen, await SurveyAnswers.SaveAsync(db, round, 1, otherUnit, Respondent.Paper(staffId), Rated(questions, 1), questions, true, Today.AddDays(11), Now));

        var result = await SurveyReport.CalculateAsync(db, round.Id, 1);
        Assert.Equal((2, 1), (result.Returned, result.Paper));
    }

    [Fact]
    public async Task Invitation_goes_to_every_household_reminders_only_to_those_that_have_not_answered()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner1 = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var round = await SurveyRounds.CreateAsync(db, "邀请", Today, Today.AddDays(30), [1]);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PortalUrl"] = "https://portal.example" }).Build();
        var invitations = new SurveyInvitations(db, TestStrings.Localizer, config);

        Assert.Equal((InvitationResult.NotInvited, 0), await invitations.RemindAsync(round.Id, 1, Today, Now));
        var (result, mails) = await invitations.InviteAsync(round.Id, 1, Today, Now);
        Assert.Equal((InvitationResult.Sent, 2), (result, mails)); // owner1.hy and owner2.hy have accounts and addresses
        Assert.Equal(InvitationResult.AlreadyInvited, (await invitations.InviteAsync(round.Id, 1, Today, Now)).Result);
        Assert.Equal(await db.Units.CountAsync(u => u.EstateId == 1), (await db.SurveyParticipations.SingleAsync(p => p.RoundId == round.Id)).InvitedHouseholds);

        await SurveyAnswers.SaveAsync(db, round, 1, owner1.ActiveUnitId!.Value, Respondent.Owner(owner1.Id), Rated([], 5), [], true, Today, Now);
        Assert.Equal(InvitationResult.TooSoon, (await invitations.RemindAsync(round.Id, 1, Today, Now.AddDays(4))).Result);
        Assert.Equal((InvitationResult.Sent, 1), await invitations.RemindAsync(round.Id, 1, Today, Now.AddDays(5)));
        Assert.Equal((InvitationResult.Sent, 1), await invitations.RemindAsync(round.Id, 1, Today, Now.AddDays(10)));
        Assert.Equal(InvitationResult.NoMoreReminders, (await invitations.RemindAsync(round.Id, 1, Today, Now.AddDays(20))).Result);

        var sent = await db.Outbox.AsNoTracking().OrderBy(m => m.Id).Select(m => new { m.To, m.Kind, m.TextBody }).ToListAsync();
        Assert.Equal(["survey.invite", "survey.invite", "survey.remind", "survey.remind"], sent.Select(m => m.Kind));
        Assert.DoesNotContain(sent, m => m.Kind == "survey.remind" && m.To == owner1.Email);
        Assert.All(sent, m => Assert.Contains($"https://portal.example/Surveys/Answer/{round.Id}", m.TextBody));
    }

    [Fact]
    public async Task Demo_rounds_have_results_and_staff_of_another_estate_see_none_of_them()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var rounds = await db.SurveyRounds.OrderBy(r => r.OpensOn).ToListAsync();
        Assert.Equal([SurveyRoundStatus.Closed, SurveyRoundStatus.Closed, SurveyRoundStatus.Upcoming], rounds.Select(r => r.StatusOn(Today)));
        var july = await SurveyReport.CalculateAsync(db, rounds[1].Id, 1);
        Assert.InRange(july.ResponseRate.Rate!.Value, 0.5m, 0.85m);
        Assert.InRange(july.Overall.Rate!.Value, 0.6m, 0.95m);
        Assert.True(july.Paper > 0);
        Assert.Contains(july.Items, i => SurveyResults.IsLow(i.Satisfaction));
        Assert.Equal(4, july.Questions.Count);
        Assert.Equal(1, await db.SurveyResponses.Where(r => r.IsCurrent).GroupBy(r => new { r.RoundId, r.UnitId }).Select(g => g.Count()).MaxAsync());

        await using var bhw = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(2));
        Assert.False(await bhw.SurveyResponses.AnyAsync(r => r.EstateId == 1));
        var visible = await bhw.SurveyAnswers.Select(a => a.ResponseId).Distinct().ToListAsync();
        Assert.NotEmpty(visible);
        Assert.False(await db.SurveyResponses.AnyAsync(r => visible.Contains(r.Id) && r.EstateId != 2));
        Assert.Equal(0, (await SurveyReport.CalculateAsync(bhw, rounds[1].Id, 1)).Invited);
    }

    [Fact]
    public async Task Published_results_carry_only_approved_text_and_publishing_waits_for_the_close()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var round = await SurveyRounds.CreateAsync(db, "发布", Today.AddDays(-10), Today, [1]);
        await SurveyRounds.AddQuestionAsync(db, round.Id, 1, SurveyQuestionKind.ShortText, "建议", []);
        var questions = await SurveyRounds.QuestionsAsync(db, round.Id, 1);
        var input = Rated(questions, 4);
        input.Items[0].Comment = "停电通知太晚，我是3栋张先生 13812345678";
        input.Items[1].Comment = "水压稳定";
        input.Questions[0].Text = "多装路灯";
        await SurveyAnswers.SaveAsync(db, round, 1, owner.ActiveUnitId!.Value, Respondent.Owner(owner.Id), input, questions, true, Today, Now);

        Assert.Equal(PublishResult.NotClosed, await SurveyPublishing.PublishAsync(db, round, 1, null, Today, Now));
        Assert.Equal(1, await SurveyPublishing.ApproveTextAsync(db, round.Id, 1, SurveyItem.WaterSupply, null, " 水压稳定 ", true));
        Assert.Equal(1, await SurveyPublishing.ApproveTextAsync(db, round.Id, 1, null, questions[0].Id, "多装路灯", true));
        Assert.Equal(0, await SurveyPublishing.ApproveTextAsync(db, round.Id, 2, SurveyItem.WaterSupply, null, "水压稳定", true)); // another estate's answers
        Assert.Equal(PublishResult.Published, await SurveyPublishing.PublishAsync(db, round, 1, null, Today.AddDays(1), Now));
        Assert.Equal(PublishResult.AlreadyPublished, await SurveyPublishing.PublishAsync(db, round, 1, null, Today.AddDays(1), Now));

        var published = await SurveyReport.CalculateAsync(db, round.Id, 1, approvedTextOnly: true);
        Assert.Empty(published.Items.Single(i => i.Item == SurveyItem.PowerSupply).Comments);
        Assert.Equal(["水压稳定"], published.Items.Single(i => i.Item == SurveyItem.WaterSupply).Comments);
        Assert.Equal(["多装路灯"], published.Questions.Single().Texts);
        Assert.Equal(1, published.Returned);
        var staffView = await SurveyReport.CalculateAsync(db, round.Id, 1);
        Assert.Single(staffView.Items.Single(i => i.Item == SurveyItem.PowerSupply).Comments);

        var plan = await SurveyPublishing.AddPlanItemAsync(db, round.Id, 1, SurveyItem.PowerSupply, "停电通知晚", "提前 48 小时公告", Today.AddDays(30), Now);
        Assert.True(await SurveyPublishing.UpdatePlanItemAsync(db, plan.Id, RectificationStatus.Done, "已执行", Now.AddDays(3)));
        var row = Assert.Single(await SurveyPublishing.PlanAsync(db, round.Id, 1));
        Assert.Equal((RectificationStatus.Done, "已执行"), (row.Status, row.Progress));
        await using var bhw = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(2));
        Assert.False(await SurveyPublishing.UpdatePlanItemAsync(bhw, plan.Id, RectificationStatus.Planned, null, Now));

        Assert.True(await PublishedSurveys.IsCommitteeMemberAsync(db, owner.Id, 1, Today));
        var other = await db.People.SingleAsync(p => p.Email == "owner2.hy@demo.ownerportal.cn");
        Assert.False(await PublishedSurveys.IsCommitteeMemberAsync(db, other.Id, 1, Today));
    }

    [Fact]
    public async Task The_dashboards_survey_result_is_the_latest_closed_round_not_one_still_taking_answers()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var closedBefore = await db.SurveyRounds.Where(r => r.ClosesOn < Today && r.Estates.Any(e => e.EstateId == 1))
            .OrderByDescending(r => r.ClosesOn).Select(r => r.Id).FirstAsync();
        var open = await SurveyRounds.CreateAsync(db, "进行中的轮次", Today.AddDays(-1), Today.AddDays(5), [1]);
        var endOfMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(1).AddDays(-1);

        var data = new OwnerPortal.Core.Kpis.Rollups.DashboardData(db);
        var shown = await data.LatestSurveysAsync(1, endOfMonth, Today);
        Assert.DoesNotContain(shown, r => r.Id == open.Id);
        Assert.Equal(closedBefore, shown[0].Id);
        // Once it has closed, it is the latest result.
        Assert.Equal(open.Id, (await data.LatestSurveysAsync(1, endOfMonth, Today.AddDays(6)))[0].Id);
    }
}
