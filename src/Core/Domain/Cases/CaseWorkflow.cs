using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Domain.Cases;

public enum CaseAction
{
    Acknowledge, Assign, Plan, ReviseDeadline, Start, Resolve, ConfirmResolved, FailVerification, Verify, Close,
    Reopen, Withdraw, Escalate, Comment, HandBack, AnswerSuggestion, ReportMajor, RequestFollowUp,
    ForwardToDeveloper, RecordDeveloperAnswer, CoordinateExternal, WriteMajorReport, ReviewMajorReport,
}

/// <summary>One allowed move: from which statuses, to which (null = stays), by whom.</summary>
public sealed record Transition(CaseAction Action, CaseStatus[] From, CaseStatus? To, ActorKind Kind, StaffRole[] Roles);

/// <summary>Raised when an action is not allowed in the case's status or for this actor.</summary>
public sealed class WorkflowException(string message) : InvalidOperationException(message);

/// <summary>
/// The SPEC 2 workflow as data: received -> acknowledged -> assigned -> planned -> in progress -> resolved ->
/// verified -> closed, with reopen, withdraw and escalate, and which role may make each move. Whether an owner
/// acts on their own case is checked by the query that loaded it, not here.
/// </summary>
public static class CaseWorkflow
{
    private static readonly StaffRole[] Office = [StaffRole.Dispatcher, StaffRole.EstateManager];
    private static readonly StaffRole[] Department = [StaffRole.DepartmentSupervisor, StaffRole.EstateManager];
    private static readonly StaffRole[] OfficeOrDepartment = [StaffRole.Dispatcher, StaffRole.DepartmentSupervisor, StaffRole.EstateManager];
    private static readonly StaffRole[] AnyStaff = Enum.GetValues<StaffRole>();
    private static readonly StaffRole[] None = [];

    private static readonly CaseStatus[] Open =
        [CaseStatus.Received, CaseStatus.Acknowledged, CaseStatus.Assigned, CaseStatus.Planned, CaseStatus.InProgress];
    private static readonly CaseStatus[] Unclosed = [.. Open, CaseStatus.Resolved, CaseStatus.Verified];
    private static readonly CaseStatus[] Active = [.. Unclosed, CaseStatus.Closed];
    private static readonly CaseStatus[] InHand = [CaseStatus.Assigned, CaseStatus.Planned, CaseStatus.InProgress];
    private static readonly CaseStatus[] Handled = [CaseStatus.Resolved, CaseStatus.Verified, CaseStatus.Closed];

