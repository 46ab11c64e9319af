using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Cases;

/// <summary>
/// What a staff member saw of a case when they opened the form (carried in the form), so a conflicting save can
/// say what someone else changed meanwhile.
/// </summary>
public sealed record CaseSnapshot(CaseStatus Status, int? DepartmentId, int? StaffId, DateTimeOffset? DeadlineAt,
    DateTimeOffset? RevisedDeadlineAt, string? Plan)
{
    public static CaseSnapshot Of(Case c) =>
        new(c.Status, c.AssignedDepartmentId, c.AssignedStaffId, c.DeadlineAt, c.RevisedDeadlineAt, c.HandlingPlan);

    /// <summary>The fields that differ between what was loaded and what is in the database now.</summary>
    public static IReadOnlyList<CaseChange> Differences(CaseSnapshot loaded, CaseSnapshot now)
    {
        var changes = new List<CaseChange>();
        if (loaded.Status != now.Status) changes.Add(new(CaseField.Status, loaded.Status, now.Status));
        if (loaded.DepartmentId != now.DepartmentId) changes.Add(new(CaseField.Department, loaded.DepartmentId, now.DepartmentId));
        if (loaded.StaffId != now.StaffId) changes.Add(new(CaseField.Person, loaded.StaffId, now.StaffId));
        if (loaded.DeadlineAt != now.DeadlineAt) changes.Add(new(CaseField.Deadline, loaded.DeadlineAt, now.DeadlineAt));
        if (loaded.RevisedDeadlineAt != now.RevisedDeadlineAt) changes.Add(new(CaseField.RevisedDeadline, loaded.RevisedDeadlineAt, now.RevisedDeadlineAt));
        if (!string.Equals(loaded.Plan ?? "", now.Plan ?? "", StringComparison.Ordinal)) changes.Add(new(CaseField.Plan, loaded.Plan, now.Plan));
        return changes;
    }
}

public enum CaseField { Status, Department, Person, Deadline, RevisedDeadline, Plan }

public sealed record CaseChange(CaseField Field, object? Before, object? After);

/// <summary>Which cases a staff member may work on beyond what their role allows (SPEC 1-2).</summary>
public static class CaseAccess
{
    private static readonly HashSet<CaseAction> DepartmentWork =
        [CaseAction.Plan, CaseAction.ReviseDeadline, CaseAction.Start, CaseAction.Resolve, CaseAction.HandBack, CaseAction.AnswerSuggestion,
         CaseAction.ForwardToDeveloper, CaseAction.RecordDeveloperAnswer, CaseAction.CoordinateExternal];

    /// <summary>
    /// A department supervisor does the department's work only on cases assigned to their own department; estate
    /// managers and the office act on every case of their estate (the estate itself is enforced by the query filter).
    /// </summary>
    public static bool MayAct(CaseAction action, Case c, Actor actor, int? actorDepartmentId) =>
        actor.Role != StaffRole.DepartmentSupervisor || !DepartmentWork.Contains(action)
        || (c.AssignedDepartmentId is { } d && d == actorDepartmentId);

    /// <summary>The actions to offer on the staff case page: allowed by the workflow, the case type and the department rule.</summary>
    public static IReadOnlyList<CaseAction> Offered(Case c, Actor actor, int? actorDepartmentId) =>
        CaseWorkflow.AllowedActions(c.Status, actor)
            .Where(a => a != CaseAction.AnswerSuggestion || c.Type == CaseType.Suggestion)
            .Where(a => Fits(a, c))
            .Where(a => MayAct(a, c, actor, actorDepartmentId))
            .Where(a => a is not (CaseAction.Start or CaseAction.Resolve) || !c.WorkAwaitsQuote())
            .ToList();

    /// <summary>Steps that only fit some cases: by complaint class, open forwardings, or the major complaint's report.</summary>
    public static bool Fits(CaseAction action, Case c) => action switch
    {
        CaseAction.ForwardToDeveloper => c.Class == ComplaintClass.Developer,
        CaseAction.RecordDeveloperAnswer => c.DeveloperForwardings.Any(f => !f.IsAnswered),
        CaseAction.CoordinateExternal => c.Class == ComplaintClass.External,
        CaseAction.WriteMajorReport => c.IsMajor && c.SpecialReport?.IsReviewed != true,
        CaseAction.ReviewMajorReport => c.SpecialReport is { IsReviewed: false },
        _ => true,
    };
}
