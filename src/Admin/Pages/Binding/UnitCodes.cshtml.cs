using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Binding;

/// <summary>Every code printed for one unit (created, expiry, who used it and when, revoked), with revoke for a lost letter.</summary>
[Authorize(Policy = Policies.EstateOffice)]
public class UnitCodesModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    public record CodeRow(int Id, DateTime Created, string? CreatedBy, DateTime Expires, BindingCodeState State,
        string? UsedBy, DateTime? UsedAt, DateTime? RevokedAt);
    public record LinkedRow(string Name, UnitRelation Relation, DateTime Since);

    public int UnitId { get; private set; }
    public int BuildingId { get; private set; }
    public string Estate { get; private set; } = "";
    public string Number { get; private set; } = "";
    public IReadOnlyList<CodeRow> Codes { get; private set; } = [];
    public IReadOnlyList<LinkedRow> Linked { get; private set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId)
            .Select(u => new { u.Id, u.BuildingId, u.EstateId, u.Number, Estate = db.Estates.Where(e => e.Id == u.EstateId).Select(e => e.Name).First() })
            .FirstOrDefaultAsync(ct);
        if (unit is null) return NotFound();
        (UnitId, BuildingId, Estate, Number) = (unit.Id, unit.BuildingId, unit.Estate, unit.Number);
        var zone = (await EstateTimeZones.LoadAsync(db, [unit.EstateId], ct))[unit.EstateId];
        var now = clock.GetUtcNow();

        var codes = await db.BindingCodes.AsNoTracking().Where(b => b.UnitId == unitId)
            .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
            .Select(b => new
            {
                b.Id, b.CreatedAt, b.ExpiresAt, b.UsedAt, b.RevokedAt,
                CreatedBy = db.Staff.Where(s => s.Id == b.CreatedByStaffId).Select(s => s.FullName).FirstOrDefault(),
                UsedBy = db.People.Where(p => p.Id == b.UsedByPersonId).Select(p => p.FullName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Codes = codes.Select(c => new CodeRow(c.Id, zone.ToLocal(c.CreatedAt), c.CreatedBy, zone.ToLocal(c.ExpiresAt),
            UnitBindings.StateOf(c.UsedAt, c.RevokedAt, c.ExpiresAt, now), c.UsedBy,
            c.UsedAt is { } u ? zone.ToLocal(u) : null, c.RevokedAt is { } r ? zone.ToLocal(r) : null)).ToList();

        var linked = await db.UnitMemberships.AsNoTracking().Where(m => m.UnitId == unitId && m.RevokedAt == null)
            .OrderBy(m => m.Since)
            .Select(m => new { Name = db.People.Where(p => p.Id == m.PersonId).Select(p => p.FullName).First(), m.Relation, m.Since })
            .ToListAsync(ct);
        Linked = linked.Select(l => new LinkedRow(l.Name, l.Relation, zone.ToLocal(l.Since))).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int unitId, int codeId, CancellationToken ct)
    {
        if (!await db.BindingCodes.AnyAsync(b => b.Id == codeId && b.UnitId == unitId, ct)) return NotFound();
        StatusMessage = await UnitBindings.RevokeCodeAsync(db, codeId, clock.GetUtcNow(), ct)
            ? "Admin.Binding.UnitCodes.Revoked"
            : "Admin.Binding.UnitCodes.NotRevocable";
        return RedirectToPage(new { unitId });
    }
}
