using System.ComponentModel.DataAnnotations;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

/// <summary>What a questionnaire form posts: the Part A items, then the estate's Part B questions.</summary>
public class SurveyInput
{
    public List<ItemInput> Items { get; set; } = [];
    public List<QuestionInput> Questions { get; set; } = [];

    public class ItemInput
    {
        public SurveyItem Item { get; set; }
        public int? Rating { get; set; }
        [StringLength(500, ErrorMessage = "Validation.MaxLength")] public string? Comment { get; set; }
    }

    public class QuestionInput
    {
        public int QuestionId { get; set; }
        public int? Rating { get; set; }
        public int? Choice { get; set; }
        public List<int> Choices { get; set; } = [];
        [StringLength(500, ErrorMessage = "Validation.MaxLength")] public string? Text { get; set; }
    }
}

/// <summary>A question as the form shows it.</summary>
public sealed record SurveyQuestionView(int Id, SurveyQuestionKind Kind, string Text, IReadOnlyList<string> Options);

/// <summary>The shared form partial's model: what to ask, what is filled in so far, and whether it can be changed.</summary>
public sealed record SurveyFormView(SurveyInput Input, IReadOnlyList<SurveyQuestionView> Questions, bool ReadOnly = false);

/// <summary>Turns form input into answers and back; anything not offered by the form is dropped, never stored.</summary>
public static class SurveyForm
{
    public static SurveyInput Blank(IReadOnlyList<SurveyQuestionView> questions) => new()
    {
        Items = Enum.GetValues<SurveyItem>().Select(i => new SurveyInput.ItemInput { Item = i }).ToList(),
        Questions = questions.Select(q => new SurveyInput.QuestionInput { QuestionId = q.Id }).ToList(),
    };

    public static SurveyInput FromAnswers(IReadOnlyList<SurveyQuestionView> questions, IEnumerable<SurveyAnswer> answers)
    {
        var input = Blank(questions);
        foreach (var a in answers)
        {
            if (a.Item is { } item && input.Items.FirstOrDefault(i => i.Item == item) is { } row)
                (row.Rating, row.Comment) = (a.Rating, a.Text);
            else if (a.QuestionId is { } qid && input.Questions.FirstOrDefault(q => q.QuestionId == qid) is { } q)
                (q.Rating, q.Choice, q.Choices, q.Text) = (a.Rating, a.Choices.Count > 0 ? a.Choices[0] : null, a.Choices.ToList(), a.Text);
        }
        return input;
    }

    /// <summary>The answers to store: one per item and per question that has something in it.</summary>
    public static List<SurveyAnswer> ToAnswers(SurveyInput input, IReadOnlyList<SurveyQuestionView> questions)
    {
        var answers = new List<SurveyAnswer>();
        foreach (var item in Enum.GetValues<SurveyItem>())
        {
            var row = input.Items.FirstOrDefault(i => i.Item == item);
            var rating = SurveyCalendar.IsRating(row?.Rating) ? row!.Rating : null;
            var comment = Clip(row?.Comment);
            if (rating is not null || comment is not null) answers.Add(new SurveyAnswer { Item = item, Rating = rating, Text = comment });
        }
        foreach (var q in questions)
        {
            var row = input.Questions.FirstOrDefault(x => x.QuestionId == q.Id);
            if (row is null) continue;
            var answer = new SurveyAnswer { QuestionId = q.Id };
            switch (q.Kind)
            {
                case SurveyQuestionKind.Rating: answer.Rating = SurveyCalendar.IsRating(row.Rating) ? row.Rating : null; break;
                case SurveyQuestionKind.SingleChoice:
                    if (row.Choice is { } c && c >= 0 && c < q.Options.Count) answer.Choices = [c];
                    break;
                case SurveyQuestionKind.MultipleChoice:
                    answer.Choices = row.Choices.Where(c => c >= 0 && c < q.Options.Count).Distinct().Order().ToList();
                    break;
                case SurveyQuestionKind.ShortText: answer.Text = Clip(row.Text); break;
            }
            if (answer.Rating is not null || answer.Choices.Count > 0 || answer.Text is not null) answers.Add(answer);
        }
        return answers;
    }

    private static string? Clip(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && t.Length > 500 ? t[..500] : text.Trim();
}
