using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Callbacks;

/// <summary>
/// Special events (000 3.3, SPEC 3): the estate manager records one; a home visit falls due within the policy's window
/// (20 working days); the list shows visits due, open matters, and done events. The quality office reads every estate's.
/// </summary>
[Authorize(Policy = Policies.CallbackPolicy)]
public class EventsModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, CallbackService callbacks) : PageModel
{
    public record Row(long Id, string Estate, string Household, string Description, DateOnly OccurredOn, DateTimeOffset DueUntil,
        SpecialEventState State, bool Late);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanRecord => User.EstateIdOf() is not null;
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Events.Household")]
        public string? Household { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Events.Description")]
        public string? Description { get; set; }
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Admin.Events.OccurredOn")]
        public DateOnly? OccurredOn { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.EstateIdOf() is not { } estate) return Forbid();
        var now = clock.GetUtcNow();
        if (Input.OccurredOn is { } on && on > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
            ModelState.AddModelError("Input.OccurredOn", t["Admin.Events.FutureDate"]);
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }
        var e = await callbacks.RecordSpecialEventAsync(estate, Input.Household!, Input.Description!, Input.OccurredOn!.Value, now,
            User.StaffIdOf(), User.FindFirst("name")?.Value ?? "", ct);
        await db.SaveChangesAsync(ct);
        StatusMessage = "Admin.Events.Recorded";
        return RedirectToPage("/Callbacks/Event", new { id = e.Id });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Zone = LocalTime.Zone(User.EstateIdOf() is { } estate ? await db.Estates.Where(e => e.Id == estate).Select(e => e.TimeZone).FirstOrDefaultAsync(ct) : null);
        var events = await db.SpecialEvents.AsNoTracking()
            .OrderBy(e => e.VisitedAt != null).ThenBy(e => e.MattersClosedAt != null || e.OpenMatters == null).ThenBy(e => e.VisitDueUntil).Take(200)
            .ToListAsync(ct);
        var estates = await db.Estates.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        Rows = events.Select(e => new Row(e.Id, estates.GetValueOrDefault(e.EstateId, ""), e.Household, e.Description, e.OccurredOn, e.VisitDueUntil,
            e.State, (e.VisitedAt ?? now) > e.VisitDueUntil)).ToList();
    }
}
