using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>
/// Taking a case in on an owner's behalf (phone, visit, mailbox, GM hotline). The unit is found as the staff member
/// types (<see cref="OnGetUnitsAsync"/>, used by /assets/js/unit-lookup.js; without script the typed number is
/// enough). Company-level staff first choose the estate.
/// </summary>
[Authorize(Policy = Policies.EstateOffice)]
public class IntakeModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The estate a company-level staff member works for here (ignored for estate staff).</summary>
    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }

    public bool ChoosingEstate { get; private set; }
    public string EstateName { get; private set; } = "";
    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Areas { get; private set; } = [];
    /// <summary>The people of the unit typed so far (kept when the form comes back with an error).</summary>
    public IReadOnlyList<StaffIntake.LinkedPerson> People { get; private set; } = [];

    public class InputModel
    {
        [Display(Name = "Admin.Intake.Channel")] public CaseChannel Channel { get; set; } = CaseChannel.Phone;
        [Required(ErrorMessage = "Validation.Required"), StringLength(20, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Workbench.Unit")]
        public string UnitNumber { get; set; } = "";
        [Display(Name = "Admin.Intake.Reporter")] public int? ReporterPersonId { get; set; }
        [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Intake.ReporterName")] public string? ReporterName { get; set; }
        [StringLength(30, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Intake.ReporterPhone")] public string? ReporterPhone { get; set; }
        [Display(Name = "Cases.Field.Type")] public CaseType Type { get; set; } = CaseType.RepairRequest;
        [Display(Name = "Cases.Field.Category")] public CaseCategory? Category { get; set; }
        [Display(Name = "Cases.Field.Where")] public CaseLocation Location { get; set; } = CaseLocation.OwnUnit;
        [Display(Name = "Cases.Field.Area")] public int? PublicAreaId { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Cases.Field.Description")]
        public string Description { get; set; } = "";
        [Display(Name = "Admin.Intake.Urgent")] public bool IsUrgent { get; set; }
        public Guid IdempotencyKey { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return Page();
        Input.IdempotencyKey = Guid.NewGuid();
        return Page();
    }

    /// <summary>Unit lookup as you type: up to ten units of the estate with their linked people's names.</summary>
    public async Task<IActionResult> OnGetUnitsAsync(string? q, CancellationToken ct)
    {
        if (Estate() is not { } estate) return new JsonResult(Array.Empty<object>());
        var units = await StaffIntake.FindUnitsAsync(db, estate, q, ct);
        return new JsonResult(StaffIntake.ForLookup(units));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return Page();
        var estate = Estate()!.Value;
        if (Input.IdempotencyKey == Guid.Empty) Input.IdempotencyKey = Guid.NewGuid();
        if (!StaffIntake.Channels.Contains(Input.Channel)) ModelState.AddModelError("Input.Channel", t["Validation.Choice"]);
        if (!Enum.IsDefined(Input.Type)) ModelState.AddModelError("Input.Type", t["Validation.Choice"]);
        if (!Enum.IsDefined(Input.Location)) ModelState.AddModelError("Input.Location", t["Validation.Choice"]);
        if (Input.Category is { } category && !Enum.IsDefined(category)) ModelState.AddModelError("Input.Category", t["Validation.Choice"]);
        if (Input.Location == CaseLocation.PublicArea && (Input.PublicAreaId is null || !Areas.Any(a => a.Id == Input.PublicAreaId)))
            ModelState.AddModelError("Input.PublicAreaId", t["Cases.New.ChooseArea"]);

        var number = (Input.UnitNumber ?? "").Trim();
        var (found, unitId, people) = await StaffIntake.UnitByNumberAsync(db, estate, number, ct);
        if (!found) ModelState.AddModelError("Input.UnitNumber", t["Admin.Intake.NoSuchUnit", number]);
        People = people;

        var (reporter, problem) = StaffIntake.ChooseReporter(Input.ReporterPersonId, Input.ReporterName, Input.ReporterPhone, People);
        if (StaffIntake.ProblemMessage(problem, unitId is not null) is (var field, var key)) ModelState.AddModelError(field, t[key]);
        if (!ModelState.IsValid || reporter is null || unitId is null) return Page();

        var staffId = User.StaffIdOf();
        var staffName = await db.Staff.Where(s => s.Id == staffId).Select(s => s.FullName).FirstOrDefaultAsync(ct) ?? User.Identity?.Name ?? "staff";
        var actor = new Actor(ActorKind.Staff, staffName, StaffId: staffId, Role: User.StaffRoleOf());
        var details = new NewCase(estate, Input.Type, Input.Channel, Input.Location, Input.Description,
            UnitId: unitId, PublicAreaId: Input.Location == CaseLocation.PublicArea ? Input.PublicAreaId : null, Category: Input.Category,
            IsUrgent: Input.IsUrgent, ReporterPersonId: reporter.PersonId, ReporterName: reporter.Name, ReporterPhone: reporter.Phone,
            IdempotencyKey: Input.IdempotencyKey);
        var filed = await CaseIntake.FileAsync(db, details, actor, clock.GetUtcNow(), ct: ct);
        return RedirectToPage("/Cases/Detail", new { id = filed.Case.Id });
    }

    /// <summary>The staff member's own estate, or the one a company-level staff member chose.</summary>
    private int? Estate() => User.EstateIdOf() ?? EstateId;

    /// <summary>Loads the estate's name and public areas; false (with the estate list) when one must be chosen first.</summary>
    private async Task<bool> LoadEstateAsync(CancellationToken ct)
    {
        if (await StaffIntake.EstateAsync(db, Estate(), ct) is not { } estate)
        {
            ChoosingEstate = true;
            Estates = await StaffIntake.EstatesAsync(db, ct);
            return false;
        }
        (EstateId, EstateName, Areas) = (estate.Id, estate.Name, estate.Areas);
        return true;
    }
}
