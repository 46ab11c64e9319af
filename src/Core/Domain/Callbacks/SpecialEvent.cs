namespace OwnerPortal.Core.Domain.Callbacks;

public enum SpecialEventState { VisitDue, MattersOpen, Done }

/// <summary>
/// A special event in a household (000 3.3, e.g. bereavement, illness, an accident), recorded by the estate manager:
/// a home visit is due in the window of the estate's callback policy (SPEC 3: within 20 days), its outcome and any
/// unfinished matters are recorded, and those matters are tracked until closed.
/// </summary>
public sealed class SpecialEvent
{
    public long Id { get; private set; }
    public int EstateId { get; private set; }
    /// <summary>The household as the manager names it, e.g. "3栋2单元801 王先生".</summary>
    public string Household { get; private set; } = "";
    public string Description { get; private set; } = "";
    public DateOnly OccurredOn { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public int? RecordedByStaffId { get; private set; }
    public string RecordedBy { get; private set; } = "";
    public int PolicyVersion { get; private set; }
    public DateTimeOffset VisitDueFrom { get; private set; }
    public DateTimeOffset VisitDueUntil { get; private set; }
    public DateTimeOffset? VisitedAt { get; private set; }
    public string? VisitedBy { get; private set; }
    public string? VisitOutcome { get; private set; }
    public string? OpenMatters { get; private set; }
    public DateTimeOffset? MattersClosedAt { get; private set; }
    public string? MattersClosedBy { get; private set; }
    public string? MattersNote { get; private set; }
    public uint Version { get; private set; }

    private SpecialEvent() { }

    public SpecialEventState State =>
        VisitedAt is null ? SpecialEventState.VisitDue
        : OpenMatters is not null && MattersClosedAt is null ? SpecialEventState.MattersOpen
        : SpecialEventState.Done;

    public static SpecialEvent Record(int estateId, string household, string description, DateOnly occurredOn, CallbackPolicy policy,
        (DateTimeOffset From, DateTimeOffset Until) window, DateTimeOffset now, int? staffId, string by)
    {
        if (string.IsNullOrWhiteSpace(household) || string.IsNullOrWhiteSpace(description))
            throw new ArgumentException("A special event needs the household and what happened.");
        return new()
        {
            EstateId = estateId, Household = household.Trim(), Description = description.Trim(), OccurredOn = occurredOn,
            RecordedAt = now, RecordedByStaffId = staffId, RecordedBy = by, PolicyVersion = policy.Version,
            VisitDueFrom = window.From, VisitDueUntil = window.Until,
        };
    }

    /// <summary>The home visit: its outcome, and what is still to be done (none: the event is done).</summary>
    public void RecordVisit(DateTimeOffset now, string by, string outcome, string? openMatters)
    {
        if (State != SpecialEventState.VisitDue) throw new InvalidOperationException("The visit is already recorded.");
        if (string.IsNullOrWhiteSpace(outcome)) throw new ArgumentException("The visit needs an outcome.", nameof(outcome));
        (VisitedAt, VisitedBy, VisitOutcome) = (now, by, outcome.Trim());
        OpenMatters = string.IsNullOrWhiteSpace(openMatters) ? null : openMatters.Trim();
    }

    public void CloseMatters(DateTimeOffset now, string by, string? note)
    {
        if (State != SpecialEventState.MattersOpen) throw new InvalidOperationException("No open matters.");
        (MattersClosedAt, MattersClosedBy, MattersNote) = (now, by, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }
}
