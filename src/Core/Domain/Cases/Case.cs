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
    /// <summary>Repair work orders (SPEC 2, 002 第五节); load them with the case before starting or resolving work.</summary>
    public List<WorkOrders.WorkOrder> WorkOrders { get; } = [];

    /// <summary>
    /// While a forwarding to the developer is unanswered: when the earliest unanswered one was forwarded, else null.
    /// Kept on the case so queues, the escalation sweep and KPIs filter by one indexed column (<see cref="CaseWaiting"/>).
    /// </summary>
    public DateTimeOffset? WaitingOnDeveloperSince { get; private set; }
    /// <summary>Class 2: every forwarding to the developer and its answer.</summary>
    public List<DeveloperForwarding> DeveloperForwardings { get; } = [];
    /// <summary>Class 3: coordination with authorities or companies outside the estate.</summary>
    public List<ExternalCoordination> ExternalCoordinations { get; } = [];
    /// <summary>Major complaints: the special report after handling (SPEC 2, 004).</summary>
    public MajorComplaintReport? SpecialReport { get; private set; }

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

    // ---- workflow (SPEC 2); every move checks CaseWorkflow and writes a timeline entry ----------

    /// <summary>Feedback to the owner with a public reply (counts as the handling response).</summary>
    public void Acknowledge(Actor actor, DateTimeOffset now, string reply)
    {
        Move(CaseAction.Acknowledge, actor, now, CaseEventKind.Acknowledged, Required(reply), isPublic: true);
        AcknowledgedAt = now;
        RespondedAt ??= now;
    }

    /// <summary>
    /// Class, category and major flag, and the responsible department. A compensation claim above the company's
    /// threshold makes a complaint major (SPEC 2, 004).
    /// </summary>
    public void Assign(Actor actor, DateTimeOffset now, Assignment assignment, decimal majorThreshold)
    {
        Move(CaseAction.Assign, actor, now, CaseEventKind.Assigned, null, isPublic: true);
        Category = assignment.Category;
        Class = Type == CaseType.Complaint ? assignment.Class ?? ComplaintClass.Service : null;
        CompensationClaimed = assignment.CompensationClaimed;
        IsMajor = Type == CaseType.Complaint && (assignment.FlaggedMajor || assignment.CompensationClaimed > majorThreshold);
        AssignedDepartmentId = assignment.DepartmentId;
        AssignedStaffId = assignment.StaffId;
        ClassifiedAt ??= now;
    }

    /// <summary>The department's handling plan and deadline, signed off by its supervisor.</summary>
    public void Plan(Actor actor, DateTimeOffset now, string plan, DateTimeOffset deadline)
    {
        if (deadline <= now) throw new WorkflowException("The deadline must be in the future.");
        Move(CaseAction.Plan, actor, now, CaseEventKind.Planned, Required(plan), isPublic: true, () =>
        {
            HandlingPlan = plan.Trim();
            DeadlineAt = deadline;
            RevisedDeadlineAt = null;
            PlanSignedOffByStaffId = actor.StaffId;
            PlannedAt = now;
        });
    }

    /// <summary>The deadline cannot be met: the owner is given a new reply date (002 第9条(九)).</summary>
    public void ReviseDeadline(Actor actor, DateTimeOffset now, DateTimeOffset newDate, string reason)
    {
        if (newDate <= now) throw new WorkflowException("The new reply date must be in the future.");
        Move(CaseAction.ReviseDeadline, actor, now, CaseEventKind.DeadlineRevised, Required(reason), isPublic: true, () => RevisedDeadlineAt = newDate);
    }

    /// <summary>A paid repair waits for the owner's acceptance of its quote: no work starts or finishes before.</summary>
    public bool WorkAwaitsQuote() => WorkOrders.Any(w => w.HoldsWork);

    public void Start(Actor actor, DateTimeOffset now) =>
        Move(CaseAction.Start, actor, now, CaseEventKind.Started, null, isPublic: true, () => StartedAt = now);

    public void Resolve(Actor actor, DateTimeOffset now, string note) =>
        Move(CaseAction.Resolve, actor, now, CaseEventKind.Resolved, Required(note), isPublic: true, () =>
        {
            StartedAt ??= now;
            ResolvedAt = now;
        });

    public void ConfirmResolved(Actor actor, DateTimeOffset now, string? comment) =>
        Move(CaseAction.ConfirmResolved, actor, now, CaseEventKind.OwnerConfirmed, comment, isPublic: true);

    public void FailVerification(Actor actor, DateTimeOffset now, string reason) =>
        Move(CaseAction.FailVerification, actor, now, CaseEventKind.VerificationFailed, Required(reason), isPublic: false, () =>
        {
            VerificationFailures++;
            ResolvedAt = null;
        });

    public void Verify(Actor actor, DateTimeOffset now, string? note) =>
        Move(CaseAction.Verify, actor, now, CaseEventKind.Verified, note, isPublic: true, () => VerifiedAt = now);

    public void Close(Actor actor, DateTimeOffset now) =>
        Move(CaseAction.Close, actor, now, CaseEventKind.Closed, null, isPublic: true, () => ClosedAt = now);

    /// <summary>Not resolved after all: back to the department, with a new deadline when one is given.</summary>
    public void Reopen(Actor actor, DateTimeOffset now, string reason, DateTimeOffset? newDeadline = null) =>
        Move(CaseAction.Reopen, actor, now, CaseEventKind.Reopened, Required(reason), isPublic: true, () =>
        {
            ReopenCount++;
            ResolvedAt = VerifiedAt = ClosedAt = null;
            if (newDeadline is { } d) { DeadlineAt = d; RevisedDeadlineAt = null; }
        });

    public void Withdraw(Actor actor, DateTimeOffset now, string? reason) =>
        Move(CaseAction.Withdraw, actor, now, CaseEventKind.Withdrawn, reason, isPublic: true, () => WithdrawnAt = now);

    /// <summary>
    /// Escalation to the company (7 days unresolved, or the owner's appeal to the GM hotline path). The first
    /// escalation time is kept; later ones are added to the timeline.
    /// </summary>
    public void Escalate(Actor actor, DateTimeOffset now, string reason) =>
        Move(CaseAction.Escalate, actor, now, CaseEventKind.Escalated, Required(reason), isPublic: actor.Kind == ActorKind.Owner,
            () => EscalatedAt ??= now);

    public void Comment(Actor actor, DateTimeOffset now, string text, bool isPublic)
    {
        Move(CaseAction.Comment, actor, now, CaseEventKind.Comment, Required(text), isPublic: actor.Kind == ActorKind.Owner || isPublic);
        if (actor.Kind == ActorKind.Staff && isPublic) RespondedAt ??= now;
    }

    /// <summary>The department hands the case back to dispatch with a reason (internal); the department is cleared.</summary>
    public void HandBack(Actor actor, DateTimeOffset now, string reason) =>
        Move(CaseAction.HandBack, actor, now, CaseEventKind.HandedBack, Required(reason), isPublic: false, () =>
        {
            AssignedDepartmentId = null;
            AssignedStaffId = null;
        });

    /// <summary>A callback found the matter partly fixed: an internal follow-up for the department (SPEC 3).</summary>
    public void RequestFollowUp(Actor actor, DateTimeOffset now, string note) =>
        Move(CaseAction.RequestFollowUp, actor, now, CaseEventKind.FollowUpRequested, Required(note), isPublic: false);

    /// <summary>Reports a major complaint to the company quality office (due within one working day of the flag).</summary>
    public void ReportMajor(Actor actor, DateTimeOffset now, string report)
    {
        if (!IsMajor) throw new WorkflowException("Only a major complaint is reported to the quality office.");
        Move(CaseAction.ReportMajor, actor, now, CaseEventKind.MajorReported, Required(report), isPublic: false, () => MajorReportedAt ??= now);
    }

    /// <summary>A suggestion is adopted or not, with the reply the owner sees.</summary>
    public void AnswerSuggestion(Actor actor, DateTimeOffset now, bool adopted, string reply)
    {
        if (Type != CaseType.Suggestion) throw new WorkflowException("Only a suggestion can be answered as adopted or not.");
        Move(CaseAction.AnswerSuggestion, actor, now, CaseEventKind.SuggestionAnswered, Required(reply), isPublic: true, () =>
        {
            SuggestionAdopted = adopted;
            SuggestionReply = reply.Trim();
        });
        RespondedAt ??= now;
    }

    /// <summary>
    /// Class 2: what was forwarded to the developer and when (public on the timeline at that time, without the text).
    /// The case waits on the developer until the answer is recorded; it may be forwarded again.
    /// </summary>
    public DeveloperForwarding ForwardToDeveloper(Actor actor, DateTimeOffset now, DateTimeOffset forwardedAt, string what)
    {
        if (Class != ComplaintClass.Developer) throw new WorkflowException("Only a class 2 complaint is forwarded to the developer.");
        InPast(forwardedAt, ReceivedAt, now);
        var forwarding = DeveloperForwarding.Create(actor, now, forwardedAt, Required(what));
        Move(CaseAction.ForwardToDeveloper, actor, forwardedAt, CaseEventKind.ForwardedToDeveloper, null, isPublic: true, () =>
        {
            DeveloperForwardings.Add(forwarding);
            WaitingOnDeveloperSince = CaseWaiting.WaitingSince(DeveloperForwardings);
        });
        return forwarding;
    }

    /// <summary>The developer's answer (when, what) to one forwarding; the case stops waiting once none is open.</summary>
    public void RecordDeveloperAnswer(Actor actor, DateTimeOffset now, DeveloperForwarding? forwarding, DateTimeOffset answeredAt, string answer)
    {
        if (forwarding is null || !DeveloperForwardings.Contains(forwarding) || forwarding.IsAnswered)
            throw new WorkflowException("Only an open forwarding of this case can be answered.");
        InPast(answeredAt, forwarding.ForwardedAt, now);
        Move(CaseAction.RecordDeveloperAnswer, actor, answeredAt, CaseEventKind.DeveloperAnswered, null, isPublic: true, () =>
        {
            forwarding.RecordAnswer(actor, now, answeredAt, Required(answer));
            WaitingOnDeveloperSince = CaseWaiting.WaitingSince(DeveloperForwardings);
        });
    }

    /// <summary>Class 3: a coordination outside the estate's jurisdiction; the explanation is what the owner reads.</summary>
    public ExternalCoordination CoordinateExternal(Actor actor, DateTimeOffset now, ExternalCoordinationDetails details)
    {
        if (Class != ComplaintClass.External) throw new WorkflowException("Only a class 3 complaint is coordinated outside the estate.");
        Required(details.With);
        Required(details.Agreed);
        InPast(details.CoordinatedAt, ReceivedAt, now);
        var coordination = ExternalCoordination.Create(actor, now, details);
        Move(CaseAction.CoordinateExternal, actor, now, CaseEventKind.ExternalCoordinated, Required(details.OwnerExplanation), isPublic: true,
            () => ExternalCoordinations.Add(coordination));
        RespondedAt ??= now;
        return coordination;
    }

    /// <summary>The estate manager writes (or edits, until the quality office reviewed it) the special report of a handled major complaint.</summary>
    public void WriteMajorReport(Actor actor, DateTimeOffset now, MajorReportText text)
    {
        if (!IsMajor) throw new WorkflowException("Only a major complaint has a special report.");
        if (SpecialReport?.IsReviewed == true) throw new WorkflowException("The quality office has reviewed the report; it can no longer be edited.");
        if (!text.IsComplete) throw new WorkflowException("Every part of the special report is required.");
        Move(CaseAction.WriteMajorReport, actor, now, CaseEventKind.MajorReportWritten, null, isPublic: false, () =>
        {
            SpecialReport ??= MajorComplaintReport.Create(actor, now);
            SpecialReport.Write(text, now);
        });
    }

    /// <summary>The quality office marks the special report received and reviewed; from then on it is final.</summary>
    public void ReviewMajorReport(Actor actor, DateTimeOffset now)
    {
        if (SpecialReport is not { IsReviewed: false } report) throw new WorkflowException("There is no special report waiting for review.");
        Move(CaseAction.ReviewMajorReport, actor, now, CaseEventKind.MajorReportReviewed, null, isPublic: false, () => report.Review(actor, now));
    }

    /// <summary>A time staff enter for something that already happened: not before <paramref name="earliest"/>, not in the future.</summary>
    private static void InPast(DateTimeOffset at, DateTimeOffset earliest, DateTimeOffset now)
    {
        if (at > now || at < earliest) throw new WorkflowException("The time must lie between the earlier step and now.");
    }

    private void Move(CaseAction action, Actor actor, DateTimeOffset now, CaseEventKind kind, string? text, bool isPublic, Action? apply = null)
    {
        var transition = CaseWorkflow.Find(action, Status, actor)
            ?? throw new WorkflowException($"{action} is not allowed for {actor.Kind} {actor.Role} when the case is {Status}.");
        if (action is CaseAction.Start or CaseAction.Resolve && WorkAwaitsQuote())
            throw new WorkflowException("The owner has not accepted the quote of the paid work order yet.");
        var from = Status;
        apply?.Invoke();
        if (transition.To is { } to) Status = to;
        NextDueAt = NextDueFor(Status, FeedbackDueAt, ResponseDueAt, DeadlineAt, RevisedDeadlineAt);
        Events.Add(CaseEvent.Create(kind, now, actor, transition.To is null ? null : from, transition.To, text?.Trim(), isPublic));
    }

    private static string Required(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw new WorkflowException("A text is required for this step.") : text;

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

/// <summary>Who did something: shown on the timeline, and what the workflow checks (the staff role).</summary>
public record Actor(ActorKind Kind, string Name, int? StaffId = null, int? PersonId = null, People.StaffRole? Role = null)
{
    public static readonly Actor System = new(ActorKind.System, "system");
}

/// <summary>The dispatcher's classification and routing of a case.</summary>
public record Assignment(int DepartmentId, int? StaffId, CaseCategory Category, ComplaintClass? Class = null,
    bool FlaggedMajor = false, decimal? CompensationClaimed = null);
