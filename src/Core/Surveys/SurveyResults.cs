using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

/// <summary>A share: <see cref="Part"/> of <see cref="Whole"/>; no value when nothing was measured.</summary>
public readonly record struct Rate(int Part, int Whole)
{
    public double? Value => Whole == 0 ? null : (double)Part / Whole;
    /// <summary>"87.5%", or "—" when nothing was measured.</summary>
    public string Percent => Value is { } v ? v.ToString("P1", System.Globalization.CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "—";
}

public sealed record SurveyAnswerValue(SurveyItem? Item, int? QuestionId, int? Rating, IReadOnlyList<int> Choices, string? Text)
{
    public static SurveyAnswerValue ForItem(SurveyItem item, int? rating, string? comment = null) => new(item, null, rating, [], comment);
}

/// <summary>A submitted questionnaire as the calculator needs it.</summary>
public sealed record SubmittedResponse(long Id, int UnitId, DateTimeOffset SubmittedAt, bool IsPaper, IReadOnlyList<SurveyAnswerValue> Answers);

public sealed record QuestionShape(int Id, SurveyQuestionKind Kind, int OptionCount);

public sealed record ItemResult(SurveyItem Item, Rate Satisfaction, IReadOnlyList<int> Distribution, int Skipped, IReadOnlyList<string> Comments);

public sealed record QuestionResult(int QuestionId, int Answered, Rate? Satisfaction, IReadOnlyList<int> Counts, IReadOnlyList<string> Texts);

public sealed record SurveyResult(int Invited, int Returned, int Paper, Rate ResponseRate, Rate Overall,
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
            return new ItemResult(item, new Rate(rated.Count(r => r >= Satisfied), rated.Count), distribution, counted.Count - rated.Count, comments);
        }).ToList();
        var overall = new Rate(items.Sum(i => i.Satisfaction.Part), items.Sum(i => i.Satisfaction.Whole));

        var questionResults = (questions ?? []).Select(q =>
        {
            var answers = counted.SelectMany(r => r.Answers.Where(a => a.QuestionId == q.Id)).ToList();
            switch (q.Kind)
            {
                case SurveyQuestionKind.Rating:
                    var rated = answers.Where(a => SurveyCalendar.IsRating(a.Rating)).Select(a => a.Rating!.Value).ToList();
                    return new QuestionResult(q.Id, rated.Count, new Rate(rated.Count(r => r >= Satisfied), rated.Count),
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

        return new SurveyResult(invited, counted.Count, counted.Count(r => r.IsPaper), new Rate(counted.Count, invited), overall, items, questionResults);
    }

    /// <summary>An item is low when fewer than this share of its answers are satisfied; its complaints are shown.</summary>
    public const double LowItemThreshold = 0.80;

    public static bool IsLow(Rate rate) => rate.Value is { } v && v < LowItemThreshold;

    /// <summary>Change against the previous round in percentage points, when both were measured.</summary>
    public static double? ChangePoints(Rate now, Rate? before) =>
        now.Value is { } a && before?.Value is { } b ? Math.Round((a - b) * 100, 1) : null;
}
