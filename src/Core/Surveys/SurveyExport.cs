using OwnerPortal.Core.Kpis;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Core.Surveys;

/// <summary>
/// The results as one table for CSV and XLSX: the summary, each item with its distribution and the previous round,
/// the estates (company-wide) and the Part B questions (one estate). Aggregates only: no comments, no households.
/// </summary>
public static class SurveyExport
{
    public sealed record EstateLine(string Name, SurveyResult Result);

    public static List<IReadOnlyList<object?>> Rows(IStringLocalizer t, string title, string scope, SurveyResult r, SurveyResult? before,
        IReadOnlyList<EstateLine> estates, IReadOnlyList<SurveyQuestionView> questions)
    {
        static object? Share(Ratio rate) => rate.Rate is { } v ? Math.Round(v, 4) : null;
        var rows = new List<IReadOnlyList<object?>>
        {
            new object?[] { title, scope },
            Array.Empty<object?>(),
            new object?[] { t["Admin.Surveys.Invited"].Value, r.Invited },
            new object?[] { t["Admin.Surveys.Returned"].Value, r.Returned },
            new object?[] { t["Admin.Surveys.PaperCount", r.Paper].Value, r.Paper },
            new object?[] { t["Admin.Surveys.ResponseRate"].Value, Share(r.ResponseRate), before is null ? null : Share(before.ResponseRate) },
            new object?[] { t["Admin.Surveys.Overall"].Value, Share(r.Overall), before is null ? null : Share(before.Overall) },
            Array.Empty<object?>(),
            new object?[] { t["Admin.Surveys.Item"].Value, t["Admin.Surveys.Satisfaction"].Value, t["Admin.Surveys.PreviousRound"].Value,
                t["Admin.Surveys.Answers"].Value, t["Admin.Surveys.Skipped"].Value, "1", "2", "3", "4", "5" },
        };
        foreach (var item in r.Items)
        {
            var previous = before?.Items.First(i => i.Item == item.Item).Satisfaction;
            rows.Add([t.Enum(item.Item), Share(item.Satisfaction), previous is { } p ? Share(p) : null, item.Satisfaction.Denominator, item.Skipped,
                .. item.Distribution.Cast<object?>()]);
        }
        if (estates.Count > 0)
        {
            rows.Add([]);
            rows.Add([t["Admin.Estate.Name"].Value, t["Admin.Surveys.Invited"].Value, t["Admin.Surveys.Returned"].Value,
                t["Admin.Surveys.ResponseRate"].Value, t["Admin.Surveys.Overall"].Value]);
            foreach (var e in estates)
                rows.Add([e.Name, e.Result.Invited, e.Result.Returned, Share(e.Result.ResponseRate), Share(e.Result.Overall)]);
        }
        foreach (var q in questions)
        {
            var qr = r.Questions.First(x => x.QuestionId == q.Id);
            rows.Add([]);
            rows.Add([q.Text, t.Enum(q.Kind), t["Admin.Surveys.AnsweredBy", qr.Answered].Value]);
            switch (q.Kind)
            {
                case SurveyQuestionKind.Rating:
                    rows.Add([t["Admin.Surveys.Satisfaction"].Value, qr.Satisfaction is { } s ? Share(s) : null, .. qr.Counts.Cast<object?>()]);
                    break;
                case SurveyQuestionKind.ShortText:
                    break; // free text is not exported
                default:
                    for (var o = 0; o < q.Options.Count; o++) rows.Add([q.Options[o], qr.Counts[o], Share(new Ratio(qr.Counts[o], qr.Answered))]);
                    break;
            }
        }
        return rows;
    }
}
