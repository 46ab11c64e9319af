using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Domain.WorkOrders;

/// <summary>Where the quote of a paid work order stands. A free order has none.</summary>
public enum QuoteStatus { None, Awaiting, Accepted, Declined }

/// <summary>Where a work order stands, derived from its dates.</summary>
public enum WorkOrderStage { Open, Completed, SignedOff, Cancelled }

/// <summary>One line of a quote: an item (material or part), how many, at what unit price in yuan.</summary>
public class QuoteLine
{
    public string Item { get; set; } = "";
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Amount => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Who does the work: a staff member of the handling department, or a worker named by the repair lead.</summary>
public sealed record Worker(string Name, int? StaffId = null);

/// <summary>
/// A repair work order (维修工单, SPEC 2 / 002 第五节) for a repair request: the on-duty repair lead issues it to a
/// worker, free or paid. A paid order carries a quote (items + labour) that the owner accepts before work starts;
/// the owner may decline with a reason, and staff then revise it. On completion the work done and the materials used
/// are recorded, and the owner signs off with a comment (in the Portal, or on the paper order keyed in by staff).
/// Every step writes an entry on the case's timeline.
/// </summary>
public class WorkOrder : IAuditable
{
    /// <summary>The roles that issue, quote, complete and cancel work orders (the department only on its own cases).</summary>
    public static readonly IReadOnlySet<StaffRole> ManagingRoles =
        new HashSet<StaffRole> { StaffRole.DepartmentSupervisor, StaffRole.Dispatcher, StaffRole.EstateManager };

