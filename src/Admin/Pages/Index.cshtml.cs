using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Admin.Pages;

/// <summary>Staff home: every estate with its units, open cases and overdue cases.</summary>
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 50;

    public IReadOnlyList<EstateRow> Estates { get; private set; } = [];
    public int EstateCount { get; private set; }
    public int PageNumber { get; private set; }
    public int PageCount => Math.Max(1, (EstateCount + PageSize - 1) / PageSize);
    public Totals Sum { get; private set; } = new(0, 0, 0);

    public record EstateRow(int Id, string Code, string Name, decimal FloorAreaM2, int Units, int OpenCases, int Overdue);
    public record Totals(int Units, int OpenCases, int Overdue);

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        EstateCount = await db.Estates.CountAsync(ct);
        PageNumber = Math.Clamp(p, 1, PageCount);
        var estates = await db.Estates.AsNoTracking().OrderBy(e => e.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new { e.Id, e.Code, e.Name, e.FloorAreaM2 }).ToListAsync(ct);
        var ids = estates.Select(e => e.Id).ToList();

        var units = await db.Units.Where(u => ids.Contains(u.EstateId)).GroupBy(u => u.EstateId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Open = not yet verified/closed/withdrawn; overdue = the current step's due time has passed and the case does
        // not wait on the developer (CaseWaiting).
        var now = clock.GetUtcNow();
        var open = await db.Cases.Where(c => ids.Contains(c.EstateId) && c.Status < CaseStatus.Verified && !c.IsTest)
            .GroupBy(c => c.EstateId)
            .Select(g => new { g.Key, Open = g.Count(), Overdue = g.Count(c => c.NextDueAt < now && c.WaitingOnDeveloperSince == null) })
            .ToDictionaryAsync(x => x.Key, ct);

        Estates = estates.Select(e => new EstateRow(e.Id, e.Code, e.Name, e.FloorAreaM2, units.GetValueOrDefault(e.Id),
            open.TryGetValue(e.Id, out var o) ? o.Open : 0, o?.Overdue ?? 0)).ToList();
        Sum = new Totals(Estates.Sum(e => e.Units), Estates.Sum(e => e.OpenCases), Estates.Sum(e => e.Overdue));
    }
}
