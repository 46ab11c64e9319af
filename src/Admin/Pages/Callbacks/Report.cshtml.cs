using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Pages.Reports;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// The callback report (回访报告表) for a month of phone, visit and Portal callbacks: the month's figures, what owners
/// said was not (fully) fixed or rated low, and the problems found, each with a rectification item tracked to
/// completion (<see cref="Rectification"/>, source CallbackRound, key "phone:{estate}:{yyyy-MM}").
/// </summary>
[Authorize(Policy = Policies.Callbacks)]
public class ReportModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : ReportPage(db, clock)
{
    public bool Loaded { get; private set; }
    public CallbackFigures? Figures { get; private set; }
    public sealed record Remark(long CaseId, string Reference, CallbackOutcome? Outcome, int? Overall, string? Comments, DateTimeOffset DoneAt);
    public IReadOnlyList<Remark> Remarks { get; private set; } = [];
    public IReadOnlyList<Rectification> Items { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> StaffOptions { get; private set; } = [];
    public bool CanEdit => User.StaffRoleOf() is StaffRole.Dispatcher or StaffRole.EstateManager;
    /// <summary>Which form came back with errors ("problem" or "done"), so only it shows them.</summary>
    public string? Failed { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty] public CorrectiveActionInput Problem { get; set; } = new();
    [BindProperty] public string? CompletionNote { get; set; }

    public RectificationsView Rectifications =>
        new(Items, Problem, StaffOptions, CanEdit, Failed, Zone, Today,
            new Dictionary<string, string> { ["estateId"] = EstateId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", ["month"] = Month ?? "" });

    public string SourceKey => $"phone:{EstateId}:{SelectedMonth:yyyy-MM}";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostProblemAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        ModelState.Remove(nameof(CompletionNote));
        var item = Problem.ToRectification(ModelState, nameof(Problem), StaffOptions, Today, t, Estate!.Id, RectificationSource.CallbackRound, SourceKey);
        if (item is null) { Failed = "problem"; return Page(); }
        Db.Rectifications.Add(item);
        await Db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Reports.ActionSaved";
        return RedirectToPage(new { EstateId, Month });
    }

    public async Task<IActionResult> OnPostDoneAsync(long item, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        var rectification = await Db.Rectifications.FirstOrDefaultAsync(r => r.Id == item && r.SourceKey == SourceKey, ct);
        if (rectification is null) return NotFound();
        ModelState.Clear(); // the problem form is not part of this post
        if (string.IsNullOrWhiteSpace(CompletionNote)) ModelState.AddModelError(nameof(CompletionNote), t["Validation.Required", t["Admin.Reports.CompletionNote"]]);
        if (rectification.Status == RectificationStatus.Done) ModelState.AddModelError(nameof(CompletionNote), t["Admin.Reports.AlreadyDone"]);
        if (!ModelState.IsValid) { Failed = "done"; return Page(); }
        rectification.Complete(CompletionNote!, Clock.GetUtcNow());
        await Db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Reports.ActionDone";
        return RedirectToPage(new { EstateId, Month });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return false;
        Loaded = true;
        var period = Period.Month(SelectedMonth, Zone);
        var callbacks = Db.Callbacks.AsNoTracking().Where(b => b.EstateId == EstateId);
        Figures = await CallbackKpis.MeasureAsync(callbacks, period, Clock.GetUtcNow(), ct);
        // What owners were not happy with: not (fully) fixed, or rated 3 or lower overall.
        Remarks = await callbacks
            .Where(b => b.Status == CallbackStatus.Done && b.DoneAt >= period.From && b.DoneAt < period.Until
                        && (b.Outcome != CallbackOutcome.Fixed || b.Overall <= 3))
            .Join(Db.Cases, b => b.CaseId, c => c.Id, (b, c) => new { c.Id, c.Reference, b.Outcome, b.Overall, b.Comments, b.DoneAt })
            .OrderBy(x => x.DoneAt).Take(200)
            .Select(x => new Remark(x.Id, x.Reference, x.Outcome, x.Overall, x.Comments, x.DoneAt!.Value))
            .ToListAsync(ct);
        Items = await Db.Rectifications.AsNoTracking().Where(r => r.SourceKey == SourceKey).OrderBy(r => r.Id).ToListAsync(ct);
        StaffOptions = await Db.Staff.AsNoTracking().Where(s => s.EstateId == EstateId && s.IsActive).OrderBy(s => s.FullName)
            .Select(s => new ValueTuple<int, string>(s.Id, s.FullName)).ToListAsync(ct);
        return true;
    }
}
