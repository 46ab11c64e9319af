using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// Recording one callback (SPEC 3): the phone script, whose work is rated, and the form. Not reached: a retry is set
/// for the next working day, the third failed try records the owner as unreachable. Reached: ratings and outcome;
/// "not fixed" or overall 1-2 reopens the case, "partly fixed" asks the department for a follow-up.
/// </summary>
[Authorize(Policy = Policies.Callbacks)]
public class RecordModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, CallbackService callbacks) : PageModel
{
    public Callback Callback { get; private set; } = null!;
    public Case Case { get; private set; } = null!;
    public string Phone { get; private set; } = "";
    public string? HandledBy { get; private set; }
    public string? Department { get; private set; }
    public string Estate { get; private set; } = "";
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Admin.Callbacks.Channel")] public CallbackChannel Channel { get; set; } = CallbackChannel.Phone;
        [Display(Name = "Admin.Callbacks.Reached")] public bool Reached { get; set; } = true;
        [Display(Name = "Admin.Callbacks.Outcome")] public CallbackOutcome? Outcome { get; set; }
        [Display(Name = "Admin.Callbacks.Quality"), Range(1, 5, ErrorMessage = "Admin.Callbacks.RatingRange")] public int? Quality { get; set; }
        [Display(Name = "Admin.Callbacks.Timeliness"), Range(1, 5, ErrorMessage = "Admin.Callbacks.RatingRange")] public int? Timeliness { get; set; }
        [Display(Name = "Admin.Callbacks.Attitude"), Range(1, 5, ErrorMessage = "Admin.Callbacks.RatingRange")] public int? Attitude { get; set; }
        [Display(Name = "Admin.Callbacks.Overall"), Range(1, 5, ErrorMessage = "Admin.Callbacks.RatingRange")] public int? Overall { get; set; }
        [Display(Name = "Admin.Callbacks.Comments"), StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? Comments { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Callback.IsOpen) { ModelState.AddModelError("", t["Admin.Callbacks.AlreadyRecorded"]); return Page(); }
        if (Input.Channel == CallbackChannel.Portal) ModelState.AddModelError("Input.Channel", t["Admin.Callbacks.PortalIsOwners"]);
        if (Input.Reached)
        {
            if (Input.Outcome is null) ModelState.AddModelError("Input.Outcome", t["Validation.Required", t["Admin.Callbacks.Outcome"]]);
            if (Input.Overall is null) ModelState.AddModelError("Input.Overall", t["Validation.Required", t["Admin.Callbacks.Overall"]]);
        }
        if (!ModelState.IsValid) return Page();

        var now = clock.GetUtcNow();
        var by = User.FindFirst("name")?.Value ?? "";
        if (Input.Reached)
            await callbacks.RecordAsync(Callback, Case, new CallbackAnswer(Input.Channel, Input.Outcome!.Value, Input.Quality, Input.Timeliness,
                Input.Attitude, Input.Overall, Input.Comments), now, User.StaffIdOf(), by, null, ct);
        else
            await callbacks.RecordUnreachedAsync(Callback, now, User.StaffIdOf(), by, Input.Comments, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone recorded it, or changed the case, meanwhile: nothing saved, say so with the current state.
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            ModelState.AddModelError("", t["Admin.Callbacks.Conflict"]);
            return Page();
        }
        TempData["StatusMessage"] = !Input.Reached
            ? Callback.Status == CallbackStatus.Unreachable ? "Admin.Callbacks.Unreachable" : "Admin.Callbacks.RetrySet"
            : Case.Status == CaseStatus.InProgress ? "Admin.Callbacks.SavedReopened" : "Admin.Callbacks.Saved";
        return RedirectToPage("/Callbacks/Index");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var callback = await db.Callbacks.FirstOrDefaultAsync(b => b.Id == id && b.Status != CallbackStatus.NotSelected, ct);
        if (callback is null) return false;
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == callback.CaseId, ct);
        if (c is null) return false;
        (Callback, Case) = (callback, c);
        Phone = PersonalData.MaskPhone(c.ReporterPhone);
        var estate = await db.Estates.Where(e => e.Id == c.EstateId).Select(e => new { e.Name, e.TimeZone }).SingleAsync(ct);
        (Estate, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        HandledBy = callback.HandledByStaffId is { } s ? await db.Staff.Where(x => x.Id == s).Select(x => x.FullName).FirstOrDefaultAsync(ct) : null;
        Department = callback.HandledByDepartmentId is { } d ? await db.Departments.Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return true;
    }
}
