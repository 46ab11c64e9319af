using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>
/// The workbench: the queues of <see cref="WorkQueues"/> with their counts, most urgent first, keyset-paged, and a
/// search over every case in scope. The DbContext's query filters keep estate staff to their estate.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public WorkQueue Queue { get; set; } = WorkQueue.New;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public record Row(long Id, string Reference, string Estate, CaseType Type, CaseStatus Status, CaseChannel Channel, string? Unit,
        string Reporter, string Phone, string Description, DateTimeOffset ReceivedAt, DateTimeOffset? NextDueAt, DueKind? DueKind,
        bool IsOverdue, bool IsUrgent, bool IsEscalated, DateTimeOffset? WaitingOnDeveloperSince);

    public IReadOnlyDictionary<WorkQueue, int> Counts { get; private set; } = new Dictionary<WorkQueue, int>();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? NextCursor { get; private set; }
    public bool Searching => !string.IsNullOrWhiteSpace(Q);
    public bool CanTakeIn { get; private set; }
    /// <summary>Company-level staff see every estate, so the list says which.</summary>
    public bool ShowEstate => User.EstateIdOf() is null;
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var staffId = User.StaffIdOf();
        var department = staffId is null ? null : await db.Staff.Where(s => s.Id == staffId).Select(s => s.DepartmentId).FirstOrDefaultAsync(ct);
        var viewer = new QueueViewer(staffId, department);
        CanTakeIn = User.StaffRoleOf() is { } role && Policies.StaffPolicies[Policies.EstateOffice].Contains(role);
        if (User.EstateIdOf() is { } estateId)
            Zone = LocalTime.Zone(await db.Estates.Where(e => e.Id == estateId).Select(e => e.TimeZone).FirstOrDefaultAsync(ct));

        var counts = new Dictionary<WorkQueue, int>();
        foreach (var queue in WorkQueues.All)
            counts[queue] = await WorkQueues.Filter(db.Cases, queue, viewer, now).CountAsync(ct);
        Counts = counts;

        var query = Searching
            ? await WorkQueues.SearchAsync(db, Q!, ct)
            : WorkQueues.Filter(db.Cases, Queue, viewer, now);
        if (QueueCursor.Parse(After) is { } cursor)
            query = WorkQueues.After(query, cursor, includeNoDue: Searching || WorkQueues.MayHaveNoDueTime(Queue));
        var rows = await WorkQueues.Sorted(query.AsNoTracking()).Take(WorkQueues.PageSize + 1)
            .Select(c => new
            {
                c.Id, c.Reference, Estate = db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.Name).First(), c.Type, c.Status, c.Channel,
                Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Number).FirstOrDefault(),
                c.ReporterName, c.ReporterPhone, c.Description, c.ReceivedAt, c.NextDueAt, c.IsUrgent, c.EscalatedAt, c.WaitingOnDeveloperSince,
            })
            .ToListAsync(ct);
        if (rows.Count > WorkQueues.PageSize)
        {
            rows.RemoveAt(WorkQueues.PageSize);
            NextCursor = QueueCursor.After(rows[^1].NextDueAt, rows[^1].Id).ToString();
        }
        Rows = rows.Select(r => new Row(r.Id, r.Reference, r.Estate, r.Type, r.Status, r.Channel, r.Unit, r.ReporterName,
            PersonalData.MaskPhone(r.ReporterPhone), r.Description, r.ReceivedAt, r.NextDueAt, WorkQueues.DueKindOf(r.Status),
            // Waiting on the developer is not the estate's lateness (CaseWaiting).
            r.NextDueAt < now && r.WaitingOnDeveloperSince is null, r.IsUrgent, r.EscalatedAt is not null, r.WaitingOnDeveloperSince)).ToList();
    }
}
