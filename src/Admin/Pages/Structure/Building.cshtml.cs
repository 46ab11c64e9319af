using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Text;

namespace OwnerPortal.Admin.Pages.Structure;

/// <summary>A building's units with how many people are linked to each; search by unit number.</summary>
[Authorize(Policy = Policies.EstateStructure)]
public class BuildingModel(OwnerPortalDbContext db) : PageModel
{
    private const int PageSize = 100;

    public record BuildingInfo(int Id, string Name, int Floors, int EstateId, string Estate);
    public record UnitRow(int Id, string Number, int Floor, decimal AreaM2, int People);

    public BuildingInfo Building { get; private set; } = null!;
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public int UnitCount { get; private set; }
    public int Matches { get; private set; }
    public int PageNumber { get; private set; }
    public int PageCount => Math.Max(1, (Matches + PageSize - 1) / PageSize);
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, int p = 1, CancellationToken ct = default)
    {
        var building = await db.Buildings.AsNoTracking().Where(b => b.Id == id)
            .Select(b => new BuildingInfo(b.Id, b.Name, b.Floors, b.EstateId, db.Estates.Where(e => e.Id == b.EstateId).Select(e => e.Name).First()))
            .FirstOrDefaultAsync(ct);
        if (building is null) return NotFound();
        Building = building;

        var units = db.Units.AsNoTracking().Where(u => u.BuildingId == id);
        UnitCount = await units.CountAsync(ct);
        Q = Q?.Trim();
        if (!string.IsNullOrEmpty(Q))
        {
            var pattern = "%" + Q.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            units = units.Where(u => EF.Functions.ILike(u.Number, pattern, "\\"));
        }
        // A building has at most a few thousand units: order them naturally (3-1-902 before 3-1-1001) in memory.
        var all = (await units
                .Select(u => new UnitRow(u.Id, u.Number, u.Floor, u.AreaM2, db.UnitMemberships.Count(m => m.UnitId == u.Id && m.RevokedAt == null)))
                .ToListAsync(ct))
            .OrderBy(u => u.Number, NaturalOrder.Instance).ToList();
        Matches = all.Count;
        PageNumber = Math.Clamp(p, 1, PageCount);
        Units = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }
}
