using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Portal.Pages.Cases;

/// <summary>"My cases": the active unit's cases and the ones the owner follows, newest first, keyset-paged.</summary>
[Authorize(Policy = Policies.Owner)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    public enum StatusFilter { All, Open, Resolved, Closed, Withdrawn }
    public enum Period { All, Month, Quarter, Year }

    [BindProperty(SupportsGet = true)] public CaseType? Type { get; set; }
    [BindProperty(SupportsGet = true)] public StatusFilter Status { get; set; }
    [BindProperty(SupportsGet = true)] public Period Within { get; set; }
    /// <summary>Keyset cursor: the last row of the previous page, "ticks-id".</summary>
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public record Row(long Id, string Reference, CaseType Type, CaseStatus Status, string Description, DateTimeOffset ReceivedAt, DateTimeOffset? NextDueAt, bool Followed, string? Zone);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool HasUnit { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var personId = User.PersonIdOf()!.Value;
        var query = OwnerCases.ListFor(db, personId);
        if (Type is { } type) query = query.Where(c => c.Type == type);
        query = Status switch
        {
            StatusFilter.Open => query.Where(c => c.Status < CaseStatus.Resolved),
            StatusFilter.Resolved => query.Where(c => c.Status == CaseStatus.Resolved || c.Status == CaseStatus.Verified),
            StatusFilter.Closed => query.Where(c => c.Status == CaseStatus.Closed),
            StatusFilter.Withdrawn => query.Where(c => c.Status == CaseStatus.Withdrawn),
            _ => query,
        };
        var now = clock.GetUtcNow();
        DateTimeOffset? since = Within switch { Period.Month => now.AddMonths(-1), Period.Quarter => now.AddMonths(-3), Period.Year => now.AddYears(-1), _ => null };
        if (since is { } s) query = query.Where(c => c.ReceivedAt >= s);
        if (ParseCursor(After) is var (at, id) && id > 0)
            query = query.Where(c => c.ReceivedAt < at || (c.ReceivedAt == at && c.Id < id));

        // One round trip (ADR-010): the rows carry their estate's time zone; only an empty list asks whether the owner
        // has a unit at all.
        var activeUnit = OwnerCases.ActiveUnitOf(db, personId);
        var rows = (await query.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(PageSize + 1)
            .Select(c => new { c.Id, c.Reference, c.Type, c.Status, c.Description, c.ReceivedAt, c.NextDueAt, c.UnitId, ActiveUnit = activeUnit.FirstOrDefault(),
                Zone = db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.TimeZone).FirstOrDefault() })
            .ToListAsync(ct))
            .Select(c => new Row(c.Id, c.Reference, c.Type, c.Status, c.Description, c.ReceivedAt, c.NextDueAt, c.UnitId != c.ActiveUnit, c.Zone)).ToList();
        HasUnit = rows.Count > 0 || await activeUnit.FirstOrDefaultAsync(ct) is not null;
        if (!HasUnit) return Page();
        Zone = LocalTime.Zone(rows.FirstOrDefault()?.Zone);
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextCursor = $"{rows[^1].ReceivedAt.UtcTicks}-{rows[^1].Id}";
        }
        Rows = rows;
        return Page();
    }

    private static (DateTimeOffset, long) ParseCursor(string? cursor)
    {
        var parts = cursor?.Split('-');
        return parts is [var ticks, var id] && long.TryParse(ticks, CultureInfo.InvariantCulture, out var t) && long.TryParse(id, CultureInfo.InvariantCulture, out var i)
               && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(t, TimeSpan.Zero), i)
            : (default, 0);
    }
}
