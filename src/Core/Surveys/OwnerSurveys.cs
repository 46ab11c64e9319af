using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

/// <summary>The Portal side: which questionnaire the signed-in person's household (their active unit) may answer.</summary>
public static class OwnerSurveys
{
    public sealed record Household(int UnitId, string UnitNumber, int EstateId, string EstateName);

    public sealed record Banner(int RoundId, string Title, DateOnly ClosesOn, bool Answered, bool HasDraft)
    {
        /// <summary>What the banner says: an unsent draft of this person's is mentioned also after the household answered.</summary>
        public string MessageKey => (Answered, HasDraft) switch
        {
            (true, true) => "Survey.Banner.AnsweredWithDraft",
            (true, false) => "Survey.Banner.Answered",
            (false, true) => "Survey.Banner.Draft",
            _ => "Survey.Banner.Invite",
        };
    }

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

    /// <summary>Open rounds of the household's estate on the estate's date today, for the banner on the Portal home.</summary>
    public static async Task<IReadOnlyList<Banner>> BannersAsync(OwnerPortalDbContext db, int personId, Household household, DateOnly today, CancellationToken ct = default) =>
        await db.SurveyRounds.AsNoTracking()
            .Where(r => r.OpensOn <= today && r.ClosesOn >= today
                        && db.SurveyParticipations.Any(p => p.RoundId == r.Id && p.EstateId == household.EstateId))
            .OrderBy(r => r.ClosesOn)
            .Select(r => new Banner(r.Id, r.Title, r.ClosesOn,
                db.SurveyResponses.Any(x => x.RoundId == r.Id && x.UnitId == household.UnitId && x.IsCurrent),
                db.SurveyResponses.Any(x => x.RoundId == r.Id && x.UnitId == household.UnitId && x.PersonId == personId && x.SubmittedAt == null)))
            .ToListAsync(ct);
}

/// <summary>What owners may read of a published round: owners the summary, committee members the full results and plan.</summary>
public static class PublishedSurveys
{
    public sealed record Published(int RoundId, string Title, DateTimeOffset PublishedAt);

    /// <summary>The estate's published rounds, latest first, for the Portal home.</summary>
    public static async Task<IReadOnlyList<Published>> ForEstateAsync(OwnerPortalDbContext db, int estateId, int take = 2, CancellationToken ct = default) =>
        await db.SurveyPublications.AsNoTracking().Where(p => p.EstateId == estateId)
            .Join(db.SurveyRounds, p => p.RoundId, r => r.Id, (p, r) => new { r.Id, r.Title, r.OpensOn, p.PublishedAt })
            .OrderByDescending(x => x.OpensOn).Take(take)
            .Select(x => new Published(x.Id, x.Title, x.PublishedAt)).ToListAsync(ct);

    /// <summary>A current member of the estate's owners' committee (a membership ending today no longer counts).</summary>
    public static async Task<bool> IsCommitteeMemberAsync(OwnerPortalDbContext db, int personId, int estateId, DateOnly today, CancellationToken ct = default) =>
        (await db.CommitteeMemberships.Where(c => c.PersonId == personId && c.EstateId == estateId).Select(c => new { c.From, c.Until }).ToListAsync(ct))
        .Any(c => Committee.IsCurrent(c.From, c.Until, today));
}
