namespace OwnerPortal.Core.Domain.Cases;

/// <summary>A complaint, suggestion or repair request and where it stands in the SPEC 2 workflow.</summary>
public class Case : IAuditable
{
    public long Id { get; private set; }
    public int EstateId { get; private set; }
    /// <summary>Human-readable per estate and year, e.g. HY-2026-00042.</summary>
    public string Reference { get; private set; } = "";
    public CaseType Type { get; private set; }
    public CaseChannel Channel { get; private set; }
    public CaseStatus Status { get; private set; }

    public ComplaintClass? Class { get; private set; }
    public CaseCategory? Category { get; private set; }
    public bool IsMajor { get; private set; }
    public decimal? CompensationClaimed { get; private set; }

    public CaseLocation Location { get; private set; }
    /// <summary>The reporter's unit (for portal cases always set, also when the case is about a public area).</summary>
    public int? UnitId { get; private set; }
    public int? PublicAreaId { get; private set; }
    public string Description { get; private set; } = "";
    public bool IsUrgent { get; private set; }
    public string? PreferredContactTime { get; private set; }

    public int? ReporterPersonId { get; private set; }
    public string ReporterName { get; private set; } = "";
    public string ReporterPhone { get; private set; } = "";
    /// <summary>Set by the portal form so a double submit never files twice.</summary>
    public Guid? IdempotencyKey { get; private set; }

    public int? AssignedDepartmentId { get; private set; }
    public int? AssignedStaffId { get; private set; }
    public string? HandlingPlan { get; private set; }
    public int? PlanSignedOffByStaffId { get; private set; }
    public DateTimeOffset? DeadlineAt { get; private set; }
    /// <summary>The reply date given to the owner when the deadline cannot be met.</summary>
    public DateTimeOffset? RevisedDeadlineAt { get; private set; }

    /// <summary>Owner feedback due (24 h after receipt by default).</summary>
    public DateTimeOffset FeedbackDueAt { get; private set; }
    /// <summary>Handling response due (one working day by default).</summary>
    public DateTimeOffset ResponseDueAt { get; private set; }
    /// <summary>When the case escalates if still unresolved (7 days by default).</summary>
    public DateTimeOffset EscalationDueAt { get; private set; }
    /// <summary>The due time of the step the case waits on now; staff queues sort by it.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }
    public DateTimeOffset? ClassifiedAt { get; private set; }
    public DateTimeOffset? PlannedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? VerifiedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }
    public DateTimeOffset? EscalatedAt { get; private set; }
    public DateTimeOffset? MajorReportedAt { get; private set; }
    public int ReopenCount { get; private set; }
    public int VerificationFailures { get; private set; }

    public bool? SuggestionAdopted { get; private set; }
    public string? SuggestionReply { get; private set; }
    /// <summary>Test cases are excluded from every KPI (SPEC 7).</summary>
    public bool IsTest { get; private set; }

    /// <summary>PostgreSQL xmin, the optimistic concurrency token.</summary>
    public uint Version { get; private set; }

    public List<CaseEvent> Events { get; } = [];
    public List<CaseAttachment> Attachments { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    private Case() { }

    /// <summary>
    /// The due time of the step a case in <paramref name="status"/> waits on: feedback, then the handling
    /// response, then the (revised) deadline, then nothing once resolved. Staff queues sort by it.
    /// </summary>
    public static DateTimeOffset? NextDueFor(CaseStatus status, DateTimeOffset feedbackDue, DateTimeOffset responseDue,
        DateTimeOffset? deadline, DateTimeOffset? revisedDeadline) => status switch
    {
        CaseStatus.Received => feedbackDue,
        CaseStatus.Acknowledged or CaseStatus.Assigned => responseDue,
        CaseStatus.Planned or CaseStatus.InProgress => revisedDeadline ?? deadline ?? responseDue,
        _ => null,
    };

    /// <summary>Registers a new case (立项) with its due times and the first timeline entry.</summary>
    public static Case Receive(NewCase details, string reference, CaseDueTimes due, DateTimeOffset now, Actor actor)
    {
        if (string.IsNullOrWhiteSpace(details.Description))
            throw new ArgumentException("A case needs a description.", nameof(details));
        if (details.Location == CaseLocation.PublicArea && details.PublicAreaId is null)
            throw new ArgumentException("A public-area case needs the area.", nameof(details));

        var c = new Case
        {
            EstateId = details.EstateId,
            Reference = reference,
            Type = details.Type,
            Channel = details.Channel,
            Status = CaseStatus.Received,
            Category = details.Category,
            Location = details.Location,
            UnitId = details.UnitId,
            PublicAreaId = details.Location == CaseLocation.PublicArea ? details.PublicAreaId : null,
            Description = details.Description.Trim(),
            IsUrgent = details.IsUrgent,
            PreferredContactTime = details.PreferredContactTime,
            ReporterPersonId = details.ReporterPersonId,
            ReporterName = details.ReporterName,
            ReporterPhone = details.ReporterPhone,
            IdempotencyKey = details.IdempotencyKey,
            ReceivedAt = now,
            FeedbackDueAt = due.FeedbackDueAt,
            ResponseDueAt = due.ResponseDueAt,
            EscalationDueAt = due.EscalationDueAt,
            NextDueAt = due.FeedbackDueAt,
        };
        c.Events.Add(CaseEvent.Create(CaseEventKind.Received, now, actor, null, CaseStatus.Received, null, isPublic: true));
        return c;
    }
}

public record NewCase(
    int EstateId, CaseType Type, CaseChannel Channel, CaseLocation Location, string Description,
    int? UnitId = null, int? PublicAreaId = null, CaseCategory? Category = null, bool IsUrgent = false,
    string? PreferredContactTime = null, int? ReporterPersonId = null, string ReporterName = "",
    string ReporterPhone = "", Guid? IdempotencyKey = null);

public record CaseDueTimes(DateTimeOffset FeedbackDueAt, DateTimeOffset ResponseDueAt, DateTimeOffset EscalationDueAt);

/// <summary>Who did something: shown on the timeline.</summary>
public record Actor(ActorKind Kind, string Name, int? StaffId = null, int? PersonId = null)
{
    public static readonly Actor System = new(ActorKind.System, "system");
}
