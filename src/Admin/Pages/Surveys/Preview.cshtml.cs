using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Admin.Pages.Surveys;

/// <summary>The estate's questionnaire exactly as owners will see it (the same form partial), without sending anything.</summary>
[Authorize(Policy = Policies.Staff)]
public class PreviewModel(OwnerPortalDbContext db) : PageModel
{
    public SurveyRound Round { get; private set; } = null!;
    public string EstateName { get; private set; } = "";
    public int EstateId { get; private set; }
    public SurveyFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int? estate, CancellationToken ct)
    {
        if ((User.EstateIdOf() ?? estate) is not { } estateId) return NotFound();
        if (await SurveyRounds.ForEstateAsync(db, id, estateId, ct) is not { } found) return NotFound();
        (Round, EstateName, EstateId) = (found.Round, found.EstateName, estateId);
        var questions = await SurveyRounds.QuestionsAsync(db, id, estateId, ct);
        Form = new SurveyFormView(SurveyForm.Blank(questions), questions);
        return Page();
    }
}
