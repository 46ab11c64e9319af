using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Cases;

/// <summary>
/// The step the staff case page shows first (issue #18 finding 9): what moves this case on now, among the steps
/// offered to this staff member. Steps that change what was already done (re-assign, re-plan, revise the date, hand
/// back, reopen, forward again) stay one click away.
/// </summary>
public static class CaseNextStep
{
    /// <summary>Null when nothing offered moves the case on (then every offered step is shown open).</summary>
    public static CaseAction? For(Case c, IReadOnlySet<CaseAction> offered)
    {
        CaseAction? If(CaseAction action, bool now) => now && offered.Contains(action) ? action : null;
        return If(CaseAction.Acknowledge, true)
            // Class 2 and 3 go to the developer or the outside party before the estate plans its own work.
            ?? If(CaseAction.RecordDeveloperAnswer, c.DeveloperForwardings.Any(f => !f.IsAnswered))
            ?? If(CaseAction.ForwardToDeveloper, c.Class == ComplaintClass.Developer && c.DeveloperForwardings.Count == 0)
            ?? If(CaseAction.CoordinateExternal, c.Class == ComplaintClass.External && c.ExternalCoordinations.Count == 0)
            ?? If(CaseAction.AnswerSuggestion, c.Type == CaseType.Suggestion && c.SuggestionAdopted is null)
            ?? If(CaseAction.Assign, c.Status == CaseStatus.Acknowledged)
            ?? If(CaseAction.Plan, c.Status == CaseStatus.Assigned)
            ?? If(CaseAction.Start, c.Status == CaseStatus.Planned)
            ?? If(CaseAction.Resolve, c.Status is CaseStatus.Planned or CaseStatus.InProgress)
            ?? If(CaseAction.Verify, c.Status == CaseStatus.Resolved);
    }

    /// <summary>Whether a panel holding <paramref name="panelActions"/> is drawn open; the panel of a step just posted stays open.</summary>
    public static bool Opens(CaseAction? next, CaseAction? posted, params CaseAction[] panelActions) =>
        next is null || panelActions.Contains(next.Value) || (posted is { } p && panelActions.Contains(p));
}
