using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Notices;

namespace OwnerPortal.Admin.Pages.Notices;

/// <summary>
/// Writing a notice in Markdown with a live preview (the same renderer that publishes it), then publishing it.
/// The monthly notice is published by the estate manager; information notices by the estate office.
/// </summary>
[Authorize(Policy = Policies.Notices)]
public class EditModel(OwnerPortalDbContext db, NoticeDesk desk, IStringLocalizer<Strings> t) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }

    public Notice? Notice { get; private set; }
    public NoticeKind Kind => Notice?.Kind ?? NoticeKind.Information;
    public string EstateName { get; private set; } = "";
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public IReadOnlyList<(int Id, string Name)> Buildings { get; private set; } = [];
    public string PreviewHtml { get; private set; } = "";
    public bool CanPublish => Kind == NoticeKind.Information || User.StaffRoleOf() == StaffRole.EstateManager;
    [TempData] public string? StatusMessage { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(200, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Notices.Field.Title")]
        public string Title { get; set; } = "";
        [Required(ErrorMessage = "Validation.Required"), StringLength(40_000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Notices.Field.Body")]
        public string Body { get; set; } = "";
        [Display(Name = "Admin.Notices.Field.Topic")] public NoticeTopic Topic { get; set; } = NoticeTopic.WaterCut;
        [Display(Name = "Admin.Notices.Field.ValidFrom")] public DateTime? ValidFrom { get; set; }
        [Display(Name = "Admin.Notices.Field.ValidUntil")] public DateTime? ValidUntil { get; set; }
        [Display(Name = "Admin.Notices.Field.Urgent")] public bool IsUrgent { get; set; }
        public List<int> BuildingIds { get; set; } = [];
        public uint Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Notice is { } n)
        {
            Input = new InputModel
            {
                Title = n.Title, Body = n.BodyMarkdown, Topic = n.Topic ?? NoticeTopic.Other, IsUrgent = n.IsUrgent,
                ValidFrom = n.ValidFrom is { } f ? TimeZoneInfo.ConvertTime(f, Zone).DateTime : null,
                ValidUntil = n.ValidUntil is { } u ? TimeZoneInfo.ConvertTime(u, Zone).DateTime : null,
                BuildingIds = n.AffectedBuildingIds, Version = n.Version,
            };
        }
        PreviewHtml = NoticeMarkdown.ToSafeHtml(Input.Body);
        return Page();
    }

    /// <summary>The live preview (fetched by /assets/js/notice-editor.js): the HTML owners would see.</summary>
    public ContentResult OnPostPreview() =>
        Content(NoticeMarkdown.ToSafeHtml(Input.Body), "text/html; charset=utf-8");

    /// <summary>Without script: the preview button renders the page again with the preview, keeping the text.</summary>
    public async Task<IActionResult> OnPostShowPreviewAsync(long? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        ModelState.Clear();
        PreviewHtml = NoticeMarkdown.ToSafeHtml(Input.Body);
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(long? id, CancellationToken ct) => SaveAsync(id, publish: false, ct);

    public Task<IActionResult> OnPostPublishAsync(long? id, CancellationToken ct) => SaveAsync(id, publish: true, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Notice is null) return NotFound();
        if (!CanPublish) return Forbid();
        NoticeDesk.Withdraw(Notice);
        db.Entry(Notice).Property(n => n.Version).OriginalValue = Input.Version;
        if (!await TrySaveAsync(ct)) return Page();
        StatusMessage = "Admin.Notices.Withdrawn";
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> SaveAsync(long? id, bool publish, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        PreviewHtml = NoticeMarkdown.ToSafeHtml(Input.Body);
        if (publish && !CanPublish) ModelState.AddModelError("", t["Admin.Notices.ManagerPublishes"]);
        if (Kind == NoticeKind.Information)
        {
            if (Input.ValidFrom is null) ModelState.AddModelError("Input.ValidFrom", t["Validation.Required", t["Admin.Notices.Field.ValidFrom"]]);
            if (Input.ValidUntil is null) ModelState.AddModelError("Input.ValidUntil", t["Validation.Required", t["Admin.Notices.Field.ValidUntil"]]);
            if (Input.ValidFrom is { } f && Input.ValidUntil is { } u && u <= f)
                ModelState.AddModelError("Input.ValidUntil", t["Admin.Notices.UntilAfterFrom"]);
            var known = Buildings.Select(b => b.Id).ToHashSet();
            Input.BuildingIds = Input.BuildingIds.Where(known.Contains).Distinct().ToList();
        }
        if (!ModelState.IsValid) return Page();

        var notice = Notice ?? db.Notices.Add(new Notice { EstateId = EstateId!.Value, Kind = NoticeKind.Information, Status = NoticeStatus.Draft }).Entity;
        notice.Title = Input.Title.Trim();
        notice.BodyMarkdown = Input.Body;
        if (notice.Kind == NoticeKind.Information)
        {
            notice.Topic = Input.Topic;
            notice.IsUrgent = Input.IsUrgent;
            notice.ValidFrom = ToUtc(Input.ValidFrom!.Value);
            notice.ValidUntil = ToUtc(Input.ValidUntil!.Value);
            notice.AffectedBuildingIds = Input.BuildingIds;
        }
        var wasPublished = notice.Status == NoticeStatus.Published;
        // A published notice stays as owners see it until it is published again (a correction).
        if (publish) await desk.PublishAsync(notice, User.FindFirst("name")?.Value ?? "", ct);
        if (Notice is not null) db.Entry(notice).Property(n => n.Version).OriginalValue = Input.Version;
        if (!await TrySaveAsync(ct)) return Page();
        StatusMessage = !publish ? "Admin.Notices.Saved" : wasPublished ? "Admin.Notices.Corrected" : "Admin.Notices.PublishedNow";
        return RedirectToPage(new { id = notice.Id });
    }

    /// <summary>Someone else saved the notice since this form was opened: keep what was typed, say so, let them reload.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", t["Admin.Notices.Conflict"]);
            var fresh = await db.Notices.AsNoTracking().FirstAsync(n => n.Id == Notice!.Id, ct);
            Input.Version = fresh.Version;
            ModelState.Remove("Input.Version");
            return false;
        }
    }

    private DateTimeOffset ToUtc(DateTime local) =>
        new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone.GetUtcOffset(local)).ToUniversalTime();

    private async Task<bool> LoadAsync(long? id, CancellationToken ct)
    {
        if (id is { } noticeId)
        {
            Notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == noticeId, ct); // another estate's: not found
            if (Notice is null) return false;
            EstateId = Notice.EstateId;
        }
        else
        {
            EstateId = User.EstateIdOf() ?? EstateId;
        }
        var estate = EstateId is null ? null : await db.Estates.AsNoTracking().FirstOrDefaultAsync(e => e.Id == EstateId, ct);
        if (estate is null) return false;
        EstateName = estate.Name;
        Zone = await EstateTime.ZoneAsync(db, estate.Id, ct);
        Buildings = await db.Buildings.AsNoTracking().Where(b => b.EstateId == estate.Id).OrderBy(b => b.Id)
            .Select(b => new ValueTuple<int, string>(b.Id, b.Name)).ToListAsync(ct);
        return true;
    }
}
