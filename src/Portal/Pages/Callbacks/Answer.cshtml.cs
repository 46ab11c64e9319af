using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Portal.Pages.Callbacks;

/// <summary>
/// The online callback (SPEC 3), opened from the signed link in the invitation mail or on the case page; no sign-in
/// needed, the link is the authority. The one-tap answer from the mail arrives chosen; the owner confirms it with one
/// press (a link alone never changes anything, so a mail scanner fetching it cannot answer for the owner) and may add
/// ratings and comments. One answer per case and round, so one per household.
/// </summary>
public class AnswerModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, CallbackService callbacks) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")] public string? Token { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public string Reference { get; private set; } = "";
    public string Description { get; private set; } = "";
    public bool Invalid { get; private set; }
    /// <summary>A signed-in owner opened a link of another household's case: it is not answered (nor credited) as them.</summary>
    public bool OtherHousehold { get; private set; }
    public bool AlreadyAnswered { get; private set; }
    public bool Done { get; private set; }
    public bool Reopened { get; private set; }
    public long CaseId { get; private set; }

    public sealed class InputModel
    {
        [Display(Name = "Callbacks.Answer.Outcome")] public CallbackOutcome? Outcome { get; set; }
        [Range(1, 5, ErrorMessage = "Callbacks.Answer.RatingRange")] public int? Quality { get; set; }
        [Range(1, 5, ErrorMessage = "Callbacks.Answer.RatingRange")] public int? Timeliness { get; set; }
        [Range(1, 5, ErrorMessage = "Callbacks.Answer.RatingRange")] public int? Attitude { get; set; }
        [Range(1, 5, ErrorMessage = "Callbacks.Answer.RatingRange")] public int? Overall { get; set; }
        [StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Callbacks.Answer.Comments")] public string? Comments { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (callback, _, link) = await LoadAsync(ct);
        if (callback is not null) Input.Outcome ??= link!.Outcome;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (callback, c, _) = await LoadAsync(ct);
        if (callback is null || c is null) return Page();
        if (Input.Outcome is null) ModelState.AddModelError("Input.Outcome", t["Validation.Required", t["Callbacks.Answer.Outcome"]]);
        if (!ModelState.IsValid) return Page();
        var now = clock.GetUtcNow();
        var personId = User.PersonIdOf() ?? c.ReporterPersonId;
        await callbacks.RecordAsync(callback, c, new CallbackAnswer(CallbackChannel.Portal, Input.Outcome!.Value, Input.Quality, Input.Timeliness,
            Input.Attitude, Input.Overall, Input.Comments), now, null, User.FindFirst("name")?.Value, personId, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            // This very answer, saved by a first try whose commit acknowledgement was lost (timestamps to the microsecond).
            if (await db.Callbacks.AsNoTracking().AnyAsync(b => b.Id == callback.Id && b.AnsweredByPersonId == personId
                    && b.DoneAt >= now.AddTicks(-10) && b.DoneAt <= now.AddTicks(10), ct))
            {
                (Done, Reopened) = (true, await db.Cases.AnyAsync(x => x.Id == c.Id && x.Status == CaseStatus.InProgress, ct));
                return Page();
            }
            // Another member of the household answered first (or staff changed the case): that answer stands.
            (AlreadyAnswered, Done) = (true, false);
            return Page();
        }
        (Done, Reopened) = (true, c.Status == CaseStatus.InProgress);
        return Page();
    }

    private async Task<(Callback?, Case?, CallbackLinks.Link?)> LoadAsync(CancellationToken ct)
    {
        var key = await CallbackLinks.KeyAsync(db, clock.GetUtcNow(), ct);
        var link = CallbackLinks.Read(key, Token, clock.GetUtcNow());
        var callback = link is null ? null
            : await db.Callbacks.FirstOrDefaultAsync(b => b.CaseId == link.CaseId && b.Round == link.Round && b.Status != CallbackStatus.NotSelected, ct);
        var c = callback is null ? null : await db.Cases.FirstOrDefaultAsync(x => x.Id == callback.CaseId, ct);
        if (callback is null || c is null) { Invalid = true; return (null, null, null); }
        if (User.PersonIdOf() is { } personId
            && !OwnerCaseRights.May(await OwnerCaseRights.StandingAsync(db, personId, c.Id, ct), OwnerRight.AnswerCallback))
        {
            OtherHousehold = true;
            return (null, null, null);
        }
        (Reference, Description, CaseId) = (c.Reference, c.Description, c.Id);
        if (!callback.IsOpen) { AlreadyAnswered = true; return (null, null, link); }
        return (callback, c, link);
    }
}
