using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Admin.Pages.Outbox;

/// <summary>The mail outbox, newest first, by status. Addresses are shown (administrators only), never logged.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public class IndexModel(OwnerPortalDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public OutboxStatus? Status { get; set; }
    /// <summary>Keyset paging: the rows older than this id (the outbox only grows).</summary>
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();
    public int TotalCount => Counts.Values.Sum();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public long? OlderThan { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public record Row(long Id, DateTimeOffset CreatedAt, string Kind, string To, string Subject, OutboxStatus Status, int Attempts,
        DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await CompanyZoneAsync(db, ct);
        Counts = await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var query = db.Outbox.AsNoTracking();
        if (Status is { } status) query = query.Where(m => m.Status == status);
        if (Before is { } before) query = query.Where(m => m.Id < before);
        var rows = await query.OrderByDescending(m => m.Id).Take(PageSize + 1)
            .Select(m => new Row(m.Id, m.CreatedAt, m.Kind, m.To, m.Subject, m.Status, m.Attempts, m.SentAt, m.NextAttemptAt))
            .ToListAsync(ct);
        OlderThan = rows.Count > PageSize ? rows[PageSize - 1].Id : null;
        Rows = rows.Take(PageSize).ToList();
    }

    /// <summary>To the minute: the list has to fit the screen; the detail page shows seconds.</summary>
    public string Short(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Times on these pages are the company's wall-clock time.</summary>
    internal static async Task<TimeZoneInfo> CompanyZoneAsync(OwnerPortalDbContext db, CancellationToken ct)
    {
        var id = await db.CompanySettings.Where(s => s.Id == CompanySettings.SingletonId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
        return id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    internal static string FormatLocal(DateTimeOffset t, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
