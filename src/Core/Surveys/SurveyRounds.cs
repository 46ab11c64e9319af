using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

public enum QuestionChange { Done, Locked, NotFound, TooMany, NeedsOptions }

/// <summary>Company-wide rounds and the estates' own Part B questions (SPEC 4).</summary>
public static class SurveyRounds
{
    /// <summary>The quality office opens a round for the chosen estates. Saves.</summary>
    public static async Task<SurveyRound> CreateAsync(OwnerPortalDbContext db, string title, DateOnly opensOn, DateOnly closesOn,
        IEnumerable<int> estateIds, CancellationToken ct = default)
    {
        if (closesOn < opensOn) throw new ArgumentException("A round closes after it opens.", nameof(closesOn));
        var round = new SurveyRound { Title = title.Trim(), OpensOn = opensOn, ClosesOn = closesOn };
        foreach (var id in estateIds.Distinct()) round.Estates.Add(new SurveyParticipation { EstateId = id });
        db.SurveyRounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>
    /// Once anyone has started answering in the estate (a draft or a submission), its questions are fixed: changing
    /// them would change what the earlier answers mean.
    /// </summary>
    public static Task<bool> HasAnswersAsync(OwnerPortalDbContext db, int roundId, int estateId, CancellationToken ct = default) =>
        db.SurveyResponses.AnyAsync(r => r.RoundId == roundId && r.EstateId == estateId, ct);

    public static async Task<IReadOnlyList<SurveyQuestionView>> QuestionsAsync(OwnerPortalDbContext db, int roundId, int estateId, CancellationToken ct = default) =>
        (await db.SurveyQuestions.AsNoTracking().Where(q => q.RoundId == roundId && q.EstateId == estateId)
            .OrderBy(q => q.Position).ThenBy(q => q.Id).ToListAsync(ct))
        .Select(q => new SurveyQuestionView(q.Id, q.Kind, q.Text, q.Options)).ToList();

    /// <summary>Adds a Part B question at the end. Choice questions need two options or more. Saves.</summary>
    public static async Task<QuestionChange> AddQuestionAsync(OwnerPortalDbContext db, int roundId, int estateId,
        SurveyQuestionKind kind, string text, IEnumerable<string> options, CancellationToken ct = default)
    {
        if (!await db.SurveyParticipations.AnyAsync(p => p.RoundId == roundId && p.EstateId == estateId, ct)) return QuestionChange.NotFound;
        if (await HasAnswersAsync(db, roundId, estateId, ct)) return QuestionChange.Locked;
        var existing = await db.SurveyQuestions.Where(q => q.RoundId == roundId && q.EstateId == estateId).Select(q => q.Position).ToListAsync(ct);
        if (existing.Count >= SurveyCalendar.MaxQuestions) return QuestionChange.TooMany;
        var choices = options.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().Take(SurveyCalendar.MaxOptions).ToList();
        var isChoice = kind is SurveyQuestionKind.SingleChoice or SurveyQuestionKind.MultipleChoice;
        if (isChoice && choices.Count < 2) return QuestionChange.NeedsOptions;
        db.SurveyQuestions.Add(new SurveyQuestion
        {
            RoundId = roundId, EstateId = estateId, Kind = kind, Text = text.Trim(),
            Position = existing.Count == 0 ? 1 : existing.Max() + 1, Options = isChoice ? choices : [],
        });
        await db.SaveChangesAsync(ct);
        return QuestionChange.Done;
    }

    /// <summary>Removes a Part B question while nobody has answered yet. Saves.</summary>
    public static async Task<QuestionChange> RemoveQuestionAsync(OwnerPortalDbContext db, int questionId, CancellationToken ct = default)
    {
        var question = await db.SurveyQuestions.SingleOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null) return QuestionChange.NotFound;
        if (await HasAnswersAsync(db, question.RoundId, question.EstateId, ct)) return QuestionChange.Locked;
        db.SurveyQuestions.Remove(question);
        await db.SaveChangesAsync(ct);
        return QuestionChange.Done;
    }

    /// <summary>The round and the estate's name, when the estate takes part in it and is in the caller's scope; null otherwise.</summary>
    public static async Task<(SurveyRound Round, string EstateName)?> ForEstateAsync(OwnerPortalDbContext db, int roundId, int estateId, CancellationToken ct = default)
    {
        var found = await db.SurveyParticipations.AsNoTracking().Where(p => p.RoundId == roundId && p.EstateId == estateId)
            .Select(p => new { Round = db.SurveyRounds.First(r => r.Id == p.RoundId), Estate = db.Estates.Where(e => e.Id == p.EstateId).Select(e => e.Name).First() })
            .SingleOrDefaultAsync(ct);
        return found is null ? null : (found.Round, found.Estate);
    }

    /// <summary>The round before this one (by opening day) that the estate also took part in, for the comparison.</summary>
    public static Task<SurveyRound?> PreviousAsync(OwnerPortalDbContext db, SurveyRound round, int? estateId, CancellationToken ct = default) =>
        db.SurveyRounds.AsNoTracking()
            .Where(r => r.OpensOn < round.OpensOn && (estateId == null || db.SurveyParticipations.Any(p => p.RoundId == r.Id && p.EstateId == estateId)))
            .OrderByDescending(r => r.OpensOn).FirstOrDefaultAsync(ct);
}
