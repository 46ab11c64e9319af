using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

using OwnerPortal.Admin.Pages.Reports;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// One written callback round: the sampled households and their answers (staff key in paper forms), and the callback
/// report (回访报告表): the problems found, each with a corrective-action item (<see cref="Rectification"/> with source
/// CallbackRound) assigned to a staff member with a due date and tracked to done. Printable.
/// </summary>
[Authorize(Policy = Policies.Callbacks)]
public class WrittenRoundModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, WrittenCallbacks written) : PageModel
{
    public sealed record Household(long InvitationId, string Unit, int Mails, WrittenCallbackInvitation Answer);

    public WrittenCallbackRound Round { get; private set; } = null!;
    public string EstateName { get; private set; } = "";
    public string Department { get; private set; } = "";
    public IReadOnlyList<Household> Households { get; private set; } = [];
    public IReadOnlyList<Rectification> Items { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> StaffOptions { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = Core.Time.LocalTime.Zone(null);
    public DateOnly Today { get; private set; }
    public int Online => Households.Count(h => h.Answer.IsAnswered && !h.Answer.IsPaper);
    public int Paper => Households.Count(h => h.Answer.IsAnswered && h.Answer.IsPaper);
    public double? Satisfaction => WrittenCallbackRules.Satisfaction(Households.Select(h => h.Answer.Overall));
    public bool CanEdit => User.EstateIdOf() is not null;
    [TempData] public string? StatusMessage { get; set; }

    [BindProperty] public PaperInput Input { get; set; } = new();
    [BindProperty] public CorrectiveActionInput Problem { get; set; } = new();
    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength")] public string? CompletionNote { get; set; }
    public string? Failed { get; private set; }

    public sealed class PaperInput : WrittenAnswerInput
    {
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Written.Household")] public long? InvitationId { get; set; }
    }

    public RectificationsView Rectifications =>
        new(Items, Problem, StaffOptions, CanEdit, Failed, Zone, Today, new Dictionary<string, string> { ["id"] = Round.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The report's items point at the round with this key.</summary>
    public static string SourceKey(int roundId) => $"written:{roundId}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPaperAsync(int id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        Only("Input");
        var household = Households.FirstOrDefault(h => h.InvitationId == Input.InvitationId);
        if (Input.InvitationId is not null && household is null) return NotFound();
        if (household is { Answer.IsAnswered: true }) ModelState.AddModelError("Input.InvitationId", t["Admin.Written.AlreadyAnswered"]);
        if (!ModelState.IsValid) { Failed = "paper"; return Page(); }
        var invitation = await db.WrittenCallbackInvitations.SingleAsync(i => i.Id == household!.InvitationId, ct);
        var result = await written.AnswerAsync(invitation, Input.ToAnswer(), clock.GetUtcNow(), null, User.StaffIdOf(), ct);
        StatusMessage = result == WrittenAnswerResult.Saved ? "Admin.Written.PaperSaved" : "Admin.Written.AlreadyAnswered";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostProblemAsync(int id, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        Only("Problem");
        var item = Problem.ToRectification(ModelState, nameof(Problem), StaffOptions, Today, t, Round.EstateId, RectificationSource.CallbackRound, SourceKey(Round.Id));
        if (item is null) { Failed = "problem"; return Page(); }
        db.Rectifications.Add(item);
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Reports.ActionSaved";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDoneAsync(int id, long item, CancellationToken ct)
    {
        if (!CanEdit) return Forbid();
        if (!await LoadAsync(id, ct)) return NotFound();
        var rectification = await db.Rectifications.FirstOrDefaultAsync(r => r.Id == item && r.SourceKey == SourceKey(id), ct);
        if (rectification is null) return NotFound();
        Only(nameof(CompletionNote));
        if (string.IsNullOrWhiteSpace(CompletionNote)) ModelState.AddModelError(nameof(CompletionNote), t["Validation.Required", t["Admin.Reports.CompletionNote"]]);
        if (rectification.Status == RectificationStatus.Done) ModelState.AddModelError(nameof(CompletionNote), t["Admin.Reports.AlreadyDone"]);
        if (!ModelState.IsValid) { Failed = "done"; return Page(); }
        rectification.Complete(CompletionNote!, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Reports.ActionDone";
        return RedirectToPage(new { id });
    }

    /// <summary>Each form posts alone: drop the validation of the others.</summary>
    private void Only(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var round = await db.WrittenCallbackRounds.AsNoTracking().Include(r => r.Invitations).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (round is null) return false; // another estate's: not found
        var own = await WrittenModel.OwnDepartmentAsync(db, User, ct);
        if (own is not null && own != round.DepartmentId) return false;
        Round = round;
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == round.EstateId, ct);
        EstateName = estate.Name;
        Zone = Core.Time.LocalTime.Zone(estate.TimeZone);
        Today = EstateTime.Today(clock, Zone);
        Department = await db.Departments.Where(d => d.Id == round.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        var unitIds = round.Invitations.Select(i => i.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Number, ct);
        Households = round.Invitations.OrderBy(i => units.GetValueOrDefault(i.UnitId, ""), StringComparer.Ordinal)
            .Select(i => new Household(i.Id, units.GetValueOrDefault(i.UnitId, "?"), i.Mails, i)).ToList();
        Items = await db.Rectifications.AsNoTracking().Where(r => r.SourceKey == SourceKey(round.Id)).OrderBy(r => r.Id).ToListAsync(ct);
        StaffOptions = await db.Staff.AsNoTracking().Where(s => s.EstateId == round.EstateId && s.IsActive).OrderBy(s => s.FullName)
            .Select(s => new ValueTuple<int, string>(s.Id, s.FullName)).ToListAsync(ct);
        return true;
    }
}
