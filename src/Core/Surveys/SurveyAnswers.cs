using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

public enum AnswerResult { Saved, Submitted, NotOpen, AnsweredOnline }

/// <summary>Who answers for which household: a person in the Portal, or staff keying in a paper form.</summary>
public sealed record Respondent(int? PersonId, int? StaffId)
{
    public bool IsPaper => PersonId is null;
    public static Respondent Owner(int personId) => new(personId, null);
    public static Respondent Paper(int staffId) => new(null, staffId);
}

/// <summary>
/// One answer per household per round (SPEC 4): any owner or resident of the unit answers; every submission is kept,
/// and the household's latest one is the counted one. Drafts are per person and saved on the server.
/// </summary>
public static class SurveyAnswers
{
    /// <summary>What the person's form starts with: their draft, else the household's counted answer, else nothing.</summary>
    public static async Task<(SurveyInput Input, bool IsDraft, SurveyResponse? Counted)> FormAsync(OwnerPortalDbContext db, int roundId, int unitId,
        int? personId, IReadOnlyList<SurveyQuestionView> questions, CancellationToken ct = default)
    {
        var counted = await db.SurveyResponses.AsNoTracking().Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.RoundId == roundId && r.UnitId == unitId && r.IsCurrent, ct);
        var draft = personId is null ? null : await db.SurveyResponses.AsNoTracking().Include(r => r.Answers)
            .SingleOrDefaultAsync(r => r.RoundId == roundId && r.UnitId == unitId && r.PersonId == personId && r.SubmittedAt == null, ct);
        var source = draft ?? counted;
        return (source is null ? SurveyForm.Blank(questions) : SurveyForm.FromAnswers(questions, source.Answers), draft is not null, counted);
    }

    /// <summary>
    /// Saves the person's draft (<paramref name="submit"/> false) or submits the household's answer. A submission
    /// becomes the counted one and the earlier counted one stays as history. Paper forms do not replace an answer
    /// the household gave online. Saves, in one transaction, one household at a time.
    /// </summary>
    public static async Task<AnswerResult> SaveAsync(OwnerPortalDbContext db, SurveyRound round, int estateId, int unitId, Respondent who,
        SurveyInput input, IReadOnlyList<SurveyQuestionView> questions, bool submit, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        if (round.StatusOn(today) != SurveyRoundStatus.Open) return AnswerResult.NotOpen;
        if (who.IsPaper && !submit) throw new ArgumentException("Paper forms are keyed in whole.", nameof(submit));

        return await db.InTransactionAsync(async tx =>
        {
            // Two people of one household submitting at once: the second waits, then replaces the first.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({round.Id}, {unitId})", ct);

            var counted = await db.SurveyResponses.SingleOrDefaultAsync(r => r.RoundId == round.Id && r.UnitId == unitId && r.IsCurrent, ct);
            if (who.IsPaper && counted is { IsPaper: false }) return AnswerResult.AnsweredOnline;
            // A retry after a commit whose acknowledgement was lost: this very submission is already the counted one
            // (timestamps are stored to the microsecond).
            if (submit && counted is { SubmittedAt: { } at } && counted.PersonId == who.PersonId && counted.EnteredByStaffId == who.StaffId
                && (at - now).Duration() < TimeSpan.FromMicroseconds(1))
                return AnswerResult.Submitted;

            var response = who.PersonId is { } personId
                ? await db.SurveyResponses.Include(r => r.Answers)
                    .SingleOrDefaultAsync(r => r.RoundId == round.Id && r.UnitId == unitId && r.PersonId == personId && r.SubmittedAt == null, ct)
                : null;
            if (response is null)
            {
                response = new SurveyResponse { RoundId = round.Id, EstateId = estateId, UnitId = unitId, PersonId = who.PersonId,
                    IsPaper = who.IsPaper, EnteredByStaffId = who.StaffId };
                db.SurveyResponses.Add(response);
            }
            response.Answers.Clear();
            response.Answers.AddRange(SurveyForm.ToAnswers(input, questions)); // new entities on every try
            response.UpdatedAt = now;
            if (submit)
            {
                if (counted is not null)
                {
                    counted.IsCurrent = false;
                    await db.SaveChangesAsync(ct); // the partial unique index allows one counted answer at a time
                }
                response.SubmittedAt = now;
                response.IsCurrent = true;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return submit ? AnswerResult.Submitted : AnswerResult.Saved;
        }, ct);
    }
}
