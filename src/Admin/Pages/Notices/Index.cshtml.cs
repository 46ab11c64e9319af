using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Notices;

namespace OwnerPortal.Admin.Pages.Notices;

/// <summary>
/// The estate's notices to owners: the monthly notice of shared complaints for each of the last twelve months
/// (drafted from the month's cases on first open) and the information notices (cuts, storms, works).
/// </summary>
[Authorize(Policy = Policies.Notices)]
public class IndexModel(OwnerPortalDbContext db, NoticeDesk desk, TimeProvider clock) : PageModel
{
    private const int Months = 12;

    /// <summary>Company-level staff choose the estate; estate staff always work on their own.</summary>
    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }
    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];
    public string EstateName { get; private set; } = "";
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public record MonthRow(DateOnly Month, Notice? Notice);
    public IReadOnlyList<MonthRow> MonthRows { get; private set; } = [];
    public IReadOnlyList<Notice> Information { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await EstateAsync(ct) is not { } estate) return Page();
        Zone = await EstateTime.ZoneAsync(db, estate.Id, ct);
        Now = clock.GetUtcNow();
        var thisMonth = EstateTime.Today(clock, Zone);
        var months = Enumerable.Range(0, Months).Select(i => new DateOnly(thisMonth.Year, thisMonth.Month, 1).AddMonths(-i)).ToList();
        var oldest = months[^1];
        var monthly = await db.Notices.AsNoTracking()
            .Where(n => n.EstateId == estate.Id && n.Kind == NoticeKind.MonthlyComplaints && n.Month >= oldest)
            .ToDictionaryAsync(n => n.Month!.Value, ct);
        MonthRows = months.Select(m => new MonthRow(m, monthly.GetValueOrDefault(m))).ToList();
        Information = await db.Notices.AsNoTracking()
            .Where(n => n.EstateId == estate.Id && n.Kind == NoticeKind.Information)
            .OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);
        return Page();
    }

    /// <summary>Opens the month's notice, drafting it from the month's complaints the first time.</summary>
    public async Task<IActionResult> OnPostDraftAsync(string month, CancellationToken ct)
    {
        if (await EstateAsync(ct) is not { } estate) return NotFound();
        if (Core.Time.CalendarRange.ParseMonth(month) is not { } first) return BadRequest();
        var notice = await desk.MonthlyAsync(estate.Id, first, ct);
        return RedirectToPage("Edit", new { id = notice.Id });
    }

    private async Task<Estate?> EstateAsync(CancellationToken ct)
    {
        var id = User.EstateIdOf() ?? EstateId;
        var estate = id is null ? null : await db.Estates.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (estate is null && User.EstateIdOf() is null)
            Estates = await db.Estates.AsNoTracking().OrderBy(e => e.Id).Select(e => new ValueTuple<int, string>(e.Id, e.Name)).ToListAsync(ct);
        EstateName = estate?.Name ?? "";
        EstateId = estate?.Id;
        return estate;
    }
}