    public static readonly IReadOnlyList<Transition> Transitions =
    [
        new(CaseAction.Acknowledge, [CaseStatus.Received], CaseStatus.Acknowledged, ActorKind.Staff, Office),
        new(CaseAction.Assign, [CaseStatus.Acknowledged, CaseStatus.Assigned], CaseStatus.Assigned, ActorKind.Staff, Office),
        new(CaseAction.Plan, [CaseStatus.Assigned, CaseStatus.Planned], CaseStatus.Planned, ActorKind.Staff, Department),
        new(CaseAction.ReviseDeadline, [CaseStatus.Planned, CaseStatus.InProgress], null, ActorKind.Staff, Department),
        new(CaseAction.Start, [CaseStatus.Planned], CaseStatus.InProgress, ActorKind.Staff, Department),
        new(CaseAction.Resolve, [CaseStatus.Planned, CaseStatus.InProgress], CaseStatus.Resolved, ActorKind.Staff, Department),
        new(CaseAction.ConfirmResolved, [CaseStatus.Resolved], null, ActorKind.Owner, None),
        new(CaseAction.FailVerification, [CaseStatus.Resolved], CaseStatus.InProgress, ActorKind.Staff, Office),
        new(CaseAction.Verify, [CaseStatus.Resolved], CaseStatus.Verified, ActorKind.Staff, Office),
        new(CaseAction.Close, [CaseStatus.Verified], CaseStatus.Closed, ActorKind.Staff, Office),
        // The owner says "not resolved"; staff reopen after a dissatisfied callback (SPEC 2 step 6).
        new(CaseAction.Reopen, [CaseStatus.Resolved], CaseStatus.InProgress, ActorKind.Owner, None),
        new(CaseAction.Reopen, [CaseStatus.Resolved, CaseStatus.Verified, CaseStatus.Closed], CaseStatus.InProgress, ActorKind.Staff,
            [StaffRole.Dispatcher, StaffRole.EstateManager, StaffRole.QualityOffice]),
        // A callback answered "not fixed" or dissatisfied (SPEC 3), also one the owner gave online: the system reopens.
        new(CaseAction.Reopen, [CaseStatus.Resolved, CaseStatus.Verified, CaseStatus.Closed], CaseStatus.InProgress, ActorKind.System, None),
        // A callback answered "partly fixed": a follow-up for the department on the closed case (timeline entry).
        new(CaseAction.RequestFollowUp, [CaseStatus.Verified, CaseStatus.Closed], null, ActorKind.System, None),
        new(CaseAction.Withdraw, Open, CaseStatus.Withdrawn, ActorKind.Owner, None),
        new(CaseAction.Escalate, Unclosed, null, ActorKind.Owner, None),
        new(CaseAction.Escalate, Unclosed, null, ActorKind.System, None),
        new(CaseAction.Escalate, Unclosed, null, ActorKind.Staff, [StaffRole.Dispatcher, StaffRole.EstateManager, StaffRole.QualityOffice]),
        new(CaseAction.Comment, Active, null, ActorKind.Owner, None),
        new(CaseAction.Comment, Active, null, ActorKind.Staff, AnyStaff),
        // The department cannot handle it: back to dispatch with a reason (internal), to be assigned again.
        new(CaseAction.HandBack, [CaseStatus.Assigned, CaseStatus.Planned, CaseStatus.InProgress], CaseStatus.Acknowledged, ActorKind.Staff, Department),
        // Suggestions: adopted or not, with the reply the owner sees (the case type is checked by Case).
        // A major complaint is reported to the quality office by the estate manager (SPEC 2, 004).
        new(CaseAction.ReportMajor, [CaseStatus.Assigned, CaseStatus.Planned, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Verified, CaseStatus.Closed],
            null, ActorKind.Staff, [StaffRole.EstateManager]),
        new(CaseAction.AnswerSuggestion, [CaseStatus.Assigned, CaseStatus.Planned, CaseStatus.InProgress], null, ActorKind.Staff, OfficeOrDepartment),
        // Class 2: forwarded to the developer while in hand; the answer may arrive after the case was handled.
        // Class 3: coordination outside the estate, with the explanation the owner reads (the class is checked by Case).
        new(CaseAction.ForwardToDeveloper, InHand, null, ActorKind.Staff, OfficeOrDepartment),
        new(CaseAction.RecordDeveloperAnswer, [.. InHand, .. Handled], null, ActorKind.Staff, OfficeOrDepartment),
        new(CaseAction.CoordinateExternal, InHand, null, ActorKind.Staff, OfficeOrDepartment),
        // A handled major complaint: the estate manager writes the special report, the quality office reviews it.
        new(CaseAction.WriteMajorReport, Handled, null, ActorKind.Staff, [StaffRole.EstateManager]),
        new(CaseAction.ReviewMajorReport, Handled, null, ActorKind.Staff, [StaffRole.QualityOffice]),
    ];

    public static Transition? Find(CaseAction action, CaseStatus status, Actor actor) =>
        Transitions.FirstOrDefault(t => t.Action == action && t.From.Contains(status) && t.Kind == actor.Kind
            && (actor.Kind != ActorKind.Staff || (actor.Role is { } role && t.Roles.Contains(role))));

    public static bool CanPerform(CaseAction action, CaseStatus status, Actor actor) => Find(action, status, actor) is not null;

    /// <summary>What this actor may do to a case in this status, e.g. to show only the buttons that work.</summary>
    public static IReadOnlyList<CaseAction> AllowedActions(CaseStatus status, Actor actor) =>
        Enum.GetValues<CaseAction>().Where(a => CanPerform(a, status, actor)).ToList();
}
