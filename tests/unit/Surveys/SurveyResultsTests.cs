using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.UnitTests.Surveys;

/// <summary>SPEC 7 survey measures: response rate, item and overall satisfaction, one counted answer per household.</summary>
public class SurveyResultsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 7, 10, 2, 0, 0, TimeSpan.Zero);

    private static SubmittedResponse Household(long id, int unit, int minutes, bool paper = false, params (SurveyItem Item, int? Rating)[] answers) =>
        new(id, unit, T0.AddMinutes(minutes), paper, answers.Select(a => SurveyAnswerValue.ForItem(a.Item, a.Rating)).ToList());

    [Fact]
    public void Item_rate_counts_4_and_5_among_those_who_answered_the_item_skipped_excluded()
    {
        var result = SurveyResults.Calculate(10,
        [
            Household(1, 1, 0, false, (SurveyItem.Greening, 5), (SurveyItem.Sanitation, 2)),
            Household(2, 2, 0, false, (SurveyItem.Greening, 4)),                              // skipped sanitation
            Household(3, 3, 0, false, (SurveyItem.Greening, 3), (SurveyItem.Sanitation, null)), // skipped explicitly
        ]);
        var greening = result.Items.Single(i => i.Item == SurveyItem.Greening);
        Assert.Equal(new Ratio(2, 3), greening.Satisfaction);
        Assert.Equal([0, 0, 1, 1, 1], greening.Distribution);
        var sanitation = result.Items.Single(i => i.Item == SurveyItem.Sanitation);
        Assert.Equal(new Ratio(0, 1), sanitation.Satisfaction);
        Assert.Equal(2, sanitation.Skipped);
        Assert.Null(result.Items.Single(i => i.Item == SurveyItem.PowerSupply).Satisfaction.Rate); // nobody answered it
        Assert.Equal("—", result.Items.Single(i => i.Item == SurveyItem.PowerSupply).Satisfaction.Display);
    }

    [Fact]
    public void Overall_pools_every_Part_A_answer_rather_than_averaging_item_rates()
    {
        var result = SurveyResults.Calculate(4,
        [
            Household(1, 1, 0, false, (SurveyItem.Greening, 5), (SurveyItem.WaterSupply, 5), (SurveyItem.PowerSupply, 5)),
            Household(2, 2, 0, false, (SurveyItem.Greening, 1)),
        ]);
        // Item rates 50%, 100%, 100% would average 83%; pooled it is 3 of 4.
        Assert.Equal(new Ratio(3, 4), result.Overall);
        Assert.Equal("75.0%", result.Overall.Display);
    }

    [Fact]
    public void A_household_with_several_answers_counts_once_with_its_latest()
    {
        var result = SurveyResults.Calculate(5,
        [
            Household(1, 7, 0, false, (SurveyItem.Greening, 1)),
            Household(3, 7, 60, false, (SurveyItem.Greening, 5)),   // the co-owner answered later
            Household(2, 7, 30, false, (SurveyItem.Greening, 2)),
            Household(4, 8, 0, false, (SurveyItem.Greening, 2)),
        ]);
        Assert.Equal(2, result.Returned);
        Assert.Equal(new Ratio(2, 5), result.ResponseRate);
        Assert.Equal(new Ratio(1, 2), result.Items.Single(i => i.Item == SurveyItem.Greening).Satisfaction);
        Assert.Equal([3L, 4L], SurveyResults.Counted([Household(1, 7, 0), Household(3, 7, 60), Household(2, 7, 30), Household(4, 8, 0)]).Select(r => r.Id));
    }

    [Fact]
    public void Same_time_answers_of_one_household_count_the_later_row()
    {
        Assert.Equal(9, SurveyResults.Counted([Household(9, 1, 0), Household(8, 1, 0)]).Single().Id);
    }

    [Fact]
    public void Paper_answers_count_like_online_ones_and_are_reported()
    {
        var result = SurveyResults.Calculate(3,
        [
            Household(1, 1, 0, true, (SurveyItem.ServiceAttitude, 4)),
            Household(2, 2, 0, false, (SurveyItem.ServiceAttitude, 2)),
        ]);
        Assert.Equal(2, result.Returned);
        Assert.Equal(1, result.Paper);
        Assert.Equal(new Ratio(2, 3), result.ResponseRate);
        Assert.Equal(new Ratio(1, 2), result.Overall);
    }

    [Fact]
    public void Nothing_invited_has_no_response_rate()
    {
        var result = SurveyResults.Calculate(0, []);
        Assert.Null(result.ResponseRate.Rate);
        Assert.Null(result.Overall.Rate);
        Assert.All(result.Items, i => Assert.Equal(0, i.Skipped));
    }

    [Fact]
    public void Out_of_range_ratings_are_not_answers()
    {
        var result = SurveyResults.Calculate(2, [Household(1, 1, 0, false, (SurveyItem.Greening, 6), (SurveyItem.Sanitation, 0))]);
        Assert.Equal(0, result.Overall.Denominator);
    }

    [Fact]
    public void Comments_are_grouped_per_item_and_Part_B_questions_are_counted_per_kind()
    {
        var a = new SubmittedResponse(1, 1, T0, false,
        [
            SurveyAnswerValue.ForItem(SurveyItem.Greening, 2, "  碎草没清理 "),
            new(null, 10, 5, [], null), new(null, 11, null, [1], null), new(null, 12, null, [0, 2], null), new(null, 13, null, [], "充电桩"),
        ]);
        var b = new SubmittedResponse(2, 2, T0, false, [new(null, 10, 3, [], null), new(null, 11, null, [9], null), new(null, 12, null, [2], null)]);
        var result = SurveyResults.Calculate(2, [a, b],
        [
            new QuestionShape(10, SurveyQuestionKind.Rating, 0), new QuestionShape(11, SurveyQuestionKind.SingleChoice, 3),
            new QuestionShape(12, SurveyQuestionKind.MultipleChoice, 3), new QuestionShape(13, SurveyQuestionKind.ShortText, 0),
        ]);
        Assert.Equal(["碎草没清理"], result.Items.Single(i => i.Item == SurveyItem.Greening).Comments);
        var q = result.Questions.ToDictionary(x => x.QuestionId);
        Assert.Equal(new Ratio(1, 2), q[10].Satisfaction);
        Assert.Equal([0, 1, 0], q[11].Counts);   // option 9 does not exist
        Assert.Equal(1, q[11].Answered);
        Assert.Equal([1, 0, 2], q[12].Counts);
        Assert.Equal(["充电桩"], q[13].Texts);
    }

    [Fact]
    public void Change_against_the_previous_round_is_in_percentage_points()
    {
        Assert.Equal(5.0m, SurveyResults.ChangePoints(new Ratio(85, 100), new Ratio(80, 100)));
        Assert.Null(SurveyResults.ChangePoints(new Ratio(85, 100), null));
        Assert.Null(SurveyResults.ChangePoints(new Ratio(0, 0), new Ratio(80, 100)));
        Assert.True(SurveyResults.IsLow(new Ratio(79, 100)));
        Assert.False(SurveyResults.IsLow(new Ratio(80, 100)));
        Assert.False(SurveyResults.IsLow(new Ratio(0, 0)));
    }
}

