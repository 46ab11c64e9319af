using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Kpis;

namespace OwnerPortal.Core.Surveys;

public sealed record SurveyAnswerValue(SurveyItem? Item, int? QuestionId, int? Rating, IReadOnlyList<int> Choices, string? Text)
{
    public static SurveyAnswerValue ForItem(SurveyItem item, int? rating, string? comment = null) => new(item, null, rating, [], comment);
}

/// <summary>A submitted questionnaire as the calculator needs it.</summary>
public sealed record SubmittedResponse(long Id, int UnitId, DateTimeOffset SubmittedAt, bool IsPaper, IReadOnlyList<SurveyAnswerValue> Answers);

public sealed record QuestionShape(int Id, SurveyQuestionKind Kind, int OptionCount);

public sealed record ItemResult(SurveyItem Item, Ratio Satisfaction, IReadOnlyList<int> Distribution, int Skipped, IReadOnlyList<string> Comments);

public sealed record QuestionResult(int QuestionId, int Answered, Ratio? Satisfaction, IReadOnlyList<int> Counts, IReadOnlyList<string> Texts);

public sealed record SurveyResult(int Invited, int Returned, int Paper, Ratio ResponseRate, Ratio Overall,
    IReadOnlyList<ItemResult> Items, IReadOnlyList<QuestionResult> Questions);

/// <summary>
/// SPEC 7 survey measures, one meaning everywhere (results pages, dashboards, exports):
/// one counted answer per household = its latest submission (paper forms count like online ones);
/// response rate = households with a counted answer / households invited;
/// item satisfaction = answers 4-5 to the item / answers to the item, skipped items excluded;
/// overall satisfaction = answers 4-5 across all Part A items / all Part A answers, pooled.
/// </summary>
public static class SurveyResults
{
    public const int Satisfied = 4;

    /// <summary>The household's counted submission: the latest one (ties by the later row).</summary>
    public static IReadOnlyList<SubmittedResponse> Counted(IEnumerable<SubmittedResponse> responses) =>
        responses.GroupBy(r => r.UnitId)
            .Select(g => g.OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id).First())
            .OrderBy(r => r.UnitId).ToList();

    public static SurveyResult Calculate(int invited, IEnumerable<SubmittedResponse> responses, IReadOnlyList<QuestionShape>? questions = null)
    {
        var counted = Counted(responses);
        var items = Enum.GetValues<SurveyItem>().Select(item =>
        {
            var answers = counted.Select(r => r.Answers.FirstOrDefault(a => a.Item == item)).ToList();
            var rated = answers.Where(a => a is not null && SurveyCalendar.IsRating(a.Rating)).Select(a => a!.Rating!.Value).ToList();
            var distribution = Enumerable.Range(1, 5).Select(v => rated.Count(r => r == v)).ToArray();
            var comments = answers.Where(a => !string.IsNullOrWhiteSpace(a?.Text)).Select(a => a!.Text!.Trim()).ToList();
            return new ItemResult(item, new Ratio(rated.Count(r => r >= Satisfied), rated.Count), distribution, counted.Count - rated.Count, comments);
        }).ToList();
        var overall = new Ratio(items.Sum(i => i.Satisfaction.Numerator), items.Sum(i => i.Satisfaction.Denominator));

        var questionResults = (questions ?? []).Select(q =>
        {
            var answers = counted.SelectMany(r => r.Answers.Where(a => a.QuestionId == q.Id)).ToList();
            switch (q.Kind)
            {
                case SurveyQuestionKind.Rating:
                    var rated = answers.Where(a => SurveyCalendar.IsRating(a.Rating)).Select(a => a.Rating!.Value).ToList();
                    return new QuestionResult(q.Id, rated.Count, new Ratio(rated.Count(r => r >= Satisfied), rated.Count),
                        Enumerable.Range(1, 5).Select(v => rated.Count(r => r == v)).ToArray(), []);
                case SurveyQuestionKind.ShortText:
                    var texts = answers.Where(a => !string.IsNullOrWhiteSpace(a.Text)).Select(a => a.Text!.Trim()).ToList();
                    return new QuestionResult(q.Id, texts.Count, null, [], texts);
                default:
                    var chose = answers.Where(a => a.Choices.Any(c => c >= 0 && c < q.OptionCount)).ToList();
                    return new QuestionResult(q.Id, chose.Count, null,
                        Enumerable.Range(0, q.OptionCount).Select(i => chose.Count(a => a.Choices.Contains(i))).ToArray(), []);
            }
        }).ToList();

        return new SurveyResult(invited, counted.Count, counted.Count(r => r.IsPaper), new Ratio(counted.Count, invited), overall, items, questionResults);
    }

    /// <summary>An item is low when fewer than this share of its answers are satisfied; its complaints are shown.</summary>
    public const decimal LowItemThreshold = 0.80m;

    public static bool IsLow(Ratio rate) => rate.Rate is { } v && v < LowItemThreshold;

    /// <summary>Change against the previous round in percentage points, when both were measured.</summary>
    public static decimal? ChangePoints(Ratio now, Ratio? before) =>
        now.Rate is { } a && before?.Rate is { } b ? Math.Round((a - b) * 100, 1) : null;
}
