using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Escalations;

/// <summary>
/// Escalated complaints not yet closed, for the estate manager and the quality office, oldest escalation first.
/// Each needs a written escalation note (SPEC 2, 003 4.3.3): written here, kept as an internal timeline entry.
/// </summary>
[Authorize(Policy = Policies.Escalations)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public record Row(long Id, string Reference, string Estate, CaseStatus Status, string Description, DateTimeOffset ReceivedAt,
        DateTimeOffset EscalatedAt, string? Department, string? Note);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public record MajorRow(long Id, string Reference, string Estate, decimal? Compensation, string Description, DateTimeOffset Due);
    /// <summary>Major complaints not yet reported to the quality office, with the report's due time.</summary>
    public IReadOnlyList<MajorRow> Majors { get; private set; } = [];
    public record ReportRow(long Id, string Reference, string Estate, CaseStatus Status, string Description, DateTimeOffset? HandledAt);
    /// <summary>Handled major complaints whose special report is missing (SPEC 2, 004).</summary>
    public IReadOnlyList<ReportRow> ReportsMissing { get; private set; } = [];
    /// <summary>Special reports written and not yet reviewed by the quality office.</summary>
    public IReadOnlyList<ReportRow> ReportsToReview { get; private set; } = [];
    public bool CanReportMajor => User.StaffRoleOf() == OwnerPortal.Core.Domain.People.StaffRole.EstateManager;
    public TimeZoneInfo Zone { get; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Escalations.Note")]
    public string? Note { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostNoteAsync(long id, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id && x.EscalatedAt != null, ct);
        if (c is null) return NotFound(); // not escalated, or another estate's
        if (string.IsNullOrWhiteSpace(Note)) ModelState.AddModelError(nameof(Note), t["Validation.Required", t["Admin.Escalations.Note"]]);
        var actor = new Actor(ActorKind.Staff, User.FindFirst("name")?.Value ?? "", StaffId: User.StaffIdOf(), Role: User.StaffRoleOf());
        if (ModelState.IsValid && !CaseWorkflow.CanPerform(CaseAction.Escalate, c.Status, actor)) ModelState.AddModelError(nameof(Note), t["Cases.Detail.NotNow"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        c.Escalate(actor, clock.GetUtcNow(), Note!);
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Escalations.Saved";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMajorAsync(long id, CancellationToken ct)
    {
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id && x.IsMajor && x.MajorReportedAt == null, ct);
        if (c is null) return NotFound();
        if (string.IsNullOrWhiteSpace(Note)) ModelState.AddModelError(nameof(Note), t["Validation.Required", t["Admin.Escalations.MajorReport"]]);
        var actor = new Actor(ActorKind.Staff, User.FindFirst("name")?.Value ?? "", StaffId: User.StaffIdOf(), Role: User.StaffRoleOf());
        if (ModelState.IsValid && !CaseWorkflow.CanPerform(CaseAction.ReportMajor, c.Status, actor)) ModelState.AddModelError(nameof(Note), t["Cases.Detail.NotNow"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        c.ReportMajor(actor, clock.GetUtcNow(), Note!);
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Escalations.MajorReported";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var majors = await db.Cases.AsNoTracking()
            .Where(c => c.IsMajor && c.MajorReportedAt == null && c.Status != CaseStatus.Withdrawn && !c.IsTest)
            .OrderBy(c => c.ClassifiedAt).Take(100)
            .Select(c => new { c.Id, c.Reference, c.EstateId, Estate = db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.Name).First(),
                c.CompensationClaimed, c.Description, Flagged = c.ClassifiedAt ?? c.ReceivedAt })
            .ToListAsync(ct);
        var rules = new Dictionary<int, OwnerPortal.Core.Cases.EstateRules>();
        var list = new List<MajorRow>();
        foreach (var m in majors)
        {
            if (!rules.TryGetValue(m.EstateId, out var r)) rules[m.EstateId] = r = await OwnerPortal.Core.Cases.EstateRules.LoadAsync(db, m.EstateId, ct);
            list.Add(new MajorRow(m.Id, m.Reference, m.Estate, m.CompensationClaimed, m.Description, CaseDeadlines.MajorReportDue(m.Flagged, r.Settings, r.Calendar)));
        }
        Majors = list;
        var handled = db.Cases.AsNoTracking()
            .Where(c => c.IsMajor && !c.IsTest && (c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Verified || c.Status == CaseStatus.Closed));
        IQueryable<ReportRow> ReportRows(IQueryable<Case> cases) => cases.OrderBy(c => c.ResolvedAt).ThenBy(c => c.Id).Take(100)
            .Select(c => new ReportRow(c.Id, c.Reference, db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.Name).First(), c.Status, c.Description, c.ResolvedAt));
        ReportsMissing = await ReportRows(handled.Where(c => c.SpecialReport == null)).ToListAsync(ct);
        ReportsToReview = await ReportRows(handled.Where(c => c.SpecialReport != null && c.SpecialReport.ReviewedAt == null)).ToListAsync(ct);
        Rows = await db.Cases.AsNoTracking()
            .Where(c => c.Type == CaseType.Complaint && c.EscalatedAt != null && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Withdrawn && !c.IsTest)
            .OrderBy(c => c.EscalatedAt).ThenBy(c => c.Id).Take(200)
            .Select(c => new Row(c.Id, c.Reference, db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.Name).First(), c.Status,
                c.Description, c.ReceivedAt, c.EscalatedAt!.Value,
                db.Departments.Where(d => d.Id == c.AssignedDepartmentId).Select(d => d.Name).FirstOrDefault(),
                // The latest note written by staff (the system's own entry is not a written note).
                c.Events.Where(e => e.Kind == CaseEventKind.Escalated && e.ActorKind == ActorKind.Staff)
                    .OrderByDescending(e => e.At).Select(e => e.Text).FirstOrDefault()))
            .ToListAsync(ct);
    }
}
