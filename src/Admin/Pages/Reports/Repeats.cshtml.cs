using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Reports;

namespace OwnerPortal.Admin.Pages.Reports;

/// <summary>
/// The month's repeat flags (SPEC 5): repeat complaints and repeat repairs, each with its corrective-action report
/// (problem, cause, action, who, by when) tracked to completion; the estate's open items with the overdue ones first.
/// </summary>
[Authorize(Policy = Policies.Reports)]
public class RepeatsModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : ReportPage(db, clock)
{
    public IReadOnlyList<RepeatGroup> Groups { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Units { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<int, string> Areas { get; private set; } = new Dictionary<int, string>();
    public ILookup<string, Rectification> ActionsByKey { get; private set; } = Array.Empty<Rectification>().ToLookup(r => "");
    public IReadOnlyList<Rectification> OpenActions { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> StaffOptions { get; private set; } = [];
    public bool CanEdit => User.StaffRoleOf() is StaffRole.Dispatcher or StaffRole.EstateManager;
    public bool Loaded { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty] public ActionInput Input { get; set; } = new();
    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? CompletionNote { get; set; }
    /// <summary>The finding the form that failed belongs to, so its typed text is shown again there.</summary>
    public string? FailedKey { get; private set; }

    public class ActionInput : CorrectiveActionInput
    {
        public string Key { get; set; } = "";
        public RepeatKind Kind { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? File(Table().ToCsv(), "text/csv; charset=utf-8", $"repeat-flags-{SelectedMonth:yyyy-MM}.csv") : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct)
            ? File(Table().ToXlsx(SelectedMonth.ToString("yyyy-MM")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"repeat-flags-{SelectedMonth:yyyy-MM}.xlsx")
            : NotFound();

    public async Task<IActionResult> OnPostActionAsync(CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        var group = Groups.FirstOrDefault(g => g.Key == Input.Key);
        if (group is null) return NotFound();
        var source = group.Kind switch
        {
            RepeatKind.RepeatComplaint => RectificationSource.RepeatComplaint,
            RepeatKind.RepeatRepair => RectificationSource.RepeatRepair,
            _ => RectificationSource.FailedCallback,
        };
        var item = Input.ToRectification(ModelState, nameof(Input), StaffOptions, Today, t, Estate!.Id, source, group.Key);
        if (item is null)
        {
            FailedKey = Input.Key;
            return Page();
        }
        Db.Rectifications.Add(item);
        await Db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Reports.ActionSaved";
        return RedirectToPage(new { EstateId, Month });
    }

    public async Task<IActionResult> OnPostDoneAsync(long id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        var item = await Db.Rectifications.FirstOrDefaultAsync(r => r.Id == id, ct); // another estate's: not found
        if (item is null) return NotFound();
        ModelState.Clear(); // the corrective-action form (Input) is not part of this post
        if (string.IsNullOrWhiteSpace(CompletionNote)) ModelState.AddModelError(nameof(CompletionNote), t["Validation.Required", t["Admin.Reports.CompletionNote"]]);
        if (item.Status == RectificationStatus.Done) ModelState.AddModelError(nameof(CompletionNote), t["Admin.Reports.AlreadyDone"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        item.Complete(CompletionNote!, Clock.GetUtcNow());
        await Db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Reports.ActionDone";
        return RedirectToPage(new { EstateId, Month });
    }

    private ReportTable Table()
    {
        var rows = new List<object?[]>();
        foreach (var g in Groups)
        {
            var actions = ActionsByKey[g.Key].ToList();
            rows.Add([t.Enum(g.Kind), PlaceOf(g), g.Category is { } c ? t.Enum(c) : "", g.Cases.Count, string.Join(" ", g.Cases.Select(x => x.Reference)),
                actions.Count == 0 ? t["Admin.Reports.NoAction"].Value : string.Join("; ", actions.Select(a => $"{a.Action} ({a.ResponsibleName}, {a.DueOn:yyyy-MM-dd}, {t.Enum(a.Status)})"))]);
        }
        return new ReportTable($"{t["Admin.Reports.Repeats.Title"]} {EstateName} {SelectedMonth:yyyy-MM}",
            [t["Admin.Reports.Flag"], t["Admin.Reports.Where"], t["Cases.Field.Category"], t["Admin.Reports.Count"], t["Admin.Reports.Cases"], t["Admin.Reports.Action"]], rows);
    }

    public string PlaceOf(RepeatGroup g) =>
        g.UnitId is { } u ? Units.GetValueOrDefault(u, "?") : g.PublicAreaId is { } a ? Areas.GetValueOrDefault(a, "?") : "";

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return false;
        Loaded = true;
        Groups = await RepeatFlags.FindAsync(Db, Estate!.Id, SelectedMonth, Zone, ct);
        var unitIds = Groups.Where(g => g.UnitId != null).Select(g => g.UnitId!.Value).ToList();
        var areaIds = Groups.Where(g => g.PublicAreaId != null).Select(g => g.PublicAreaId!.Value).ToList();
        Units = await Db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Number, ct);
        Areas = await Db.PublicAreas.AsNoTracking().Where(a => areaIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var prefix = SelectedMonth.ToString("yyyy-MM") + "|";
        var actions = await Db.Rectifications.AsNoTracking()
            .Where(r => r.EstateId == Estate.Id && r.SourceKey != null && r.SourceKey.StartsWith(prefix)).ToListAsync(ct);
        ActionsByKey = actions.ToLookup(r => r.SourceKey!);
        OpenActions = await Db.Rectifications.AsNoTracking()
            .Where(r => r.EstateId == Estate.Id && r.Status != RectificationStatus.Done)
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(200).ToListAsync(ct);
        StaffOptions = await Db.Staff.AsNoTracking().Where(s => s.EstateId == Estate.Id && s.IsActive).OrderBy(s => s.FullName)
            .Select(s => new ValueTuple<int, string>(s.Id, s.FullName)).ToListAsync(ct);
        return true;
    }
}
