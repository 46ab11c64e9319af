using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Demo;

/// <summary>
/// Demo questionnaires: the two default rounds that closed before the anchor day, answered by about two households in
/// three (some on paper, some changed once), and the next round upcoming. Deterministic for a seed.
/// </summary>
internal static class SurveySimulator
{
    public sealed record Round(int Id, string Title, DateOnly OpensOn, DateOnly ClosesOn, bool Answered);
    public sealed record Question(int Id, int RoundId, int EstateId, int Position, SurveyQuestionKind Kind, string Text, string[] Options);
    public sealed record Response(long Id, int RoundId, int EstateId, int UnitId, int? PersonId, bool IsPaper, int? StaffId, DateTimeOffset SubmittedAt, bool IsCurrent);
    public sealed record Answer(long Id, long ResponseId, SurveyItem? Item, int? QuestionId, int? Rating, int[] Choices, string? Text, bool Approved = false);

    /// <summary>Rounds relative to the anchor: the last two closed default rounds, then the next one.</summary>
    public static List<Round> Rounds(DateOnly anchor)
    {
        var next = SurveyCalendar.NextDefault(anchor);
        var previous = next.OpensOn.AddMonths(-6);
        var earlier = previous.AddMonths(-6);
        Round Make(int id, DateOnly opens, bool answered) =>
            new(id, $"{opens.Year}年{opens.Month}月业主满意度调查", opens, opens.AddMonths(1).AddDays(-1), answered);
        // The previous default round may still be running on the anchor day (e.g. anchor in July): it has answers too.
        return [Make(1, earlier, true), Make(2, previous, true), Make(3, next.OpensOn, false)];
    }

    /// <summary>Per item: what an unhappy household writes, then what a happy one writes.</summary>
    private static readonly string[][] Comments =
    [
        ["停电前希望提前通知", "配电房检修及时"],
        ["高峰期水压偏低", "二次供水水箱清洗及时"],
        ["夜间巡逻可以再多一些", "门岗值守认真负责"],
        ["垃圾清运不够及时", "楼道保洁很干净"],
        ["草坪修剪后碎草没有清理", "绿化养护不错"],
        ["健身器材有损坏，电梯经常停运检修", "公共设施维护得不错"],
        ["维修师傅需要多次上门才修好", "报修后上门很快"],
        ["电话有时无人接听", "前台服务态度很好"],
    ];

    private static readonly string[] ShortTexts = ["希望增加充电桩", "快递柜不够用", "小区活动可以多办一些", "希望公布物业费收支"];

    public static readonly (SurveyQuestionKind Kind, string Text, string[] Options)[] PartB =
    [
        (SurveyQuestionKind.Rating, "您对小区停车管理是否满意？", []),
        (SurveyQuestionKind.SingleChoice, "您最希望物业优先改进哪一项？", ["电梯维护", "停车秩序", "环境卫生", "安全巡逻"]),
        (SurveyQuestionKind.MultipleChoice, "您通过哪些渠道了解物业通知？", ["业主门户", "公告栏", "微信群", "电话"]),
        (SurveyQuestionKind.ShortText, "您还有什么意见或建议？", []),
    ];

    /// <summary>
    /// Answers of one estate to one round: a satisfaction level per item that differs by estate and improves a little
    /// in the later round, so the comparison and the low items both have something to show.
    /// </summary>
    public static void AnswerRound(Random r, Round round, int estateIndex, int estateId, int firstUnit, int units, Func<int, int> ownerOf, int paperStaffId,
        IReadOnlyList<Question> questions, TimeZoneInfo zone, List<Response> responses, List<Answer> answers, ref long responseId, ref long answerId)
    {
        var items = Enum.GetValues<SurveyItem>();
        var later = round.Id == 2 ? 0.04 : 0.0;
        for (var unit = firstUnit; unit < firstUnit + units; unit++)
        {
            if (r.NextDouble() > 0.68) continue; // did not answer
            var paper = r.NextDouble() < 0.12;
            var submissions = !paper && r.NextDouble() < 0.06 ? 2 : 1; // changed their answer once: history kept
            for (var s = 0; s < submissions; s++)
            {
                var day = round.OpensOn.AddDays(r.Next(0, round.ClosesOn.DayNumber - round.OpensOn.DayNumber + 1));
                var local = day.ToDateTime(new TimeOnly(8 + r.Next(0, 13), r.Next(0, 60)));
                var at = new DateTimeOffset(local, zone.GetUtcOffset(local)).AddMinutes(s * 30);
                var id = ++responseId;
                responses.Add(new Response(id, round.Id, estateId, unit, paper ? null : ownerOf(unit), paper, paper ? paperStaffId : null, at, s == submissions - 1));
                foreach (var item in items)
                {
                    if (r.NextDouble() < 0.04) continue; // skipped
                    var satisfied = 0.86 + later - 0.07 * ((estateIndex + (int)item) % 3) - (item == SurveyItem.PublicFacilities && estateIndex == 0 ? 0.12 : 0);
                    var rating = Rating(r, satisfied);
                    var which = rating >= 4 ? 1 : 0;
                    var comment = r.NextDouble() < 0.06 ? Comments[(int)item][which] : null;
                    // Staff approved some texts for publication: the positive ones and the complaints about even items.
                    answers.Add(new Answer(++answerId, id, item, null, rating, [], comment, comment is not null && (which == 1 || (int)item % 2 == 0)));
                }
                foreach (var q in questions)
                {
                    if (r.NextDouble() < 0.1) continue;
                    switch (q.Kind)
                    {
                        case SurveyQuestionKind.Rating: answers.Add(new Answer(++answerId, id, null, q.Id, Rating(r, 0.7), [], null)); break;
                        case SurveyQuestionKind.SingleChoice: answers.Add(new Answer(++answerId, id, null, q.Id, null, [r.Next(q.Options.Length)], null)); break;
                        case SurveyQuestionKind.MultipleChoice:
                            var chosen = Enumerable.Range(0, q.Options.Length).Where(_ => r.NextDouble() < 0.45).ToArray();
                            if (chosen.Length > 0) answers.Add(new Answer(++answerId, id, null, q.Id, null, chosen, null));
                            break;
                        default:
                            var t = r.Next(ShortTexts.Length);
                            if (r.NextDouble() < 0.15) answers.Add(new Answer(++answerId, id, null, q.Id, null, [], ShortTexts[t], t < 2));
                            break;
                    }
                }
            }
        }
    }

    /// <summary>The rectification plan of a published round: problem, action, days after the close, status.</summary>
    public static readonly (SurveyItem Item, string Problem, string Action, int DueDays, RectificationStatus Status, string? Progress)[] Plan =
    [
        (SurveyItem.PublicFacilities, "健身器材损坏、电梯停运检修较多", "更换损坏的健身器材；电梯维保单位每周巡检一次", 60, RectificationStatus.InProgress, "健身器材已更换一半"),
        (SurveyItem.FireSafetyAndSecurity, "夜间巡逻不足，访客登记不严", "夜间巡逻由每晚 2 次增至 4 次；门岗访客一律登记", 30, RectificationStatus.Done, "已执行，巡逻记录每周检查"),
    ];

    private static int Rating(Random r, double satisfied) =>
        r.NextDouble() < satisfied ? (r.NextDouble() < 0.45 ? 5 : 4) : r.NextDouble() switch { < 0.6 => 3, < 0.9 => 2, _ => 1 };
}
