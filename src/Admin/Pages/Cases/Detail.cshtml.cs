using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>A case for staff: everything on the timeline, internal entries included, and acknowledging with a reply.</summary>
[Authorize(Policy = Policies.Staff)]
public class DetailModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, CaseMail mail) : PageModel
{
    public Case Case { get; private set; } = null!;
    public string Estate { get; private set; } = "";
    public string? Place { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    public bool CanAcknowledge { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Cases.Reply")]
    public string? Reply { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanAcknowledge) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return Page(); }
        if (string.IsNullOrWhiteSpace(Reply)) ModelState.AddModelError(nameof(Reply), t["Validation.Required", t["Admin.Cases.Reply"]]);
        if (!ModelState.IsValid) return Page();
        var now = clock.GetUtcNow();
        Case.Acknowledge(StaffActor(), now, Reply!);
        await mail.NotifyAsync(Case, CaseEventKind.Acknowledged, Reply, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Admin.Cases.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        StatusMessage = "Admin.Cases.Acknowledged";
        return RedirectToPage(new { id });
    }

    private Actor StaffActor() =>
        new(ActorKind.Staff, User.FindFirst("name")?.Value ?? "", StaffId: User.StaffIdOf(), Role: User.StaffRoleOf());

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var found = await db.Cases.Include(c => c.Events).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null) return false; // not in this staff member's estate, or no such case
        Case = found;
        var estate = await db.Estates.Where(e => e.Id == found.EstateId).Select(e => new { e.Name, e.TimeZone }).SingleAsync(ct);
        (Estate, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        Place = found.PublicAreaId is { } area
            ? await db.PublicAreas.Where(a => a.Id == area).Select(a => a.Name).FirstOrDefaultAsync(ct)
            : await db.Units.Where(u => u.Id == found.UnitId).Select(u => u.Number).FirstOrDefaultAsync(ct);
        CanAcknowledge = CaseWorkflow.CanPerform(CaseAction.Acknowledge, found.Status, StaffActor());
        return true;
    }
}
