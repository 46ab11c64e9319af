using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Portal.Pages.Surveys;

/// <summary>
/// The household's questionnaire: any owner or resident of the active unit answers, saves for later (a draft on the
/// server) and may change the answer until the round closes. A round of another estate is not found.
/// </summary>
[Authorize(Policy = Policies.Owner)]
public class AnswerModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public SurveyInput Input { get; set; } = new();
    public SurveyRound Round { get; private set; } = null!;
    public OwnerSurveys.Household Household { get; private set; } = null!;
    public IReadOnlyList<SurveyQuestionView> Questions { get; private set; } = [];
    public bool IsOpen { get; private set; }
    public bool IsDraft { get; private set; }
    /// <summary>When the household's counted answer was given, and whether by this person.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }
    public bool AnsweredByOther { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var (input, isDraft, counted) = await SurveyAnswers.FormAsync(db, Round.Id, Household.UnitId, User.PersonIdOf(), Questions, ct);
        (Input, IsDraft) = (input, isDraft);
        AnsweredAt = counted?.SubmittedAt;
        AnsweredByOther = counted is not null && counted.PersonId != User.PersonIdOf();
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(int id, CancellationToken ct) => SaveAsync(id, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => SaveAsync(id, submit: true, ct);

    private async Task<IActionResult> SaveAsync(int id, bool submit, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var (round, household, today) = (Round, Household, EstateToday);
        var result = await SurveyAnswers.SaveAsync(db, round, household.EstateId, household.UnitId, Respondent.Owner(User.PersonIdOf()!.Value),
            Input, Questions, submit, today, clock.GetUtcNow(), ct);
        StatusMessage = result switch
        {
            AnswerResult.Submitted => "Survey.Answer.Submitted",
            AnswerResult.Saved => "Survey.Answer.Saved",
            _ => "Survey.Answer.Closed",
        };
        return RedirectToPage(new { id });
    }

    private DateOnly EstateToday { get; set; }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await OwnerSurveys.RoundForAsync(db, User.PersonIdOf()!.Value, id, clock, ct) is not { } found) return false;
        (Round, Household, EstateToday) = found;
        IsOpen = Round.StatusOn(EstateToday) == SurveyRoundStatus.Open;
        Questions = await SurveyRounds.QuestionsAsync(db, Round.Id, Household.EstateId, ct);
        return true;
    }
}
