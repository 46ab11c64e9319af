using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Binding;

/// <summary>
/// Binding letters: choose a building and its units, print a new one-time code per unit. The plain codes exist only
/// in the response that prints them; the database keeps their hashes.
/// </summary>
[Authorize(Policy = Policies.EstateOffice)]
public class CodesModel(OwnerPortalDbContext db, TimeProvider clock, IConfiguration config, IStringLocalizer<Strings> t) : PageModel
{
    public const string DefaultPortalUrl = "http://127.0.0.1:5080";

    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }
    [BindProperty(SupportsGet = true)] public int? BuildingId { get; set; }
    /// <summary>"all": every unit of the building; otherwise the ticked ones.</summary>
    [BindProperty] public string? Scope { get; set; }
    [BindProperty] public List<int> UnitIds { get; set; } = [];
    [TempData] public string? StatusMessage { get; set; }

    public record Option(int Id, string Name);
    public record UnitRow(int Id, string Number, int Floor, int Linked, BindingCodeState? Code, DateTime? CodeCreated);
    public record Letter(int UnitId, string Number, string Code);
    public record LetterSet(string Estate, string OfficePhone, string OfficeHours, string PortalUrl, DateTime ExpiresOn, DateTime PrintedOn,
        string Building, IReadOnlyList<Letter> Items);

    public IReadOnlyList<Option> Estates { get; private set; } = [];
    public IReadOnlyList<Option> Buildings { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public string? EstateName { get; private set; }
    public string? BuildingName { get; private set; }
    public LetterSet? Letters { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPrintAsync(CancellationToken ct)
    {
        if (BuildingId is null || !await LoadAsync(ct) || BuildingName is null) return NotFound();
        var inBuilding = Units.Select(u => u.Id).ToHashSet();
        var chosen = Scope == "all" ? inBuilding.ToList() : UnitIds.Where(inBuilding.Contains).Distinct().ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError(nameof(UnitIds), t["Admin.Binding.Codes.NoneSelected"]);
            return Page();
        }

        var now = clock.GetUtcNow();
        var issued = await UnitBindings.IssueCodesAsync(db, chosen, User.StaffIdOf(), now, ct);
        if (issued is null) return NotFound();
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == EstateId)
            .Select(e => new { e.Name, e.OfficePhone, e.OfficeHours }).SingleAsync(ct);
        var zone = (await EstateTimeZones.LoadAsync(db, [EstateId!.Value], ct))[EstateId.Value];
        var numbers = Units.ToDictionary(u => u.Id, u => u.Number);
        var portal = (config["PortalUrl"] is { Length: > 0 } url ? url : DefaultPortalUrl).TrimEnd('/');
        Letters = new LetterSet(estate.Name, estate.OfficePhone, estate.OfficeHours, portal,
            zone.ToLocal(issued[0].ExpiresAt), zone.ToLocal(now), BuildingName,
            issued.Select(i => new Letter(i.UnitId, numbers[i.UnitId], UnitBindings.Display(i.Code)))
                .OrderBy(l => UnitNumbers.SortKey(l.Number), StringComparer.Ordinal).ToList());
        // The codes are on this page only: no cache may keep a copy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The estate and building choices and the building's units. False when a chosen one is out of scope.</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Estates = await db.Estates.AsNoTracking().OrderBy(e => e.Name).Select(e => new Option(e.Id, e.Name)).ToListAsync(ct);
        if (Estates.Count == 1) EstateId = Estates[0].Id;
        if (BuildingId is { } buildingId)
        {
            var building = await db.Buildings.AsNoTracking().Where(b => b.Id == buildingId).Select(b => new { b.EstateId, b.Name }).FirstOrDefaultAsync(ct);
            if (building is null) return false;
            // Another estate was chosen after this building: start again from that estate's buildings.
            if (EstateId is not null && EstateId != building.EstateId) BuildingId = null;
            else (EstateId, BuildingName) = (building.EstateId, building.Name);
        }
        if (EstateId is not { } estateId) return true;
        EstateName = Estates.FirstOrDefault(e => e.Id == estateId)?.Name;
        if (EstateName is null) return false;
        Buildings = (await db.Buildings.AsNoTracking().Where(b => b.EstateId == estateId).Select(b => new Option(b.Id, b.Name)).ToListAsync(ct))
            .OrderBy(b => UnitNumbers.SortKey(b.Name), StringComparer.Ordinal).ToList();
        if (BuildingId is null) return true;

        var now = clock.GetUtcNow();
        var zone = (await EstateTimeZones.LoadAsync(db, [estateId], ct))[estateId];
        var units = await db.Units.AsNoTracking().Where(u => u.BuildingId == BuildingId)
            .Select(u => new
            {
                u.Id, u.Number, u.Floor,
                Linked = db.UnitMemberships.Count(m => m.UnitId == u.Id && m.RevokedAt == null),
                Latest = db.BindingCodes.Where(b => b.UnitId == u.Id).OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
                    .Select(b => new { b.CreatedAt, b.ExpiresAt, b.UsedAt, b.RevokedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Units = units
            .Select(u => new UnitRow(u.Id, u.Number, u.Floor, u.Linked,
                u.Latest is null ? null : UnitBindings.StateOf(u.Latest.UsedAt, u.Latest.RevokedAt, u.Latest.ExpiresAt, now),
                u.Latest is null ? null : zone.ToLocal(u.Latest.CreatedAt)))
            .OrderBy(u => UnitNumbers.SortKey(u.Number), StringComparer.Ordinal).ToList();
        return true;
    }
}
