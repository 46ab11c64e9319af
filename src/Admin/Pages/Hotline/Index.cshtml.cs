using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Hotline;

/// <summary>
/// The GM hotline desk. The quality office sees every matter by where it stands; estate staff see the handling files
/// sent to their estate (the estate query filter keeps other estates out).
/// </summary>
[Authorize(Policy = Policies.Hotline)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    public enum Show { Open, Overdue, AwaitingCompletion, Done }

    /// <summary>The newest matters the list reads; a desk holds far fewer open ones.</summary>
    private const int Window = 1000;

    [BindProperty(SupportsGet = true)] public Show Filter { get; set; } = Show.Open;
    /// <summary>Company-level staff work the desk; estate staff answer their handling files.</summary>
    public bool IsDesk => User.EstateIdOf() is null;
    public IReadOnlyList<HotlineView> Rows { get; private set; } = [];
    public IReadOnlyDictionary<Show, int> Counts { get; private set; } = new Dictionary<Show, int>();
    public TimeZoneInfo Zone { get; } = LocalTime.Zone(null);
    [TempData] public string? StatusMessage { get; set; }

    public static bool Matches(Show filter, HotlineStage stage) => filter switch
    {
        Show.Open => stage != HotlineStage.Done,
        Show.Overdue => stage == HotlineStage.FirstResponseOverdue,
        Show.AwaitingCompletion => stage == HotlineStage.AwaitingCompletion,
        _ => stage == HotlineStage.Done,
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var tickets = db.HotlineTickets.AsQueryable();
        if (!IsDesk) tickets = tickets.Where(x => x.HandlingFileSentAt != null);
        var all = await HotlineDesk.LoadAsync(db, tickets.OrderByDescending(x => x.ReceivedAt).ThenByDescending(x => x.Id).Take(Window), clock.GetUtcNow(), ct);
        Counts = Enum.GetValues<Show>().ToDictionary(f => f, f => all.Count(r => Matches(f, r.Stage)));
        // Most urgent first: the oldest receipt of the open ones; the newest of the done ones.
        var rows = all.Where(r => Matches(Filter, r.Stage));
        Rows = (Filter == Show.Done ? rows.OrderByDescending(r => r.ReceivedAt) : rows.OrderBy(r => r.Facts.FirstResponseDueAt)).ToList();
    }
}
