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
        var found = await db.SurveyParticipations.AsNoTracking().Where(p => p.RoundId == id && p.EstateId == estateId)
            .Select(p => new { Round = db.SurveyRounds.First(r => r.Id == p.RoundId), Estate = db.Estates.Where(e => e.Id == p.EstateId).Select(e => e.Name).First() })
            .SingleOrDefaultAsync(ct);
        if (found is null) return NotFound();
        (Round, EstateName, EstateId) = (found.Round, found.Estate, estateId);
        var questions = await SurveyRounds.QuestionsAsync(db, id, estateId, ct);
        Form = new SurveyFormView(SurveyForm.Blank(questions), questions);
        return Page();
    }
}
