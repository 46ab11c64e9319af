using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Admin.Pages.Structure;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// An estate's callback policy (SPEC 3): per case kind the share, the window after completion, who calls, and an
/// excluded category. Every save is a new version with who and when; 002's table and 000's alternative are one click.
/// The estate manager edits their estate's; the quality office picks any estate.
/// </summary>
[Authorize(Policy = Policies.CallbackPolicy)]
public class PolicyModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, CallbackService callbacks) : PageModel
{
    public record VersionRow(int Version, CallbackPreset BasedOn, string By, DateTimeOffset At, string? Note);

    [BindProperty(SupportsGet = true)] public int? Estate { get; set; }
    public EstateChoice? Choice { get; private set; }
    public int? EstateId { get; private set; }
    public string EstateName { get; private set; } = "";
    public CallbackPolicy? Current { get; private set; }
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty] public List<RuleInput> Rules { get; set; } = [];
    [BindProperty, StringLength(500, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Callbacks.Policy.Note")]
    public string? Note { get; set; }
    [BindProperty] public CallbackPreset BasedOn { get; set; }

    public sealed class RuleInput
    {
        public CallbackKind Kind { get; set; }
        [Range(0, 100, ErrorMessage = "Admin.Callbacks.Policy.ShareRange")] public int SharePercent { get; set; }
        [Range(0, 1000, ErrorMessage = "Admin.Callbacks.Policy.WindowRange")] public int FromAmount { get; set; }
        public WindowUnit FromUnit { get; set; }
        [Range(1, 1000, ErrorMessage = "Admin.Callbacks.Policy.WindowRange")] public int UntilAmount { get; set; }
        public WindowUnit UntilUnit { get; set; }
        public CallbackBy By { get; set; }
        public CaseCategory? ExcludedCategory { get; set; }
        public int? FirstCallWithinHours { get; set; }

        public static RuleInput Of(CallbackRule r) => new()
        {
            Kind = r.Kind, SharePercent = r.SharePercent, FromAmount = r.FromAmount, FromUnit = r.FromUnit, UntilAmount = r.UntilAmount,
            UntilUnit = r.UntilUnit, By = r.By, ExcludedCategory = r.ExcludedCategory, FirstCallWithinHours = r.FirstCallWithinHours,
        };

        public CallbackRule ToRule() => new()
        {
            Kind = Kind, SharePercent = SharePercent, FromAmount = FromAmount, FromUnit = FromUnit, UntilAmount = UntilAmount,
            UntilUnit = UntilUnit, By = By, ExcludedCategory = ExcludedCategory, FirstCallWithinHours = FirstCallWithinHours,
        };
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        if (Current is not null) (Rules, BasedOn) = (Current.Rules.OrderBy(r => r.Kind).Select(RuleInput.Of).ToList(), Current.BasedOn);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || EstateId is null) return NotFound();
        if (Rules.Select(r => r.Kind).Distinct().Count() != Rules.Count || Rules.Count != Enum.GetValues<CallbackKind>().Length)
            ModelState.AddModelError("", t["Admin.Callbacks.Policy.Incomplete"]);
        if (!ModelState.IsValid) return Page();
        return await SaveAsync(BasedOn, Rules.Select(r => r.ToRule()), ct);
    }

    /// <summary>Adopts 002's table or 000's alternative as a new version.</summary>
    public async Task<IActionResult> OnPostPresetAsync(CallbackPreset preset, CancellationToken ct)
    {
        if (!await LoadAsync(ct) || EstateId is null) return NotFound();
        ModelState.Clear();
        return await SaveAsync(preset, CallbackPresets.Rules(preset), ct);
    }

    private async Task<IActionResult> SaveAsync(CallbackPreset basedOn, IEnumerable<CallbackRule> rules, CancellationToken ct)
    {
        await callbacks.SavePolicyAsync(EstateId!.Value, basedOn, rules, clock.GetUtcNow(), User.StaffIdOf(), User.FindFirst("name")?.Value ?? "", Note, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone saved a version at the same moment: theirs stands; show it.
            ModelState.AddModelError("", t["Admin.Callbacks.Policy.Conflict"]);
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
        StatusMessage = "Admin.Callbacks.Policy.Saved";
        return RedirectToPage(new { estate = Estate });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        EstateId = EstateChoice.EstateFor(User, Estate);
        Choice = await EstateChoice.ForAsync(User, db, EstateId, "/Callbacks/Policy", ct);
        if (EstateId is not { } estateId) return true; // company staff: choose first
        var estate = await db.Estates.Where(e => e.Id == estateId).Select(e => new { e.Name, e.TimeZone }).FirstOrDefaultAsync(ct);
        if (estate is null) return false;
        (EstateName, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        Current = await db.CallbackPolicies.AsNoTracking().Include(p => p.Rules).Where(p => p.EstateId == estateId)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
            // Not saved yet: SPEC 3's table is what applies; the first decision or save makes it version 1.
            ?? CallbackPolicy.Create(estateId, 0, CallbackPreset.Standard002, CallbackPresets.Rules(CallbackPreset.Standard002), clock.GetUtcNow(), null, "");
        Versions = await db.CallbackPolicies.AsNoTracking().Where(p => p.EstateId == estateId).OrderByDescending(p => p.Version).Take(50)
            .Select(p => new VersionRow(p.Version, p.BasedOn, p.CreatedBy, p.CreatedAt, p.Note)).ToListAsync(ct);
        return true;
    }
}