    /// <summary>Case statuses in which a work order can be issued: assigned to a department, not yet resolved.</summary>
    public static readonly IReadOnlySet<CaseStatus> IssuableIn =
        new HashSet<CaseStatus> { CaseStatus.Assigned, CaseStatus.Planned, CaseStatus.InProgress };

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public int EstateId { get; private set; }
    /// <summary>Readable per estate and year, e.g. HY-WX-2026-0007.</summary>
    public string Number { get; private set; } = "";
    public int? WorkerStaffId { get; private set; }
    public string WorkerName { get; private set; } = "";
    public bool IsPaid { get; private set; }
    /// <summary>The materials the worker takes along (free text, one per line).</summary>
    public string? Materials { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public string IssuedBy { get; private set; } = "";

    public QuoteStatus QuoteStatus { get; private set; }
    public List<QuoteLine> QuoteLines { get; private set; } = [];
    public decimal QuoteLabour { get; private set; }
    public decimal QuoteTotal { get; private set; }
    /// <summary>1 for the first quote, 2 after the first revision, …</summary>
    public int QuoteRevision { get; private set; }
    public DateTimeOffset? QuotedAt { get; private set; }
    public DateTimeOffset? QuoteDecidedAt { get; private set; }
    public string? QuoteDecidedBy { get; private set; }
    public string? QuoteDeclineReason { get; private set; }

    public string? WorkDone { get; private set; }
    public string? MaterialsUsed { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public string? SignOffComment { get; private set; }
    public DateTimeOffset? SignedOffAt { get; private set; }
    public string? SignedOffBy { get; private set; }
    /// <summary>The sign-off was keyed in by staff from the paper work order, not given by the owner in the Portal.</summary>
    public bool SignedOffOnPaper { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }
    public string? CancelReason { get; private set; }

    /// <summary>PostgreSQL xmin, the optimistic concurrency token.</summary>
    public uint Version { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    private WorkOrder() { }

    public WorkOrderStage Stage => CancelledAt is not null ? WorkOrderStage.Cancelled
        : SignedOffAt is not null ? WorkOrderStage.SignedOff
        : CompletedAt is not null ? WorkOrderStage.Completed
        : WorkOrderStage.Open;

    /// <summary>A paid order whose quote the owner has not accepted holds the work: no start, no completion.</summary>
    public bool HoldsWork => Stage == WorkOrderStage.Open && IsPaid && QuoteStatus != QuoteStatus.Accepted;

    public bool QuoteAwaitsOwner => Stage == WorkOrderStage.Open && QuoteStatus == QuoteStatus.Awaiting;

    // ---- what may be done now (the pages offer only these; the methods below enforce them) ----------

    /// <summary>
    /// Staff who manage work orders: the dispatcher and estate manager on every case of their estate, a department
    /// supervisor on cases assigned to their own department.
    /// </summary>
    public static bool MayManage(Case c, Actor actor, int? actorDepartmentId) =>
        actor.Kind == ActorKind.Staff && actor.Role is { } role && ManagingRoles.Contains(role)
        && (role != StaffRole.DepartmentSupervisor || (c.AssignedDepartmentId is { } d && d == actorDepartmentId));

    /// <summary>A repair request assigned and not yet resolved, with no open order (a re-done repair gets a second one).</summary>
    public static bool CanIssue(Case c) =>
        c.Type == CaseType.RepairRequest && IssuableIn.Contains(c.Status) && c.WorkOrders.All(w => w.Stage != WorkOrderStage.Open);

    public bool CanQuote => Stage == WorkOrderStage.Open && IsPaid && QuoteStatus != QuoteStatus.Accepted;

    /// <summary>The work was started on the case (in progress) and any paid quote is accepted.</summary>
    public bool CanComplete(Case c) => Stage == WorkOrderStage.Open && !HoldsWork && c.Status == CaseStatus.InProgress;

    public bool CanSignOff => Stage == WorkOrderStage.Completed;

    public bool CanCancel => Stage == WorkOrderStage.Open;

    // ---- steps ------------------------------------------------------------------------------------

    public static WorkOrder Issue(Case c, string number, Worker worker, bool isPaid, string? materials, Actor actor, DateTimeOffset now)
    {
        RequireStaff(actor);
        if (!CanIssue(c)) throw new WorkflowException("A work order is issued for an assigned, unresolved repair request without an open order.");
        if (string.IsNullOrWhiteSpace(worker.Name)) throw new WorkflowException("A work order needs a worker.");
        var order = new WorkOrder
        {
            CaseId = c.Id,
            EstateId = c.EstateId,
            Number = number,
            WorkerStaffId = worker.StaffId,
            WorkerName = worker.Name.Trim(),
            IsPaid = isPaid,
            Materials = Trimmed(materials),
            IssuedAt = now,
            IssuedBy = actor.Name,
            QuoteStatus = QuoteStatus.None,
        };
        c.WorkOrders.Add(order);
        Record(c, CaseEventKind.WorkOrderIssued, now, actor, $"{order.Number} · {order.WorkerName}", isPublic: true);
        return order;
    }

    /// <summary>Sets (or revises, after a decline) the quote; the owner is then asked to accept it.</summary>
    public void SetQuote(Case c, IReadOnlyList<QuoteLine> lines, decimal labour, Actor actor, DateTimeOffset now)
    {
        RequireStaff(actor);
        if (!CanQuote) throw new WorkflowException("Only an open paid order without an accepted quote can be quoted.");
        var kept = lines.Where(l => !string.IsNullOrWhiteSpace(l.Item)).ToList();
        if (kept.Any(l => l.Quantity <= 0 || l.UnitPrice < 0)) throw new WorkflowException("Quantities must be positive and prices not negative.");
        if (labour < 0) throw new WorkflowException("Labour cannot be negative.");
        if (kept.Count == 0 && labour == 0) throw new WorkflowException("A quote needs items or labour.");
        QuoteLines = kept.Select(l => new QuoteLine { Item = l.Item.Trim(), Quantity = l.Quantity, UnitPrice = l.UnitPrice }).ToList();
        QuoteLabour = labour;
        QuoteTotal = Total(QuoteLines, labour);
        QuoteStatus = QuoteStatus.Awaiting;
        QuoteRevision++;
        QuotedAt = now;
        QuoteDecidedAt = null;
        QuoteDecidedBy = null;
        Record(c, CaseEventKind.QuoteAwaitingAcceptance, now, actor, $"{Number} · ¥{QuoteTotal:0.00}", isPublic: true);
    }

    public static decimal Total(IEnumerable<QuoteLine> lines, decimal labour) => lines.Sum(l => l.Amount) + labour;

    /// <summary>
    /// The owner agrees to the quote: the work may start. <paramref name="revisionSeen"/> is the revision the owner was
    /// shown; if staff revised the quote meanwhile, nothing is accepted unseen.
    /// </summary>
    public void AcceptQuote(Case c, Actor owner, DateTimeOffset now, int revisionSeen)
    {
        RequireAwaiting(owner, revisionSeen);
        QuoteStatus = QuoteStatus.Accepted;
        QuoteDecidedAt = now;
        QuoteDecidedBy = owner.Name;
        QuoteDeclineReason = null;
        Record(c, CaseEventKind.QuoteAccepted, now, owner, $"{Number} · ¥{QuoteTotal:0.00}", isPublic: true);
    }

    /// <summary>The owner does not agree, with a reason staff see when they revise the quote.</summary>
    public void DeclineQuote(Case c, Actor owner, DateTimeOffset now, string reason, int revisionSeen)
    {
        RequireAwaiting(owner, revisionSeen);
        if (string.IsNullOrWhiteSpace(reason)) throw new WorkflowException("A reason is required to decline a quote.");
        QuoteStatus = QuoteStatus.Declined;
        QuoteDecidedAt = now;
        QuoteDecidedBy = owner.Name;
        QuoteDeclineReason = reason.Trim();
        Record(c, CaseEventKind.QuoteDeclined, now, owner, QuoteDeclineReason, isPublic: true);
    }

    /// <summary>The work is done: what was done, the materials actually used and when it was finished.</summary>
    public void Complete(Case c, string workDone, string? materialsUsed, DateTimeOffset completedAt, Actor actor, DateTimeOffset now)
    {
        RequireStaff(actor);
        if (!CanComplete(c)) throw new WorkflowException("Work is completed on a started repair whose paid quote was accepted.");
        if (string.IsNullOrWhiteSpace(workDone)) throw new WorkflowException("Say what was done.");
        if (completedAt > now) throw new WorkflowException("The work cannot be completed in the future.");
        if (completedAt < IssuedAt) throw new WorkflowException("The work cannot be completed before the order was issued.");
        WorkDone = workDone.Trim();
        MaterialsUsed = Trimmed(materialsUsed);
        CompletedAt = completedAt;
        Record(c, CaseEventKind.WorkDone, now, actor, $"{Number} · {WorkDone}", isPublic: true);
    }

    /// <summary>
    /// The owner signs off with a comment: in the Portal (an owner actor), or on the paper order, keyed in by staff and
    /// marked as such.
    /// </summary>
    public void SignOff(Case c, string comment, Actor actor, DateTimeOffset now)
    {
        if (actor.Kind == ActorKind.System) throw new WorkflowException("A person signs off.");
        if (actor.Kind == ActorKind.Staff) RequireStaff(actor);
        if (!CanSignOff) throw new WorkflowException("Only completed work is signed off, once.");
        if (string.IsNullOrWhiteSpace(comment)) throw new WorkflowException("A sign-off needs the owner's comment.");
        SignOffComment = comment.Trim();
        SignedOffAt = now;
        SignedOffBy = actor.Name;
        SignedOffOnPaper = actor.Kind == ActorKind.Staff;
        Record(c, CaseEventKind.WorkSignedOff, now, actor, SignOffComment, isPublic: true);
    }

    /// <summary>Withdraws an open order (e.g. the owner declined the paid repair for good), with a reason.</summary>
    public void Cancel(Case c, string reason, Actor actor, DateTimeOffset now)
    {
        RequireStaff(actor);
        if (!CanCancel) throw new WorkflowException("Only an open order can be cancelled.");
        if (string.IsNullOrWhiteSpace(reason)) throw new WorkflowException("A reason is required to cancel an order.");
        CancelledAt = now;
        CancelReason = reason.Trim();
        Record(c, CaseEventKind.WorkOrderCancelled, now, actor, $"{Number} · {CancelReason}", isPublic: true);
    }

    private static void Record(Case c, CaseEventKind kind, DateTimeOffset now, Actor actor, string? text, bool isPublic) =>
        c.Events.Add(CaseEvent.Create(kind, now, actor, null, null, text, isPublic));

    private static void RequireStaff(Actor actor)
    {
        if (actor.Kind != ActorKind.Staff || actor.Role is not { } role || !ManagingRoles.Contains(role))
            throw new WorkflowException("Only the repair lead, the dispatcher or the estate manager manage work orders.");
    }

    private void RequireAwaiting(Actor actor, int revisionSeen)
    {
        if (actor.Kind != ActorKind.Owner) throw new WorkflowException("Only the owner decides on a quote.");
        if (!QuoteAwaitsOwner) throw new WorkflowException("There is no quote awaiting acceptance.");
        if (revisionSeen != QuoteRevision) throw new WorkflowException("The quote was revised since the owner saw it.");
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The last work order number handed out per estate and year.</summary>
public class WorkOrderCounter
{
    public int EstateId { get; set; }
    public int Year { get; set; }
    public int LastNumber { get; set; }

    public static string Format(string estateCode, int year, int number) => $"{estateCode}-WX-{year}-{number:D4}";
}
