using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Cases.Photos;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Portal.Pages.Cases;

/// <summary>One case as its owner sees it: status in plain words, the promise, the public timeline, and what they can do.</summary>
[Authorize(Policy = Policies.Owner)]
[RequestSizeLimit(MaxUpload), RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public partial class DetailModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, PhotoStorage storage, CaseMail mail) : PageModel
{
    private const long MaxUpload = PhotoRules.MaxPerSubmission * PhotoRules.MaxBytes + 1024 * 1024;

    /// <summary>Photos added with a note while the case is open.</summary>
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];
    public Case Case { get; private set; } = null!;
    public string? Place { get; private set; }
    public string? Department { get; private set; }
    public IReadOnlyList<CaseEvent> Timeline { get; private set; } = [];
    public IReadOnlyList<CaseAction> Allowed { get; private set; } = [];
    /// <summary>Reporter's household or an owner who joined (OwnerCaseRights decides what each may do and see).</summary>
    public OwnerStanding Standing { get; private set; }
    /// <summary>Owners who joined the case: their names are not shown to anyone else.</summary>
    public IReadOnlySet<int> FollowerIds { get; private set; } = new HashSet<int>();
    public int ViewerPersonId { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }
    /// <summary>The signed link to answer this case's open callback online (SPEC 3), when there is one.</summary>
    public string? CallbackLink { get; private set; }

    [BindProperty, StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Cases.Detail.Text")]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Every owner action posts here with its name; the workflow decides whether it is allowed now.</summary>
    public async Task<IActionResult> OnPostAsync(long id, CaseAction act, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!Allowed.Contains(act)) { ModelState.AddModelError("", t["Cases.Detail.NotNow"]); return Page(); }
        var needsText = act is CaseAction.Comment or CaseAction.Reopen or CaseAction.Escalate;
        var uploads = act == CaseAction.Comment ? Photos.Where(f => f.Length > 0).ToList() : [];
        if (needsText && string.IsNullOrWhiteSpace(Text) && uploads.Count == 0) ModelState.AddModelError(nameof(Text), t["Validation.Required", t["Cases.Detail.Text"]]);
        var accepted = await PhotoUploads.CheckAsync(uploads, PhotoRules.MaxPerSubmission, ModelState, nameof(Photos), t, ct);
        if (!ModelState.IsValid) return Page();

        var actor = new Actor(ActorKind.Owner, User.FindFirst("name")?.Value ?? "", PersonId: User.PersonIdOf());
        var now = clock.GetUtcNow();
        var saved = new List<CaseAttachment>();
        foreach (var (photo, name) in accepted) saved.Add(await storage.SaveAsync(photo, name, now, actor, ct));
        Case.Attachments.AddRange(saved);
        if (act == CaseAction.Comment && string.IsNullOrWhiteSpace(Text)) Text = t["Cases.Detail.PhotosAdded", saved.Count];
        switch (act)
        {
            case CaseAction.Comment: Case.Comment(actor, now, Text!, isPublic: true); break;
            case CaseAction.Withdraw: Case.Withdraw(actor, now, Text); break;
            case CaseAction.ConfirmResolved: Case.ConfirmResolved(actor, now, Text); break;
            case CaseAction.Reopen: Case.Reopen(actor, now, Text!); break;
            case CaseAction.Escalate:
                Case.Escalate(actor, now, Text!);
                await HotlineDesk.OnOwnerEscalationAsync(db, Case, actor, Text!, now, ct); // on the quality office's desk
                break;
            default: return BadRequest();
        }
        // The reporter and the owners who joined hear of a reopening or an appeal (the acting owner gets the receipt).
        if (act is CaseAction.Reopen or CaseAction.Escalate)
            await mail.NotifyAsync(Case, act == CaseAction.Reopen ? CaseEventKind.Reopened : CaseEventKind.Escalated, Text, now, ct);
        // Every owner action updates the case row, so its version check also refuses a save retried after a commit
        // whose acknowledgement was lost: the owner then sees the case with their comment once, not twice.
        db.Entry(Case).Property(c => c.UpdatedAt).IsModified = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone (staff, or the owner in another tab) changed the case meanwhile: show it as it is now.
            ModelState.AddModelError("", t["Cases.Detail.Conflict"]);
            db.ChangeTracker.Clear();
            await storage.DeleteUnsavedAsync(db, saved, ct);
            await LoadAsync(id, ct);
            return Page();
        }
        StatusMessage = $"Cases.Detail.Done.{act}";
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var personId = User.PersonIdOf()!.Value;
        // Three round trips (ADR-010): the case with its photos and work orders, its timeline, and one row of facts
        // about it (names, time zone, the viewer's standing, who joined, an open callback).
        var found = await OwnerCases.VisibleTo(db, personId).Include(c => c.Attachments).Include(c => c.WorkOrders).AsSingleQuery()
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null) return false;
        Case = found;
        await db.CaseEvents.Where(e => e.CaseId == id).LoadAsync(ct);
        var (areaId, unitId, departmentId) = (found.PublicAreaId, found.UnitId, found.AssignedDepartmentId);
        var facts = await db.Estates.Where(e => e.Id == found.EstateId)
            .Select(e => new
            {
                e.TimeZone,
                Department = db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).FirstOrDefault(),
                Area = db.PublicAreas.Where(a => a.Id == areaId).Select(a => a.Name).FirstOrDefault(),
                Unit = db.Units.Where(u => u.Id == unitId).Select(u => u.Number).FirstOrDefault(),
                // The two facts of OwnerCaseRights.StandingAsync.
                Household = db.UnitMemberships.Any(m => m.PersonId == personId && m.RevokedAt == null && m.UnitId == unitId),
                Follower = db.CaseFollowers.Any(f => f.PersonId == personId && f.CaseId == id),
                Followers = db.CaseFollowers.Where(f => f.CaseId == id).Select(f => f.PersonId).ToList(),
                Callback = db.Callbacks.Where(b => b.CaseId == id && b.Status == OwnerPortal.Core.Domain.Callbacks.CallbackStatus.Due)
                    .Select(b => new { b.Round, b.DueUntil }).FirstOrDefault(),
            })
            .AsSingleQuery().FirstOrDefaultAsync(ct);
        Place = areaId is not null ? facts?.Area : facts?.Unit;
        Department = facts?.Department;
        Zone = LocalTime.Zone(facts?.TimeZone);
        Timeline = found.Events.Where(e => e.IsPublic).OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
        ViewerPersonId = personId;
        Standing = OwnerCaseRights.StandingOf(facts?.Household ?? false, facts?.Follower ?? false);
        FollowerIds = (facts?.Followers ?? []).ToHashSet();
        Allowed = OwnerCaseRights.AllowedActions(found, Standing, personId);
        MayDecideWork = found.WorkOrders.Count > 0 && OwnerCaseRights.May(Standing, OwnerRight.DecideWorkOrders);
        if (!OwnerCaseRights.May(Standing, OwnerRight.AnswerCallback)) return true;
        var callback = facts?.Callback;
        if (callback is not null)
        {
            var key = await OwnerPortal.Core.Callbacks.CallbackLinks.KeyAsync(db, clock.GetUtcNow(), ct);
            CallbackLink = OwnerPortal.Core.Callbacks.CallbackService.AnswerPath(key, found.Id, callback.Round, callback.DueUntil);
        }
        return true;
    }
}
