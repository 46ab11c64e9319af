using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>One special event: the home visit's outcome and unfinished matters, then closing those matters.</summary>
[Authorize(Policy = Policies.CallbackPolicy)]
public class EventModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public SpecialEvent Event { get; private set; } = null!;
    public string Estate { get; private set; } = "";
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Events.Outcome")] public string? Outcome { get; set; }
    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Events.OpenMatters")] public string? OpenMatters { get; set; }
    [BindProperty, StringLength(1000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Events.MattersNote")] public string? MattersNote { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostVisitAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (string.IsNullOrWhiteSpace(Outcome)) ModelState.AddModelError(nameof(Outcome), t["Validation.Required", t["Admin.Events.Outcome"]]);
        if (Event.State != SpecialEventState.VisitDue) ModelState.AddModelError("", t["Admin.Events.NotNow"]);
        if (!ModelState.IsValid) return Page();
        Event.RecordVisit(clock.GetUtcNow(), User.FindFirst("name")?.Value ?? "", Outcome!, OpenMatters);
        return await SaveAsync(id, "Admin.Events.VisitRecorded", ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Event.State != SpecialEventState.MattersOpen) { ModelState.AddModelError("", t["Admin.Events.NotNow"]); return Page(); }
        Event.CloseMatters(clock.GetUtcNow(), User.FindFirst("name")?.Value ?? "", MattersNote);
        return await SaveAsync(id, "Admin.Events.MattersClosed", ct);
    }

    private async Task<IActionResult> SaveAsync(long id, string done, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            ModelState.AddModelError("", t["Admin.Events.Conflict"]);
            return Page();
        }
        StatusMessage = done;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var e = await db.SpecialEvents.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return false;
        Event = e;
        var estate = await db.Estates.Where(x => x.Id == e.EstateId).Select(x => new { x.Name, x.TimeZone }).SingleAsync(ct);
        (Estate, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        return true;
    }
}
