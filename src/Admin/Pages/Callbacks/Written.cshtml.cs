using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// Functional-group written callbacks (000 3.4.1): each department samples at least 5% of the estate's households a
/// year. Lists the rounds (sampled, answered online/paper, satisfaction) and each department's coverage this year; the
/// estate's staff draw a new round. Department supervisors see and draw only their own department's.
/// </summary>
[Authorize(Policy = Policies.Callbacks)]
public class WrittenModel(OwnerPortalDbContext db, TimeProvider clock, WrittenCallbacks written) : PageModel
{
    public sealed record RoundRow(int Id, DateTimeOffset DrawnAt, string Department, int Sampled, int Online, int Paper, double? Satisfaction);

    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }
    [BindProperty] public int DepartmentId { get; set; }
    public IReadOnlyList<Estate> Estates { get; private set; } = [];
    public IReadOnlyList<WrittenCallbacks.DepartmentCoverage> Coverage { get; private set; } = [];
    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];
    public IReadOnlyList<Department> Departments { get; private set; } = [];
    public int Year { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = Core.Time.LocalTime.Zone(null);
    public bool CanDraw => User.EstateIdOf() is not null;
    [TempData] public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDrawAsync(CancellationToken ct)
    {
        if (!CanDraw) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        if (Departments.All(d => d.Id != DepartmentId)) return NotFound(); // another estate's or another department's
        var round = await written.DrawAsync(DepartmentId, clock.GetUtcNow(), User.StaffIdOf(), User.FindFirst("name")?.Value ?? "", ct);
        StatusMessage = "Admin.Written.Drawn";
        return RedirectToPage("/Callbacks/WrittenRound", new { id = round.Id });
    }

    /// <summary>The departments the user may work with: a supervisor only their own.</summary>
    public static async Task<int?> OwnDepartmentAsync(OwnerPortalDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        user.StaffRoleOf() == StaffRole.DepartmentSupervisor && user.StaffIdOf() is { } staff
            ? await db.Staff.Where(s => s.Id == staff).Select(s => s.DepartmentId).FirstOrDefaultAsync(ct) ?? -1
            : null;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Estates = await db.Estates.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        var estate = Estates.FirstOrDefault(e => e.Id == (User.EstateIdOf() ?? EstateId ?? Estates.FirstOrDefault()?.Id));
        if (estate is null) return false;
        EstateId = estate.Id;
        Zone = Core.Time.LocalTime.Zone(estate.TimeZone);
        Year = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).Year;
        var own = await OwnDepartmentAsync(db, User, ct);
        Departments = await db.Departments.AsNoTracking().Where(d => d.EstateId == estate.Id && (own == null || d.Id == own))
            .OrderBy(d => d.Kind).ThenBy(d => d.Id).ToListAsync(ct);
        var ids = Departments.Select(d => d.Id).ToList();
        Coverage = (await written.CoverageAsync(estate.Id, Year, ct)).Where(c => ids.Contains(c.DepartmentId)).ToList();
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        var rounds = await db.WrittenCallbackRounds.AsNoTracking().Where(r => r.EstateId == estate.Id && ids.Contains(r.DepartmentId))
            .OrderByDescending(r => r.DrawnAt).Take(100)
            .Select(r => new { r.Id, r.DrawnAt, r.DepartmentId, Sampled = r.Invitations.Count,
                Online = r.Invitations.Count(i => i.AnsweredAt != null && !i.IsPaper), Paper = r.Invitations.Count(i => i.AnsweredAt != null && i.IsPaper),
                Overall = r.Invitations.Select(i => i.Overall).ToList() })
            .ToListAsync(ct);
        Rounds = rounds.Select(r => new RoundRow(r.Id, r.DrawnAt, names[r.DepartmentId], r.Sampled, r.Online, r.Paper,
            WrittenCallbackRules.Satisfaction(r.Overall))).ToList();
        return true;
    }
}
