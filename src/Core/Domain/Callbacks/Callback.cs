namespace OwnerPortal.Core.Domain.Callbacks;

/// <summary>Superseded: the case was reopened and closed again before this callback was made; the later round replaces it.</summary>
public enum CallbackStatus { NotSelected, Due, Done, Unreachable, Superseded }

/// <summary>Why the policy decided as it did; stored so an auditor can check every decision.</summary>
public enum CallbackReason { Sampled, NotSampled, Always, Required, Excluded, NoRule }

public enum CallbackChannel { Phone, Visit, Portal }

public enum CallbackOutcome { Fixed, PartlyFixed, NotFixed }

/// <summary>A callback answer: reached, with ratings 1-5 (overall required) and the outcome.</summary>
public sealed record CallbackAnswer(CallbackChannel Channel, CallbackOutcome Outcome, int? Quality, int? Timeliness, int? Attitude,
    int? Overall, string? Comments)
{
    /// <summary>SPEC 3: "not satisfied" goes back into the workflow: not fixed, or overall 1-2.</summary>
    public bool Dissatisfied => Outcome == CallbackOutcome.NotFixed || Overall is <= 2;
}

/// <summary>
/// The callback decision for one completion of a case (round = the case's reopen count when it closed), and, when
/// selected, the callback itself: attempts, answer, who called, and whose work was rated. One row per case and round,
/// kept also when not selected so the sampling can be audited; the callback-rate KPI (SPEC 7) counts selected rows by
/// estate and the month their window ends.
/// </summary>
public sealed class Callback
{
    public const int MaxAttempts = 3;

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public int Round { get; private set; }
    public int EstateId { get; private set; }
    public CallbackKind Kind { get; private set; }
    public long PolicyId { get; private set; }
    public CallbackPolicy? Policy { get; private set; }
    public int PolicyVersion { get; private set; }
    public int SharePercent { get; private set; }
    /// <summary>The stable draw in [0,1) compared with the share.</summary>
    public double Draw { get; private set; }
    public CallbackReason Reason { get; private set; }
    public CallbackBy By { get; private set; }
    public CallbackStatus Status { get; private set; }
    public DateTimeOffset CompletedAt { get; private set; }
    public DateTimeOffset DecidedAt { get; private set; }
    public DateTimeOffset DueFrom { get; private set; }
    public DateTimeOffset DueUntil { get; private set; }

    public int Attempts { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    /// <summary>After an unreachable try: when to try again.</summary>
    public DateTimeOffset? RetryAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }
    public CallbackChannel? Channel { get; private set; }
    public CallbackOutcome? Outcome { get; private set; }
    public int? Quality { get; private set; }
    public int? Timeliness { get; private set; }
    public int? Attitude { get; private set; }
    public int? Overall { get; private set; }
    public string? Comments { get; private set; }
    public int? CalledByStaffId { get; private set; }
    public string? CalledBy { get; private set; }
    public int? AnsweredByPersonId { get; private set; }
    /// <summary>Whose work the ratings are about (per-department and per-staff attitude KPIs).</summary>
    public int? HandledByStaffId { get; private set; }
    public int? HandledByDepartmentId { get; private set; }

    /// <summary>"Partly fixed": a follow-up task for the department on the same case.</summary>
    public int? FollowUpDepartmentId { get; private set; }
    public DateTimeOffset? FollowUpDueAt { get; private set; }
    public DateTimeOffset? FollowUpDoneAt { get; private set; }
    public string? FollowUpDoneBy { get; private set; }

    public uint Version { get; private set; }

    private Callback() { }

    public static Callback FromDecision(long caseId, int round, CallbackPolicy policy, CallbackDecision d, int? handledByStaffId,
        int? handledByDepartmentId, DateTimeOffset completedAt, DateTimeOffset now) => new()
    {
        CaseId = caseId, Round = round, EstateId = policy.EstateId, Kind = d.Kind, Policy = policy, PolicyId = policy.Id, PolicyVersion = policy.Version,
        SharePercent = d.SharePercent, Draw = d.Draw, Reason = d.Reason, By = d.By,
        Status = d.Selected ? CallbackStatus.Due : CallbackStatus.NotSelected,
        CompletedAt = completedAt, DecidedAt = now, DueFrom = d.DueFrom, DueUntil = d.DueUntil,
        HandledByStaffId = handledByStaffId, HandledByDepartmentId = handledByDepartmentId,
    };

    public bool IsOpen => Status == CallbackStatus.Due;

    /// <summary>Not reached: try again at <paramref name="retryAt"/>; the third failed try records the owner as unreachable.</summary>
    public void RecordUnreached(DateTimeOffset now, DateTimeOffset retryAt, int? staffId, string by, string? comments)
    {
        EnsureOpen();
        Attempts++;
        LastAttemptAt = now;
        CalledByStaffId = staffId;
        CalledBy = by;
        if (!string.IsNullOrWhiteSpace(comments)) Comments = comments.Trim();
        if (Attempts >= MaxAttempts)
        {
            Status = CallbackStatus.Unreachable;
            DoneAt = now;
            RetryAt = null;
        }
        else RetryAt = retryAt;
    }

    public void RecordAnswer(CallbackAnswer answer, DateTimeOffset now, int? staffId, string? by, int? personId)
    {
        EnsureOpen();
        foreach (var rating in new[] { answer.Quality, answer.Timeliness, answer.Attitude, answer.Overall })
            if (rating is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(answer), "Ratings are 1 to 5.");
        Attempts++;
        LastAttemptAt = DoneAt = now;
        RetryAt = null;
        Status = CallbackStatus.Done;
        (Channel, Outcome, Quality, Timeliness, Attitude, Overall) =
            (answer.Channel, answer.Outcome, answer.Quality, answer.Timeliness, answer.Attitude, answer.Overall);
        Comments = string.IsNullOrWhiteSpace(answer.Comments) ? Comments : answer.Comments.Trim();
        (CalledByStaffId, CalledBy, AnsweredByPersonId) = (staffId, by, personId);
    }

    /// <summary>The case was closed again (a new round is decided) before this one was made.</summary>
    public void Supersede()
    {
        if (IsOpen) (Status, RetryAt) = (CallbackStatus.Superseded, null);
    }

    public void RequestFollowUp(int? departmentId, DateTimeOffset dueAt) => (FollowUpDepartmentId, FollowUpDueAt) = (departmentId, dueAt);

    public void CompleteFollowUp(DateTimeOffset now, string by)
    {
        if (FollowUpDueAt is null || FollowUpDoneAt is not null) throw new InvalidOperationException("No open follow-up.");
        (FollowUpDoneAt, FollowUpDoneBy) = (now, by);
    }

    private void EnsureOpen()
    {
        if (!IsOpen) throw new InvalidOperationException("This callback is already recorded.");
    }
}
