using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Admin.Pages.Surveys;

/// <summary>The estate office keys in a household's paper questionnaire; it is counted like an online one, marked as paper.</summary>
[Authorize(Policy = Policies.EstateOffice)]
public class PaperModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public SurveyInput Input { get; set; } = new();
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(30, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Surveys.UnitNumber")]
    public string UnitNumber { get; set; } = "";
    public SurveyRound Round { get; private set; } = null!;
    public string EstateName { get; private set; } = "";
    public int EstateId { get; private set; }
    public IReadOnlyList<SurveyQuestionView> Questions { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int? estate, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct)) return NotFound();
        Input = SurveyForm.Blank(Questions);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int? estate, CancellationToken ct)
    {
        if (!await LoadAsync(id, estate, ct)) return NotFound();
        if (User.StaffIdOf() is not { } staffId) return Forbid();
        var number = UnitNumber.Trim();
        var unitId = await db.Units.Where(u => u.EstateId == EstateId && u.Number == number).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (unitId is null) ModelState.AddModelError(nameof(UnitNumber), t["Admin.Surveys.NoSuchUnit", number]);
        if (!ModelState.IsValid) return Page();
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, EstateId, ct));
        var result = await SurveyAnswers.SaveAsync(db, Round, EstateId, unitId!.Value, Respondent.Paper(staffId), Input, Questions, submit: true, today, clock.GetUtcNow(), ct);
        switch (result)
        {
            case AnswerResult.AnsweredOnline:
                ModelState.AddModelError(nameof(UnitNumber), t["Admin.Surveys.AnsweredOnline", number]);
                return Page();
            case AnswerResult.NotOpen:
                ModelState.AddModelError("", t["Survey.Answer.Closed"]);
                return Page();
        }
        StatusMessage = t["Admin.Surveys.PaperSaved", number];
        return RedirectToPage(new { id, estate });
    }

    private async Task<bool> LoadAsync(int id, int? estate, CancellationToken ct)
    {
        if ((User.EstateIdOf() ?? estate) is not { } estateId) return false;
        if (await SurveyRounds.ForEstateAsync(db, id, estateId, ct) is not { } found) return false;
        (Round, EstateName, EstateId) = (found.Round, found.EstateName, estateId);
        Questions = await SurveyRounds.QuestionsAsync(db, id, estateId, ct);
        return true;
    }
}
