using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// Customer service's callback list (SPEC 3): due today, overdue, upcoming, filtered by kind and by who calls; and the
/// follow-ups "partly fixed" answers asked of the departments.
/// </summary>
[Authorize(Policy = Policies.Callbacks)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    private const int PageSize = 200;

    public record Row(long Id, long CaseId, string Reference, string Estate, CallbackKind Kind, CallbackBy By, string Owner, string Phone,
        DateTimeOffset DueFrom, DateTimeOffset DueUntil, int Attempts, DateTimeOffset? RetryAt, string Description);
    public record FollowUpRow(long Id, long CaseId, string Reference, string? Department, DateTimeOffset Due, string? Comments);

    [BindProperty(SupportsGet = true)] public DueView Show { get; set; } = DueView.Today;
    [BindProperty(SupportsGet = true)] public CallbackKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public CallbackBy? By { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<DueView, int> Counts { get; private set; } = new Dictionary<DueView, int>();
    public IReadOnlyList<FollowUpRow> FollowUps { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    public bool CanEditPolicy { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var zoneId = User.EstateIdOf() is { } estate
            ? await db.Estates.Where(e => e.Id == estate).Select(e => e.TimeZone).FirstOrDefaultAsync(ct) : null;
        Zone = LocalTime.Zone(zoneId);
        var endOfToday = EndOfLocalDay(now, Zone);
        Counts = await CallbackDueList.CountsAsync(db, now, endOfToday, Kind, By, ct);
        var rows = await CallbackDueList.Sorted(CallbackDueList.Filter(db, Show, now, endOfToday, Kind, By), Show).Take(PageSize)
            .Join(db.Cases, b => b.CaseId, c => c.Id, (b, c) => new
            {
                b.Id, b.CaseId, c.Reference, Estate = db.Estates.Where(e => e.Id == b.EstateId).Select(e => e.Name).First(),
                b.Kind, b.By, c.ReporterName, c.ReporterPhone, b.DueFrom, b.DueUntil, b.Attempts, b.RetryAt, c.Description,
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.CaseId, r.Reference, r.Estate, r.Kind, r.By, r.ReporterName, PersonalData.MaskPhone(r.ReporterPhone),
            r.DueFrom, r.DueUntil, r.Attempts, r.RetryAt, r.Description)).ToList();
        FollowUps = await db.Callbacks.AsNoTracking()
            .Where(b => b.FollowUpDueAt != null && b.FollowUpDoneAt == null)
            .OrderBy(b => b.FollowUpDueAt).Take(PageSize)
            .Select(b => new FollowUpRow(b.Id, b.CaseId, db.Cases.Where(c => c.Id == b.CaseId).Select(c => c.Reference).First(),
                db.Departments.Where(d => d.Id == b.FollowUpDepartmentId).Select(d => d.Name).FirstOrDefault(), b.FollowUpDueAt!.Value, b.Comments))
            .ToListAsync(ct);
        CanEditPolicy = User.StaffRoleOf() is OwnerPortal.Core.Domain.People.StaffRole.EstateManager or OwnerPortal.Core.Domain.People.StaffRole.QualityOffice;
    }

    /// <summary>The department reports the follow-up done.</summary>
    public async Task<IActionResult> OnPostFollowUpDoneAsync(long id, CancellationToken ct)
    {
        var callback = await db.Callbacks.FirstOrDefaultAsync(b => b.Id == id && b.FollowUpDueAt != null && b.FollowUpDoneAt == null, ct);
        if (callback is null) return NotFound();
        callback.CompleteFollowUp(clock.GetUtcNow(), User.FindFirst("name")?.Value ?? "");
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Callbacks.FollowUpDone";
        return RedirectToPage(new { Show, Kind, By });
    }

    public static DateTimeOffset EndOfLocalDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var next = local.Date.AddDays(1);
        return new DateTimeOffset(next, zone.GetUtcOffset(next)).ToUniversalTime();
    }
}
