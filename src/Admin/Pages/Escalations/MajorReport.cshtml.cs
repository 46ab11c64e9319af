using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Escalations;

/// <summary>
/// The special report of a major complaint after it was handled (SPEC 2, 004): the estate manager writes it and may
/// edit it until the quality office marks it received and reviewed. The page prints as the report itself.
/// </summary>
[Authorize(Policy = Policies.Escalations)]
public class MajorReportModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    public Case Case { get; private set; } = null!;
    public string Estate { get; private set; } = "";
    public string? Department { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    public bool CanWrite { get; private set; }
    public bool CanReview { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Admin.MajorReport.Content"), StringLength(4000, ErrorMessage = "Validation.MaxLength")] public string? Content { get; set; }
        [Display(Name = "Admin.MajorReport.Cause"), StringLength(4000, ErrorMessage = "Validation.MaxLength")] public string? Cause { get; set; }
        [Display(Name = "Admin.MajorReport.Handling"), StringLength(4000, ErrorMessage = "Validation.MaxLength")] public string? Handling { get; set; }
        [Display(Name = "Admin.MajorReport.Lessons"), StringLength(4000, ErrorMessage = "Validation.MaxLength")] public string? Lessons { get; set; }
        [Display(Name = "Admin.MajorReport.CorrectiveAction"), StringLength(4000, ErrorMessage = "Validation.MaxLength")] public string? CorrectiveAction { get; set; }
    }

    /// <summary>The five parts in the order the report is written and printed, with their labels.</summary>
    public static readonly (string Key, Func<MajorComplaintReport, string> Text)[] Parts =
    [
        ("Admin.MajorReport.Content", r => r.Content), ("Admin.MajorReport.Cause", r => r.Cause), ("Admin.MajorReport.Handling", r => r.Handling),
        ("Admin.MajorReport.Lessons", r => r.Lessons), ("Admin.MajorReport.CorrectiveAction", r => r.CorrectiveAction),
    ];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Case.SpecialReport is { } r) Input = new() { Content = r.Content, Cause = r.Cause, Handling = r.Handling, Lessons = r.Lessons, CorrectiveAction = r.CorrectiveAction };
        return Page();
    }

    public async Task<IActionResult> OnPostWriteAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanWrite) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return Page(); }
        foreach (var (field, value) in new[] { ("Content", Input.Content), ("Cause", Input.Cause), ("Handling", Input.Handling), ("Lessons", Input.Lessons), ("CorrectiveAction", Input.CorrectiveAction) })
            if (string.IsNullOrWhiteSpace(value)) ModelState.AddModelError($"Input.{field}", t["Validation.Required", t[$"Admin.MajorReport.{field}"]]);
        if (!ModelState.IsValid) return Page();
        Case.WriteMajorReport(Actor(), clock.GetUtcNow(), new MajorReportText(Input.Content!, Input.Cause!, Input.Handling!, Input.Lessons!, Input.CorrectiveAction!));
        await db.SaveChangesAsync(ct); // checked above: the manager may write now and every part is there
        StatusMessage = "Admin.MajorReport.Saved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReviewAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!CanReview) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return Page(); }
        Case.ReviewMajorReport(Actor(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.MajorReport.ReviewedDone";
        return RedirectToPage(new { id });
    }

    private Actor Actor() => new(ActorKind.Staff, User.FindFirst("name")?.Value ?? "", StaffId: User.StaffIdOf(), Role: User.StaffRoleOf());

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var found = await db.Cases.Include(c => c.SpecialReport).FirstOrDefaultAsync(c => c.Id == id && c.IsMajor, ct);
        if (found is null) return false; // not a major complaint, or not in this staff member's estate
        Case = found;
        var estate = await db.Estates.Where(e => e.Id == found.EstateId).Select(e => new { e.Name, e.TimeZone }).SingleAsync(ct);
        (Estate, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        Department = await db.Departments.Where(d => d.Id == found.AssignedDepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct);
        var actor = Actor();
        CanWrite = CaseWorkflow.CanPerform(CaseAction.WriteMajorReport, found.Status, actor) && CaseAccess.Fits(CaseAction.WriteMajorReport, found);
        CanReview = CaseWorkflow.CanPerform(CaseAction.ReviewMajorReport, found.Status, actor) && CaseAccess.Fits(CaseAction.ReviewMajorReport, found);
        return true;
    }
}
