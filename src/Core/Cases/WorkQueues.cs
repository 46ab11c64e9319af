using System.Globalization;
using System.Linq.Expressions;
using OwnerPortal.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Cases;

/// <summary>The staff workbench tabs (issue 5). A case may be in several at once; each is a view, not a state.</summary>
public enum WorkQueue { New, AwaitingAcknowledgement, Overdue, MyDepartment, AssignedToMe, AwaitingVerification, Escalated }

/// <summary>Which promise an open case is late on: the 24 h feedback, the handling response, or the agreed deadline.</summary>
public enum DueKind { Feedback, Response, Deadline }

/// <summary>Who looks at the queues: their staff record and department (either may be absent).</summary>
public sealed record QueueViewer(int? StaffId, int? DepartmentId);

/// <summary>Keyset position in a queue sorted by (next due time nulls last, id).</summary>
public readonly record struct QueueCursor(long? DueTicks, long Id)
{
    public static QueueCursor After(DateTimeOffset? due, long id) => new(due?.UtcTicks, id);

    public override string ToString() =>
        (DueTicks?.ToString(CultureInfo.InvariantCulture) ?? "") + "_" + Id.ToString(CultureInfo.InvariantCulture);

    public static QueueCursor? Parse(string? text)
    {
        var parts = (text ?? "").Split('_');
        if (parts.Length != 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return null;
        if (parts[0].Length == 0) return new(null, id);
        return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && Time.CalendarRange.FromUtcTicks(ticks) is not null ? new(ticks, id) : null;
    }
}

/// <summary>
/// The definitions of the workbench queues, as query filters over cases (the DbContext's estate filter scopes
/// them further). Open means "waiting on a step with a due time": <see cref="Case.NextDueAt"/> is set exactly
/// for Received, Acknowledged, Assigned, Planned and InProgress, so the queues test it directly and the
/// partial indexes on open cases (migration WorkbenchQueues) serve them.
/// </summary>
public static class WorkQueues
{
    public const int PageSize = 50;

    public static readonly WorkQueue[] All = Enum.GetValues<WorkQueue>();

    /// <summary>
    /// <list type="bullet">
    /// <item>New: received, not yet acknowledged (the dispatcher's inbox).</item>
    /// <item>Awaiting acknowledgement: received and the 24 h feedback time has passed with no reply to the owner
    /// (for a received case the next due time is its feedback due time).</item>
    /// <item>Overdue: open and the due time of the step it waits on has passed (see <see cref="DueKindOf"/>), unless
    /// it waits on the developer (<see cref="CaseWaiting"/>): that lateness is not the estate's.</item>
    /// <item>My department: open and assigned to the viewer's department.</item>
    /// <item>Assigned to me: open and assigned to the viewer personally.</item>
    /// <item>Awaiting verification: resolved by the department, waiting for customer service to verify.</item>
    /// <item>Escalated: escalated at some time and not closed or withdrawn.</item>
    /// </list>
    /// </summary>
    public static Expression<Func<Case, bool>> Definition(WorkQueue queue, QueueViewer viewer, DateTimeOffset now)
    {
        var department = viewer.DepartmentId;
        var staff = viewer.StaffId;
        return queue switch
        {
            WorkQueue.New => c => c.Status == CaseStatus.Received,
            WorkQueue.AwaitingAcknowledgement => c => c.Status == CaseStatus.Received && c.NextDueAt < now,
            WorkQueue.Overdue => CaseWaiting.AndNotWaitingOnDeveloper(c => c.NextDueAt != null && c.NextDueAt < now),
            WorkQueue.MyDepartment => department is null ? c => false : c => c.NextDueAt != null && c.AssignedDepartmentId == department,
            WorkQueue.AssignedToMe => staff is null ? c => false : c => c.NextDueAt != null && c.AssignedStaffId == staff,
            WorkQueue.AwaitingVerification => c => c.Status == CaseStatus.Resolved,
            WorkQueue.Escalated => c => c.EscalatedAt != null && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Withdrawn,
            _ => throw new ArgumentOutOfRangeException(nameof(queue)),
        };
    }

    /// <summary>Test cases never appear on the workbench (SPEC 7).</summary>
    public static IQueryable<Case> Filter(IQueryable<Case> cases, WorkQueue queue, QueueViewer viewer, DateTimeOffset now) =>
        cases.Where(c => !c.IsTest).Where(Definition(queue, viewer, now));

    /// <summary>Queues whose cases may have no due time (resolved or later); their keyset must include the nulls.</summary>
    public static bool MayHaveNoDueTime(WorkQueue queue) => queue is WorkQueue.AwaitingVerification or WorkQueue.Escalated;

    /// <summary>Most urgent first: by next due time (cases without one last), then id.</summary>
    public static IQueryable<Case> Sorted(IQueryable<Case> cases) => cases.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id);

    /// <summary>The rows after <paramref name="cursor"/> in <see cref="Sorted"/> order.</summary>
    public static IQueryable<Case> After(IQueryable<Case> cases, QueueCursor cursor, bool includeNoDue)
    {
        var id = cursor.Id;
        if (cursor.DueTicks is not { } ticks) return cases.Where(c => c.NextDueAt == null && c.Id > id);
        DateTimeOffset? due = new DateTimeOffset(ticks, TimeSpan.Zero);
        // A row-value comparison, (next_due_at, id) > (due, id), is one index range on the queue indexes; the expanded
        // OR form made a company-wide queue (no estate to narrow it) read and sort every later row (CompanyQueueQueryTests).
        return includeNoDue
            ? cases.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.NextDueAt, c.Id), ValueTuple.Create(due, id)) || c.NextDueAt == null)
            : cases.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.NextDueAt, c.Id), ValueTuple.Create(due, id)));
    }

    /// <summary>
    /// Search across every case in scope, whatever its state: the exact reference, a unit number, the reporter's
    /// name, or a phone number matched on its digits (spaces and dashes ignored). Each is an indexed lookup, and the
    /// unit numbers are resolved first so the database can combine the four index scans.
    /// </summary>
    public static async Task<IQueryable<Case>> SearchAsync(OwnerPortalDbContext db, string term, CancellationToken ct = default)
    {
        var text = term.Trim();
        var unitIds = await db.Units.Where(u => u.Number == text).Select(u => (int?)u.Id).ToListAsync(ct);
        return Search(db.Cases, text, unitIds);
    }

    public static IQueryable<Case> Search(IQueryable<Case> cases, string term, IReadOnlyCollection<int?> unitIds)
    {
        var text = term.Trim();
        var reference = text.ToUpperInvariant();
        var digits = PhoneDigits(text);
        var units = unitIds.ToList();
        return digits is null
            ? cases.Where(c => !c.IsTest && (c.Reference == reference || c.ReporterName == text || units.Contains(c.UnitId)))
            : cases.Where(c => !c.IsTest && (c.Reference == reference || c.ReporterName == text || units.Contains(c.UnitId) || c.ReporterPhone == digits));
    }

    /// <summary>The digits of a search term that looks like a phone number (7 or more digits, only spaces, dashes, + and brackets besides), else null.</summary>
    public static string? PhoneDigits(string term)
    {
        var text = term.Trim();
        if (text.Any(ch => !char.IsAsciiDigit(ch) && ch is not (' ' or '-' or '+' or '(' or ')'))) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length == 13) digits = digits[2..];
        return digits.Length >= 7 ? digits : null;
    }

    /// <summary>The promise an open case in <paramref name="status"/> waits on (null once resolved or finished).</summary>
    public static DueKind? DueKindOf(CaseStatus status) => status switch
    {
        CaseStatus.Received => DueKind.Feedback,
        CaseStatus.Acknowledged or CaseStatus.Assigned => DueKind.Response,
        CaseStatus.Planned or CaseStatus.InProgress => DueKind.Deadline,
        _ => null,
    };
}
