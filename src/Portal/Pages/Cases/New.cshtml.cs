using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Cases.Photos;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Portal.Pages.Cases;

/// <summary>
/// Filing a complaint, suggestion or repair request for the active unit. A double submit files once (idempotency
/// key); before a public-area case is filed the owner sees open cases about the same place and category and may
/// join one instead.
/// </summary>
[Authorize(Policy = Policies.Owner)]
[RequestSizeLimit(MaxUpload), RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public class NewModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t, PhotoStaging staging, PhotoStorage storage) : PageModel
{
    /// <summary>Six photos of 10 MB and the rest of the form; each photo's own limit is checked by PhotoProcessor.</summary>
    private const long MaxUpload = PhotoRules.MaxPerSubmission * PhotoRules.MaxBytes + 1024 * 1024;

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public List<IFormFile> Photos { get; set; } = [];
    /// <summary>Photos kept from an earlier try that the owner ticked to remove.</summary>
    [BindProperty] public List<Guid> RemovePhotos { get; set; } = [];
    public IReadOnlyList<StagedPhoto> Staged { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Areas { get; private set; } = [];
    public IReadOnlyList<Similar> Duplicates { get; private set; } = [];
    public string? UnitLabel { get; private set; }

    public record Similar(long Id, string Reference, string Description, CaseStatus Status, DateTimeOffset ReceivedAt);

    public class InputModel
    {
        [Display(Name = "Cases.Field.Type")] public CaseType Type { get; set; } = CaseType.RepairRequest;
        [Required(ErrorMessage = "Validation.Required"), Display(Name = "Cases.Field.Category")] public CaseCategory? Category { get; set; }
        [Display(Name = "Cases.Field.Where")] public CaseLocation Location { get; set; } = CaseLocation.OwnUnit;
        [Display(Name = "Cases.Field.Area")] public int? PublicAreaId { get; set; }
        [Required(ErrorMessage = "Validation.Required"), StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Cases.Field.Description")]
        public string Description { get; set; } = "";
        [StringLength(100, ErrorMessage = "Validation.MaxLength"), Display(Name = "Cases.Field.ContactTime")] public string? PreferredContactTime { get; set; }
        [Display(Name = "Cases.Field.Urgent")] public bool IsUrgent { get; set; }
        public Guid IdempotencyKey { get; set; }
        /// <summary>Where photos wait while the form is not yet accepted, so a failed try loses none of them.</summary>
        public Guid StagingToken { get; set; }
        /// <summary>The owner saw the similar open cases and files their own anyway.</summary>
        public bool DuplicatesSeen { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ActiveUnitAsync(ct) is null) return RedirectToPage("/Cases/Index");
        Input.IdempotencyKey = Guid.NewGuid();
        Input.StagingToken = PhotoStaging.NewToken();
        return Page();
    }

    /// <summary>Thumbnail of a photo kept from an earlier try of this form.</summary>
    public IActionResult OnGetStagedThumb(Guid token, Guid id) =>
        staging.OpenThumbnail(token, id) is { } stream ? File(stream, "image/jpeg") : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var unit = await ActiveUnitAsync(ct);
        if (unit is null) return RedirectToPage("/Cases/Index");
        if (Input.IdempotencyKey == Guid.Empty) Input.IdempotencyKey = Guid.NewGuid();
        if (Input.StagingToken == Guid.Empty) Input.StagingToken = PhotoStaging.NewToken();
        await StagePhotosAsync(ct);
        if (!Enum.IsDefined(Input.Type)) ModelState.AddModelError("Input.Type", t["Validation.Choice"]);
        if (!Enum.IsDefined(Input.Location)) ModelState.AddModelError("Input.Location", t["Validation.Choice"]);
        if (Input.Location == CaseLocation.PublicArea && (Input.PublicAreaId is null || !Areas.Any(a => a.Id == Input.PublicAreaId)))
            ModelState.AddModelError("Input.PublicAreaId", t["Cases.New.ChooseArea"]);
        if (!ModelState.IsValid) return Page();

        if (Input.Location == CaseLocation.PublicArea && !Input.DuplicatesSeen)
        {
            Duplicates = await db.Cases.AsNoTracking()
                .Where(c => c.EstateId == unit.Value.EstateId && c.PublicAreaId == Input.PublicAreaId && c.Category == Input.Category
                            && c.Status < CaseStatus.Resolved && !c.IsTest)
                .OrderByDescending(c => c.ReceivedAt).Take(5)
                .Select(c => new Similar(c.Id, c.Reference, c.Description, c.Status, c.ReceivedAt)).ToListAsync(ct);
            if (Duplicates.Count > 0)
            {
                // The posted "false" in ModelState would win over the model when the form is drawn again, and
                // "file mine anyway" would show the offer forever.
                ModelState.Remove("Input.DuplicatesSeen");
                Input.DuplicatesSeen = true;
                return Page();
            }
        }

        var personId = User.PersonIdOf()!.Value;
        var person = await db.People.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.FullName, p.Phone }).SingleAsync(ct);
        var details = new NewCase(unit.Value.EstateId, Input.Type, CaseChannel.Portal, Input.Location, Input.Description,
            UnitId: unit.Value.UnitId, PublicAreaId: Input.PublicAreaId, Category: Input.Category, IsUrgent: Input.IsUrgent,
            PreferredContactTime: Input.PreferredContactTime?.Trim(), ReporterPersonId: personId, ReporterName: person.FullName,
            ReporterPhone: person.Phone, IdempotencyKey: Input.IdempotencyKey);
        var actor = new Actor(ActorKind.Owner, person.FullName, PersonId: personId);
        var now = clock.GetUtcNow();
        var photos = new List<CaseAttachment>();
        foreach (var staged in Staged)
            if (await staging.LoadAsync(Input.StagingToken, staged.Id, ct) is { } loaded)
                photos.Add(await storage.SaveAsync(loaded.Photo, staged.FileName, now, actor, ct));
        CaseIntake.Filed filed;
        try
        {
            filed = await CaseIntake.FileAsync(db, details, actor, now, photos, ct);
        }
        catch
        {
            await storage.DeleteUnsavedAsync(db, photos, CancellationToken.None);
            throw;
        }
        // A repeated submit: the first one's photos count (the same ones, when it was this submit's own retry).
        if (!filed.Created) await storage.DeleteUnsavedAsync(db, photos, ct);
        staging.Discard(Input.StagingToken);
        TempData["StatusMessage"] = "Cases.New.Done";
        return RedirectToPage("/Cases/Detail", new { id = filed.Case.Id });
    }

    /// <summary>
    /// Checks each new upload by its content and keeps the good ones with those of earlier tries; a bad photo gets
    /// a message with its name, and nothing else the owner gave is lost.
    /// </summary>
    private async Task StagePhotosAsync(CancellationToken ct)
    {
        foreach (var id in RemovePhotos) staging.Remove(Input.StagingToken, id);
        var room = PhotoRules.MaxPerSubmission - staging.List(Input.StagingToken).Count;
        foreach (var (photo, name) in await PhotoUploads.CheckAsync(Photos, room, ModelState, nameof(Photos), t, ct))
            await staging.AddAsync(Input.StagingToken, photo, name, ct);
        Staged = staging.List(Input.StagingToken);
    }

    /// <summary>"Me too": follow an open public-area case instead of filing the same thing again.</summary>
    public async Task<IActionResult> OnPostJoinAsync(long caseId, CancellationToken ct)
    {
        var unit = await ActiveUnitAsync(ct);
        if (unit is null) return RedirectToPage("/Cases/Index");
        var personId = User.PersonIdOf()!.Value;
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (found is null || !OwnerCaseRights.MayJoin(found, unit.Value.EstateId)) return NotFound();
        // The household already has the case; joining would only make them a follower of their own report.
        if (await OwnerCaseRights.StandingAsync(db, personId, caseId, ct) == OwnerStanding.None)
        {
            db.CaseFollowers.Add(new CaseFollower { CaseId = caseId, PersonId = personId, JoinedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
        TempData["StatusMessage"] = "Cases.New.Joined";
        return RedirectToPage("/Cases/Detail", new { id = caseId });
    }

    /// <summary>The unit the owner acts for (still linked), and the estate's public areas for the form.</summary>
    private async Task<(int UnitId, int EstateId)?> ActiveUnitAsync(CancellationToken ct)
    {
        var personId = User.PersonIdOf()!.Value;
        var unit = await db.People.Where(p => p.Id == personId)
            .SelectMany(p => db.UnitMemberships.Where(m => m.PersonId == p.Id && m.UnitId == p.ActiveUnitId && m.RevokedAt == null))
            .Select(m => new { m.UnitId, m.Unit!.EstateId, m.Unit.Number, Estate = db.Estates.Where(e => e.Id == m.Unit.EstateId).Select(e => e.Name).First() })
            .FirstOrDefaultAsync(ct);
        if (unit is null) return null;
        UnitLabel = $"{unit.Estate} {unit.Number}";
        Areas = (await db.PublicAreas.AsNoTracking().Where(a => a.EstateId == unit.EstateId).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name)).ToList();
        return (unit.UnitId, unit.EstateId);
    }
}
