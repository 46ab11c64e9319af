using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;

namespace OwnerPortal.Core.Callbacks;

/// <summary>The customer-service views of open callbacks; every open callback is in exactly one of them.</summary>
public enum DueView { Today, Overdue, Upcoming }

/// <summary>
/// The callbacks to make, for the estate scope of the context (staff of one estate see only theirs): due today (the
/// window has begun and not ended, and no retry is set for a later day), overdue (the window has ended), upcoming (the
/// window or the retry starts after today). <paramref name="endOfToday"/> is the end of the local day.
/// </summary>
public static class CallbackDueList
{
    public static IQueryable<Callback> Filter(OwnerPortalDbContext db, DueView view, DateTimeOffset now, DateTimeOffset endOfToday,
        CallbackKind? kind = null, CallbackBy? by = null)
    {
        var open = db.Callbacks.Where(c => c.Status == CallbackStatus.Due);
        if (kind is { } k) open = open.Where(c => c.Kind == k);
        if (by is { } b) open = open.Where(c => c.By == b);
        return view switch
        {
            DueView.Overdue => open.Where(c => c.DueUntil < now),
            DueView.Today => open.Where(c => c.DueUntil >= now && c.DueFrom < endOfToday && (c.RetryAt == null || c.RetryAt < endOfToday)),
            _ => open.Where(c => c.DueUntil >= now && (c.DueFrom >= endOfToday || c.RetryAt >= endOfToday)),
        };
    }

    public static IQueryable<Callback> Sorted(IQueryable<Callback> callbacks, DueView view) => view == DueView.Upcoming
        ? callbacks.OrderBy(c => c.DueFrom).ThenBy(c => c.Id)
        : callbacks.OrderBy(c => c.DueUntil).ThenBy(c => c.Id);

    public static async Task<Dictionary<DueView, int>> CountsAsync(OwnerPortalDbContext db, DateTimeOffset now, DateTimeOffset endOfToday,
        CallbackKind? kind, CallbackBy? by, CancellationToken ct = default)
    {
        var counts = new Dictionary<DueView, int>();
        foreach (var view in Enum.GetValues<DueView>()) counts[view] = await Filter(db, view, now, endOfToday, kind, by).CountAsync(ct);
        return counts;
    }
}