public class SurveyCalendarTests
{
    [Theory]
    [InlineData("2026-11-23", "2027-01-01", "2027-01-31")]
    [InlineData("2026-03-05", "2026-07-01", "2026-07-31")]
    [InlineData("2026-07-01", "2027-01-01", "2027-01-31")]
    [InlineData("2026-06-30", "2026-07-01", "2026-07-31")]
    public void Next_default_round_is_all_of_July_or_all_of_January(string today, string opens, string closes)
    {
        var (o, c) = SurveyCalendar.NextDefault(DateOnly.Parse(today));
        Assert.Equal((DateOnly.Parse(opens), DateOnly.Parse(closes)), (o, c));
    }

    [Fact]
    public void A_round_is_open_from_its_first_to_its_last_day()
    {
        var (opens, closes) = (new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31));
        Assert.Equal(SurveyRoundStatus.Upcoming, SurveyCalendar.Status(opens, closes, new DateOnly(2026, 6, 30)));
        Assert.Equal(SurveyRoundStatus.Open, SurveyCalendar.Status(opens, closes, opens));
        Assert.Equal(SurveyRoundStatus.Open, SurveyCalendar.Status(opens, closes, closes));
        Assert.Equal(SurveyRoundStatus.Closed, SurveyCalendar.Status(opens, closes, closes.AddDays(1)));
    }

    [Fact]
    public void Reminders_at_most_two_at_least_five_days_apart_while_open()
    {
        var invited = new DateTimeOffset(2026, 7, 1, 1, 0, 0, TimeSpan.Zero);
        var open = SurveyRoundStatus.Open;
        Assert.False(SurveyCalendar.CanRemind(open, null, 0, null, invited.AddDays(10)));           // never invited
        Assert.False(SurveyCalendar.CanRemind(open, invited, 0, null, invited.AddDays(4.9)));       // too soon after the invitation
        Assert.True(SurveyCalendar.CanRemind(open, invited, 0, null, invited.AddDays(5)));
        Assert.False(SurveyCalendar.CanRemind(open, invited, 1, invited.AddDays(5), invited.AddDays(9)));
        Assert.True(SurveyCalendar.CanRemind(open, invited, 1, invited.AddDays(5), invited.AddDays(10)));
        Assert.False(SurveyCalendar.CanRemind(open, invited, 2, invited.AddDays(10), invited.AddDays(20))); // two sent
        Assert.False(SurveyCalendar.CanRemind(SurveyRoundStatus.Closed, invited, 0, null, invited.AddDays(40)));
    }

    [Fact]
    public void Every_Part_A_item_leads_to_a_complaint_category()
    {
        Assert.Equal(CaseCategory.Security, SurveyCalendar.CategoryOf(SurveyItem.FireSafetyAndSecurity));
        Assert.Equal(CaseCategory.ServiceAttitude, SurveyCalendar.CategoryOf(SurveyItem.ServiceAttitude));
        Assert.Equal(CaseCategory.Facilities, SurveyCalendar.CategoryOf(SurveyItem.WaterSupply));
        Assert.All(Enum.GetValues<SurveyItem>(), i => Assert.True(Enum.IsDefined(SurveyCalendar.CategoryOf(i))));
    }
}

