using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Structure;

/// <summary>A unit and the people linked to it: revoke a link (after confirming), key in a person without an account.</summary>
[Authorize(Policy = Policies.EstateStructure)]
public class UnitModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public static readonly UnitRelation[] Relations = [UnitRelation.Owner, UnitRelation.CoOwner, UnitRelation.Family, UnitRelation.Resident];

    public record UnitInfo(int Id, string Number, int Floor, decimal AreaM2, int BuildingId, string Building, int EstateId, string Estate);
    public record PersonRow(int MembershipId, string Name, UnitRelation Relation, DateOnly Since, string Phone, bool HasAccount,
        DateOnly? RevokedOn, string? RevokedBy);

    public UnitInfo Unit { get; private set; } = null!;
    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    /// <summary>The link whose revocation is being confirmed.</summary>
    public PersonRow? ToRevoke { get; private set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(50, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Structure.FullName")]
        public string FullName { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), RegularExpression(@"^\s*1[3-9]\d{9}\s*$", ErrorMessage = "Validation.Mobile"), Display(Name = "Admin.Structure.Mobile")]
        public string Mobile { get; set; } = "";
        [Display(Name = "Admin.Structure.Relation")]
        public UnitRelation Relation { get; set; } = UnitRelation.Resident;
    }

    public async Task<IActionResult> OnGetAsync(int id, int? revoke, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (revoke is not null)
        {
            ToRevoke = People.FirstOrDefault(p => p.MembershipId == revoke && p.RevokedOn is null);
            if (ToRevoke is null) return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, int membershipId, CancellationToken ct)
    {
        // The link must belong to this unit, which must be in the user's scope.
        if (!await db.UnitMemberships.AnyAsync(m => m.Id == membershipId && m.UnitId == id, ct)) return NotFound();
        var staffId = User.StaffIdOf();
        var staffName = await db.Staff.Where(s => s.Id == staffId).Select(s => s.FullName).FirstOrDefaultAsync(ct)
                        ?? User.FindFirst("name")?.Value ?? "staff";
        // False only when it was revoked already (a second click): nothing more to do.
        if (await UnitPeople.RevokeAsync(db, membershipId, staffName, clock.GetUtcNow(), ct)) StatusMessage = t["Admin.Structure.Revoked"];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Relations.Contains(Input.Relation)) ModelState.AddModelError("Input.Relation", t["Validation.Choice"]);
        if (!ModelState.IsValid) return Page();
        var (result, _) = await UnitPeople.AddWithoutAccountAsync(db, id, Input.FullName, Input.Mobile, Input.Relation, clock.GetUtcNow(), ct);
        if (result == AddPersonResult.AlreadyLinked)
        {
            ModelState.AddModelError("Input.Mobile", t["Admin.Structure.AlreadyLinked"]);
            return Page();
        }
        StatusMessage = t["Admin.Structure.PersonAdded", Input.FullName.Trim()];
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UnitInfo(u.Id, u.Number, u.Floor, u.AreaM2, u.BuildingId,
                db.Buildings.Where(b => b.Id == u.BuildingId).Select(b => b.Name).First(), u.EstateId,
                db.Estates.Where(e => e.Id == u.EstateId).Select(e => e.Name).First()))
            .FirstOrDefaultAsync(ct);
        if (unit is null) return false;
        Unit = unit;
        var zone = await EstateTime.ZoneAsync(db, unit.EstateId, ct);
        var links = await db.UnitMemberships.AsNoTracking().Where(m => m.UnitId == id)
            .OrderBy(m => m.RevokedAt != null).ThenBy(m => m.Relation).ThenBy(m => m.Since)
            .Select(m => new
            {
                m.Id, m.Relation, m.Since, m.RevokedAt, m.RevokedBy,
                Person = db.People.Where(p => p.Id == m.PersonId).Select(p => new { p.FullName, p.Phone, HasAccount = p.UserId != null }).First(),
            }).ToListAsync(ct);
        People = links.Select(l => new PersonRow(l.Id, l.Person.FullName, l.Relation, EstateTime.DateOf(l.Since, zone),
            PersonalData.MaskPhone(l.Person.Phone), l.Person.HasAccount,
            l.RevokedAt is { } at ? EstateTime.DateOf(at, zone) : null, l.RevokedBy)).ToList();
        return true;
    }
}
