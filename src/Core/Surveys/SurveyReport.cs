using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

/// <summary>Reads a round's counted answers from the database and hands them to <see cref="SurveyResults"/>.</summary>
public static class SurveyReport
{
    /// <summary>
    /// Results of one estate, or of every estate taking part (<paramref name="estateId"/> null; Part B questions are
    /// the estate's own, so they are only calculated for one estate). Honours the caller's estate scope.
    /// </summary>
    /// <param name="approvedTextOnly">For publication: free text a staff member did not approve is left out.</param>
    /// <param name="ignoreScope">For the KPI refresher, which runs without a user: reads past the estate filters, Part A only.</param>
    public static async Task<SurveyResult> CalculateAsync(OwnerPortalDbContext db, int roundId, int? estateId, CancellationToken ct = default,
        bool approvedTextOnly = false, bool ignoreScope = false)
    {
        IQueryable<T> Read<T>(IQueryable<T> q) where T : class => ignoreScope ? q.IgnoreQueryFilters() : q;
        var participations = await Read(db.SurveyParticipations).AsNoTracking()
            .Where(p => p.RoundId == roundId && (estateId == null || p.EstateId == estateId))
            .Select(p => new { p.EstateId, p.InvitedAt, p.InvitedHouseholds }).ToListAsync(ct);
        var ids = participations.Select(p => p.EstateId).ToList();
        // Not invited yet: every household of the estate is the one to be invited.
        var unitCounts = await Read(db.Units).Where(u => ids.Contains(u.EstateId)).GroupBy(u => u.EstateId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var invited = participations.Sum(p => p.InvitedAt is null ? unitCounts.GetValueOrDefault(p.EstateId) : p.InvitedHouseholds);

        var rows = await Read(db.SurveyResponses).AsNoTracking()
            .Where(r => r.RoundId == roundId && r.IsCurrent && ids.Contains(r.EstateId))
            .Select(r => new
            {
                r.Id, r.UnitId, r.SubmittedAt, r.IsPaper,
                Answers = r.Answers.Select(a => new SurveyAnswerValue(a.Item, a.QuestionId, a.Rating, a.Choices,
                    approvedTextOnly && !a.TextApproved ? null : a.Text)).ToList(),
            })
            .ToListAsync(ct);
        var responses = rows.Select(r => new SubmittedResponse(r.Id, r.UnitId, r.SubmittedAt!.Value, r.IsPaper, r.Answers)).ToList();

        IReadOnlyList<QuestionShape> shapes = estateId is null || ignoreScope ? [] :
            (await SurveyRounds.QuestionsAsync(db, roundId, estateId.Value, ct)).Select(q => new QuestionShape(q.Id, q.Kind, q.Options.Count)).ToList();
        return SurveyResults.Calculate(invited, responses, shapes);
    }

    public sealed record CaseLink(long Id, string Reference, string Description, CaseStatus Status, DateTimeOffset ReceivedAt);

    /// <summary>
    /// The complaints behind a low item: the estate's complaints and repair requests of the item's category received
    /// in the six months before <paramref name="until"/> (suggestions are ideas, not dissatisfaction).
    /// </summary>
    public static async Task<(int Count, IReadOnlyList<CaseLink> Latest)> CasesBehindAsync(OwnerPortalDbContext db, int? estateId, SurveyItem item,
        DateTimeOffset until, int take = 5, CancellationToken ct = default)
    {
        var category = SurveyCalendar.CategoryOf(item);
        until = until.ToUniversalTime(); // PostgreSQL takes UTC instants only
        var since = until.AddMonths(-6);
        var cases = db.Cases.AsNoTracking().Where(c => !c.IsTest && c.Type != CaseType.Suggestion && c.Category == category && c.ReceivedAt >= since && c.ReceivedAt < until
                                                       && (estateId == null || c.EstateId == estateId));
        var count = await cases.CountAsync(ct);
        var latest = await cases.OrderByDescending(c => c.ReceivedAt).Take(take)
            .Select(c => new CaseLink(c.Id, c.Reference, c.Description, c.Status, c.ReceivedAt)).ToListAsync(ct);
        return (count, latest);
    }
}
