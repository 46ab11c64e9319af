using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Portal.Pages.Callbacks;

/// <summary>
/// A written callback (000 3.4.1): the sampled household rates one department's service. Only people of that unit
/// may open it (others: not found); the household answers once.
/// </summary>
[Authorize(Policy = Policies.Owner)]
public class WrittenModel(OwnerPortalDbContext db, TimeProvider clock, WrittenCallbacks written) : PageModel
{
    [BindProperty] public WrittenAnswerInput Input { get; set; } = new();
    public string Estate { get; private set; } = "";
    public string Department { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public WrittenCallbackInvitation Invitation { get; private set; } = null!;
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Invitation.IsAnswered) return RedirectToPage(new { id });
        if (!ModelState.IsValid) return Page();
        var result = await written.AnswerAsync(Invitation, Input.ToAnswer(), clock.GetUtcNow(), User.PersonIdOf(), null, ct);
        StatusMessage = result == WrittenAnswerResult.Saved ? "Written.Saved" : null;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        if (User.PersonIdOf() is not { } person || await written.ForPersonAsync(id, person, ct) is not { } invitation) return false;
        Invitation = invitation;
        var info = await db.WrittenCallbackRounds.AsNoTracking().Where(r => r.Id == invitation.RoundId)
            .Select(r => new
            {
                Estate = db.Estates.Where(e => e.Id == r.EstateId).Select(e => e.Name).First(),
                Department = db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).First(),
                Unit = db.Units.Where(u => u.Id == invitation.UnitId).Select(u => u.Number).First(),
            }).SingleAsync(ct);
        (Estate, Department, Unit) = (info.Estate, info.Department, info.Unit);
        return true;
    }
}
