using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

/// <summary>The Portal side: which questionnaire the signed-in person's household (their active unit) may answer.</summary>
public static class OwnerSurveys
{
    public sealed record Household(int UnitId, string UnitNumber, int EstateId, string EstateName);

    public sealed record Banner(int RoundId, string Title, DateOnly ClosesOn, bool Answered, bool HasDraft);

    public static Task<Household?> HouseholdAsync(OwnerPortalDbContext db, int personId, CancellationToken ct = default) =>
        db.People.Where(p => p.Id == personId)
            .SelectMany(p => db.UnitMemberships.Where(m => m.PersonId == p.Id && m.UnitId == p.ActiveUnitId && m.RevokedAt == null))
            .Select(m => new Household(m.UnitId, m.Unit!.Number, m.Unit.EstateId, db.Estates.Where(e => e.Id == m.Unit.EstateId).Select(e => e.Name).First()))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The round and the person's household, when the household's estate takes part in it and it has opened; null
    /// otherwise, so a round of another estate is simply not found.
    /// </summary>
    public static async Task<(SurveyRound Round, Household Household, DateOnly Today)?> RoundForAsync(OwnerPortalDbContext db, int personId, int roundId,
        TimeProvider clock, CancellationToken ct = default)
    {
        if (await HouseholdAsync(db, personId, ct) is not { } household) return null;
        var round = await db.SurveyRounds.AsNoTracking()
            .Where(r => r.Id == roundId && db.SurveyParticipations.Any(p => p.RoundId == r.Id && p.EstateId == household.EstateId))
            .SingleOrDefaultAsync(ct);
        if (round is null) return null;
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, household.EstateId, ct));
        return round.StatusOn(today) == SurveyRoundStatus.Upcoming ? null : (round, household, today);
    }

    /// <summary>Open rounds of the household's estate, for the banner on the Portal home.</summary>
    public static async Task<IReadOnlyList<Banner>> BannersAsync(OwnerPortalDbContext db, int personId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await HouseholdAsync(db, personId, ct) is not { } household) return [];
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, household.EstateId, ct));
        return await db.SurveyRounds.AsNoTracking()
            .Where(r => r.OpensOn <= today && r.ClosesOn >= today
                        && db.SurveyParticipations.Any(p => p.RoundId == r.Id && p.EstateId == household.EstateId))
            .OrderBy(r => r.ClosesOn)
            .Select(r => new Banner(r.Id, r.Title, r.ClosesOn,
                db.SurveyResponses.Any(x => x.RoundId == r.Id && x.UnitId == household.UnitId && x.IsCurrent),
                db.SurveyResponses.Any(x => x.RoundId == r.Id && x.UnitId == household.UnitId && x.PersonId == personId && x.SubmittedAt == null)))
            .ToListAsync(ct);
    }
}
