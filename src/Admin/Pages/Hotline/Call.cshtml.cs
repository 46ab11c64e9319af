using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Hotline;

/// <summary>
/// The quality office takes a GM hotline call about an estate: filed as a Hotline case through the usual staff intake
/// (so the owner sees it in the Portal), or linked to the case the caller names, and put on the desk. The unit is
/// found as the clerk types (unit-lookup.js, as on the intake form).
/// </summary>
[Authorize(Policy = Policies.QualityOffice)]
public class CallModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }

    public bool ChoosingEstate { get; private set; }
    public string EstateName { get; private set; } = "";
    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Areas { get; private set; } = [];
    public IReadOnlyList<StaffIntake.LinkedPerson> People { get; private set; } = [];
    /// <summary>Calls outside 08:30-18:00 are still taken down, with a note that the hotline is closed then (SPEC 6).</summary>
    public bool OutsideServiceHours { get; private set; }

    public class InputModel
    {
        [StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Workbench.Unit")]
        public string? UnitNumber { get; set; }
        [Display(Name = "Admin.Intake.Reporter")] public int? ReporterPersonId { get; set; }
        [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Intake.ReporterName")] public string? ReporterName { get; set; }
        [StringLength(30, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Intake.ReporterPhone")] public string? ReporterPhone { get; set; }
        [Display(Name = "Cases.Field.Type")] public CaseType Type { get; set; } = CaseType.Complaint;
        [Display(Name = "Cases.Field.Category")] public CaseCategory? Category { get; set; }
        [Display(Name = "Admin.Hotline.Area")] public int? PublicAreaId { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Hotline.Subject")]
        public string Subject { get; set; } = "";
        [StringLength(24, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Hotline.ExistingCase")]
        public string? ExistingCase { get; set; }
        public Guid IdempotencyKey { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadEstateAsync(ct)) Input.IdempotencyKey = Guid.NewGuid();
        return Page();
    }

    /// <summary>Unit lookup as you type, for the chosen estate.</summary>
    public async Task<IActionResult> OnGetUnitsAsync(string? q, CancellationToken ct) =>
        new JsonResult(EstateId is { } estate ? StaffIntake.ForLookup(await StaffIntake.FindUnitsAsync(db, estate, q, ct)) : []);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return Page();
        var estate = EstateId!.Value;
        if (Input.IdempotencyKey == Guid.Empty) Input.IdempotencyKey = Guid.NewGuid();
        if (!Enum.IsDefined(Input.Type)) ModelState.AddModelError("Input.Type", t["Validation.Choice"]);
        if (Input.Category is { } category && !Enum.IsDefined(category)) ModelState.AddModelError("Input.Category", t["Validation.Choice"]);
        if (Input.PublicAreaId is { } area && !Areas.Any(a => a.Id == area)) ModelState.AddModelError("Input.PublicAreaId", t["Validation.Choice"]);

        var number = (Input.UnitNumber ?? "").Trim();
        var (found, unitId, people) = await StaffIntake.UnitByNumberAsync(db, estate, number, ct);
        if (!found) ModelState.AddModelError("Input.UnitNumber", t["Admin.Intake.NoSuchUnit", number]);
        People = people;
        var (reporter, problem) = StaffIntake.ChooseReporter(Input.ReporterPersonId, Input.ReporterName, Input.ReporterPhone, People);
        if (StaffIntake.ProblemMessage(problem, unitId is not null) is (var field, var key)) ModelState.AddModelError(field, t[key]);
        if (problem == StaffIntake.ReporterProblem.UnknownPerson && unitId is null) ModelState.AddModelError("Input.UnitNumber", t["Validation.Required", t["Admin.Workbench.Unit"]]);

        long? existing = null;
        var reference = (Input.ExistingCase ?? "").Trim().ToUpperInvariant();
        if (reference.Length > 0)
        {
            existing = await db.Cases.Where(c => c.Reference == reference && c.EstateId == estate).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
            if (existing is null) ModelState.AddModelError("Input.ExistingCase", t["Admin.Hotline.NoSuchCase", reference, EstateName]);
        }
        if (!ModelState.IsValid || reporter is null) return Page();

        var staffId = User.StaffIdOf();
        var staffName = await db.Staff.Where(s => s.Id == staffId).Select(s => s.FullName).FirstOrDefaultAsync(ct) ?? User.FindFirst("name")?.Value ?? "staff";
        var actor = new Actor(ActorKind.Staff, staffName, StaffId: staffId, Role: User.StaffRoleOf());
        var call = new HotlineCall(estate, unitId, reporter.PersonId, reporter.Name, reporter.Phone, Input.Subject, Input.Type, Input.Category,
            Input.PublicAreaId, existing, Input.IdempotencyKey);
        var ticket = await HotlineDesk.TakeCallAsync(db, call, actor, clock.GetUtcNow(), ct);
        TempData["StatusMessage"] = "Admin.Hotline.Taken";
        return RedirectToPage("/Hotline/Detail", new { id = ticket.Id });
    }

    private async Task<bool> LoadEstateAsync(CancellationToken ct)
    {
        OutsideServiceHours = !HotlineRules.WithinServiceHours(clock.GetUtcNow(), LocalTime.Zone(null));
        if (await StaffIntake.EstateAsync(db, EstateId, ct) is not { } estate)
        {
            ChoosingEstate = true;
            Estates = await StaffIntake.EstatesAsync(db, ct);
            return false;
        }
        (EstateName, Areas) = (estate.Name, estate.Areas);
        return true;
    }
}