public class SurveyFormTests
{
    [Fact]
    public void Only_what_the_form_offers_is_stored()
    {
        IReadOnlyList<SurveyQuestionView> questions =
        [
            new(1, SurveyQuestionKind.SingleChoice, "q1", ["a", "b"]),
            new(2, SurveyQuestionKind.MultipleChoice, "q2", ["a", "b", "c"]),
            new(3, SurveyQuestionKind.ShortText, "q3", []),
        ];
        var input = SurveyForm.Blank(questions);
        input.Items[0].Rating = 7;             // not a rating
        input.Items[1].Rating = 4;
        input.Items[2].Comment = "  ";         // nothing
        input.Questions[0].Choice = 5;         // not an option
        input.Questions[1].Choices = [2, 0, 2, 8];
        input.Questions[2].Text = " 多装路灯 ";
        input.Questions.Add(new SurveyInput.QuestionInput { QuestionId = 99, Text = "not asked" });
        var answers = SurveyForm.ToAnswers(input, questions);
        Assert.Collection(answers,
            a => Assert.Equal((SurveyItem.WaterSupply, (int?)4), (a.Item!.Value, a.Rating)),
            a => Assert.Equal([0, 2], a.Choices),
            a => Assert.Equal("多装路灯", a.Text));

        var back = SurveyForm.FromAnswers(questions, answers);
        Assert.Equal(4, back.Items[1].Rating);
        Assert.Equal([0, 2], back.Questions[1].Choices);
    }
}
