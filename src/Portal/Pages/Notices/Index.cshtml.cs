using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Notices;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Portal.Pages.Notices;

/// <summary>The notices of the owner's estates, newest first: monthly complaint notices and information notices.</summary>
[Authorize(Policy = Policies.Owner)]
public class IndexModel([FromKeyedServices(StaleReads.Key)] OwnerPortalDbContext db) : PageModel
{
    private const int PageSize = 30;

    public record Row(long Id, string Estate, NoticeKind Kind, NoticeTopic? Topic, string Title, DateTimeOffset PublishedAt, bool IsUrgent, TimeZoneInfo Zone);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> EstateNames { get; private set; } = [];
    /// <summary>Filter: one of the owner's estates (all when null).</summary>
    [BindProperty(SupportsGet = true)] public int? Estate { get; set; }
    [BindProperty(SupportsGet = true)] public NoticeKind? Kind { get; set; }
    /// <summary>Keyset cursor: notices published before this instant (ticks).</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    public long? NextBefore { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var personId = User.PersonIdOf()!.Value;
        var notices = OwnerNotices.Readable(db, personId);
        // The estates the owner has notices from, in one round trip with their names (ADR-010).
        var readable = notices;
        Estates = await db.Estates.AsNoTracking().Where(e => readable.Any(n => n.EstateId == e.Id)).OrderBy(e => e.Id)
            .Select(e => new ValueTuple<int, string>(e.Id, e.Name)).ToListAsync(ct);
        if (Estate is { } estate) notices = notices.Where(n => n.EstateId == estate);
        if (Kind is { } kind) notices = notices.Where(n => n.Kind == kind);
        // A cursor out of range (Before=-1) reads as the first page.
        if (Core.Time.CalendarRange.FromUtcTicks(Before) is { } before) notices = notices.Where(n => n.PublishedAt < before);
        var page = await notices.OrderByDescending(n => n.PublishedAt).ThenByDescending(n => n.Id).Take(PageSize + 1)
            .Select(n => new { n.Id, n.EstateId, n.Kind, n.Topic, n.Title, PublishedAt = n.PublishedAt!.Value, n.IsUrgent })
            .ToListAsync(ct);
        var zones = await EstateTimeZones.LoadAsync(db, page.Select(n => n.EstateId), ct);
        var names = Estates.ToDictionary(e => e.Id, e => e.Name);
        Rows = page.Take(PageSize).Select(n => new Row(n.Id, names.GetValueOrDefault(n.EstateId, ""), n.Kind, n.Topic, n.Title, n.PublishedAt, n.IsUrgent, zones[n.EstateId])).ToList();
        NextBefore = page.Count > PageSize ? page[PageSize - 1].PublishedAt.UtcTicks : null;
    }
}
