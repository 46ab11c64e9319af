using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Portal.Pages.Surveys;

/// <summary>
/// Published results of the household's estate: every owner reads the summary; owners' committee members read the
/// full results, the comments staff approved and the rectification plan. Nothing identifies a household.
/// </summary>
[Authorize(Policy = Policies.Owner)]
public class ResultsModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    public SurveyRound Round { get; private set; } = null!;
    public string EstateName { get; private set; } = "";
    public DateTimeOffset PublishedAt { get; private set; }
    public bool IsCommittee { get; private set; }
    public SurveyResult Result { get; private set; } = null!;
    public IReadOnlyList<SurveyQuestionView> Questions { get; private set; } = [];
    public IReadOnlyList<SurveyPublishing.PlanRow> Plan { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var personId = User.PersonIdOf()!.Value;
        if (await OwnerSurveys.HouseholdAsync(db, personId, ct) is not { } household) return NotFound();
        var publishedAt = await db.SurveyPublications.AsNoTracking().Where(p => p.RoundId == id && p.EstateId == household.EstateId)
            .Select(p => (DateTimeOffset?)p.PublishedAt).FirstOrDefaultAsync(ct);
        if (publishedAt is null) return NotFound();
        Round = await db.SurveyRounds.AsNoTracking().SingleAsync(r => r.Id == id, ct);
        (EstateName, PublishedAt) = (household.EstateName, publishedAt.Value);
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, household.EstateId, ct));
        IsCommittee = await PublishedSurveys.IsCommitteeMemberAsync(db, personId, household.EstateId, today, ct);
        Result = await SurveyReport.CalculateAsync(db, id, household.EstateId, ct, approvedTextOnly: true);
        if (IsCommittee)
        {
            Questions = await SurveyRounds.QuestionsAsync(db, id, household.EstateId, ct);
            Plan = await SurveyPublishing.PlanAsync(db, id, household.EstateId, ct);
        }
        return Page();
    }
}
