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
using OwnerPortal.Core.Text;

namespace OwnerPortal.Admin.Pages.Structure;

/// <summary>An estate's buildings, public areas and owners' committee. Company-level staff pick the estate first.</summary>
[Authorize(Policy = Policies.EstateStructure)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public record EstateInfo(int Id, string Code, string Name, string Address, decimal FloorAreaM2, int Units);
    public record BuildingRow(int Id, string Name, int Floors, int Units);
    public record AreaRow(PublicAreaKind Kind, string Name);
    public record MemberRow(int Id, string Name, IReadOnlyList<string> Units, DateOnly From, DateOnly? Until, bool Current);
    public record CandidateRow(int PersonId, string Name, UnitRelation Relation, string Phone, bool AlreadyMember);

    public EstateChoice? Choice { get; private set; }
    public EstateInfo? Estate { get; private set; }
    public IReadOnlyList<BuildingRow> Buildings { get; private set; } = [];
    public IReadOnlyList<AreaRow> PublicAreas { get; private set; } = [];
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    /// <summary>The unit number typed to find a new committee member, and the people linked to that unit.</summary>
    public string? CommitteeUnit { get; private set; }
    public IReadOnlyList<CandidateRow>? Candidates { get; private set; }
    [TempData] public string? StatusMessage { get; set; }
    [TempData] public string? ErrorMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int? estate, string? cu, CancellationToken ct)
    {
        var id = EstateChoice.EstateFor(User, estate);
        Choice = await EstateChoice.ForAsync(User, db, id, "/Structure", ct);
        if (id is null) return Page(); // company-level staff: choose an estate first
        Estate = await db.Estates.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new EstateInfo(e.Id, e.Code, e.Name, e.Address, e.FloorAreaM2, db.Units.Count(u => u.EstateId == e.Id)))
            .FirstOrDefaultAsync(ct);
        if (Estate is null) return NotFound();

        Buildings = (await db.Buildings.AsNoTracking().Where(b => b.EstateId == id)
                .Select(b => new BuildingRow(b.Id, b.Name, b.Floors, b.Units.Count)).ToListAsync(ct))
            .OrderBy(b => b.Name, NaturalOrder.Instance).ToList();
        PublicAreas = await db.PublicAreas.AsNoTracking().Where(a => a.EstateId == id)
            .OrderBy(a => a.Kind).ThenBy(a => a.Name).Select(a => new AreaRow(a.Kind, a.Name)).ToListAsync(ct);

        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, id.Value, ct));
        var members = await db.CommitteeMemberships.AsNoTracking().Where(c => c.EstateId == id)
            .Select(c => new
            {
                c.Id, c.PersonId, c.From, c.Until,
                Name = db.People.Where(p => p.Id == c.PersonId).Select(p => p.FullName).FirstOrDefault(),
                Units = db.UnitMemberships.Where(m => m.PersonId == c.PersonId && m.RevokedAt == null && m.Unit!.EstateId == id)
                    .Select(m => m.Unit!.Number).ToList(),
            }).ToListAsync(ct);
        Members = members
            .Select(m => new MemberRow(m.Id, m.Name ?? "—", m.Units.Order(NaturalOrder.Instance).ToList(), m.From, m.Until, Committee.IsCurrent(m.From, m.Until, today)))
            .OrderByDescending(m => m.Current).ThenByDescending(m => m.Until).ThenBy(m => m.From).ThenBy(m => m.Name)
            .ToList();

        if (!string.IsNullOrWhiteSpace(cu)) await FindCandidatesAsync(id.Value, cu.Trim(), ct);
        return Page();
    }

    /// <summary>The people actively linked to the typed unit, to pick a new committee member from.</summary>
    private async Task FindCandidatesAsync(int estateId, string unitNumber, CancellationToken ct)
    {
        CommitteeUnit = unitNumber;
        var unitId = await db.Units.Where(u => u.EstateId == estateId && u.Number == unitNumber).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (unitId is null)
        {
            ModelState.AddModelError("cu", t["Admin.Structure.Committee.NoSuchUnit", unitNumber]);
            return;
        }
        var current = Members.Where(m => m.Current).Select(m => m.Id).ToHashSet();
        var candidates = await db.UnitMemberships.AsNoTracking().Where(m => m.UnitId == unitId && m.RevokedAt == null)
            .OrderBy(m => m.Relation).ThenBy(m => m.Since)
            .Select(m => new
            {
                m.PersonId, m.Relation,
                Person = db.People.Where(p => p.Id == m.PersonId).Select(p => new { p.FullName, p.Phone }).First(),
                MemberIds = db.CommitteeMemberships.Where(c => c.EstateId == estateId && c.PersonId == m.PersonId).Select(c => c.Id).ToList(),
            }).ToListAsync(ct);
        Candidates = candidates.Select(c => new CandidateRow(c.PersonId, c.Person.FullName, c.Relation,
            PersonalData.MaskPhone(c.Person.Phone), c.MemberIds.Any(current.Contains))).ToList();
    }

    public async Task<IActionResult> OnPostAddMemberAsync(int? estate, int personId, CancellationToken ct)
    {
        var id = EstateChoice.EstateFor(User, estate);
        if (id is null || !await db.Estates.AnyAsync(e => e.Id == id, ct)) return NotFound();
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, id.Value, ct));
        switch (await Committee.AddAsync(db, id.Value, personId, today, ct))
        {
            case CommitteeAddResult.Added: StatusMessage = t["Admin.Structure.Committee.Added"]; break;
            case CommitteeAddResult.AlreadyMember: ErrorMessage = t["Admin.Structure.Committee.AlreadyMember"]; break;
            default: return NotFound(); // not linked to a unit of this estate, or outside the user's scope
        }
        return RedirectToPage(new { estate = id });
    }

    public async Task<IActionResult> OnPostEndMemberAsync(int? estate, int membershipId, CancellationToken ct)
    {
        var id = EstateChoice.EstateFor(User, estate);
        if (id is null || !await db.Estates.AnyAsync(e => e.Id == id, ct)) return NotFound();
        var today = EstateTime.Today(clock, await EstateTime.ZoneAsync(db, id.Value, ct));
        if (!await db.CommitteeMemberships.AnyAsync(c => c.Id == membershipId && c.EstateId == id, ct)) return NotFound();
        // False only when it has ended already (a second click): nothing more to do.
        if (await Committee.EndAsync(db, id.Value, membershipId, today, ct)) StatusMessage = t["Admin.Structure.Committee.Ended"];
        return RedirectToPage(new { estate = id });
    }
}
