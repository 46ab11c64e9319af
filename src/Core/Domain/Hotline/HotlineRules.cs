using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Domain.Hotline;

/// <summary>Where a hotline matter stands on the desk.</summary>
public enum HotlineStage
{
    /// <summary>Received; the handling file has not gone to the estate yet.</summary>
    New,
    /// <summary>The handling file is with the estate; its first response is not yet due.</summary>
    AwaitingFirstResponse,
    /// <summary>24 hours have passed since receipt without a first response from the estate.</summary>
    FirstResponseOverdue,
    /// <summary>The estate responded; the matter is not completed yet.</summary>
    AwaitingCompletion,
    /// <summary>The estate completed it; the desk's closing note is missing.</summary>
    Completed,
    /// <summary>Closed by the desk.</summary>
    Done,
}

/// <summary>What is known of one matter: the ticket's own times plus the estate's replies and the closing of the case.</summary>
public sealed record HotlineFacts(
    DateTimeOffset ReceivedAt,
    DateTimeOffset? HandlingFileSentAt,
    DateTimeOffset? ResponseOnFileAt,
    DateTimeOffset? CompletionOnFileAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? FirstCaseReplyAt = null,
    DateTimeOffset? CaseClosedAt = null)
{
    /// <summary>The estate's first response: on the handling file, by its completion report, or a reply on the case, whichever came first after receipt.</summary>
    public DateTimeOffset? FirstResponseAt => HotlineRules.Earliest(ReceivedAt, ResponseOnFileAt, CompletionOnFileAt, FirstCaseReplyAt);
    /// <summary>Completion: reported on the handling file, or the case closed, whichever came first after receipt.</summary>
    public DateTimeOffset? CompletedAt => HotlineRules.Earliest(ReceivedAt, CompletionOnFileAt, CaseClosedAt);
    public DateTimeOffset FirstResponseDueAt => HotlineRules.FirstResponseDue(ReceivedAt);
}

/// <summary>
/// The GM hotline rules (SPEC 3, 003 4.6; SPEC 6, 003 5.1): the estate's first response is due within 24 hours of
/// receipt, the second contact after completion; the hotline is staffed every day 08:30-18:00.
/// </summary>
public static class HotlineRules
{
    public static readonly TimeSpan FirstResponseWithin = TimeSpan.FromHours(24);
    public static readonly TimeOnly ServiceOpens = new(8, 30);
    public static readonly TimeOnly ServiceCloses = new(18, 0);

    /// <summary>Timeline entries by estate staff that answer the matter on the case (a public comment only when public).</summary>
    public static readonly IReadOnlySet<CaseEventKind> CaseReplyKinds = new HashSet<CaseEventKind>
    {
        CaseEventKind.Acknowledged, CaseEventKind.Planned, CaseEventKind.DeadlineRevised, CaseEventKind.Started,
        CaseEventKind.Resolved, CaseEventKind.Comment, CaseEventKind.SuggestionAnswered,
    };

    public static DateTimeOffset FirstResponseDue(DateTimeOffset receivedAt) => receivedAt + FirstResponseWithin;

    /// <summary>The earliest of the times at or after <paramref name="from"/> (earlier ones belong to an older matter).</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset from, params DateTimeOffset?[] times) =>
        times.Where(t => t >= from).Min();

    /// <summary>
    /// Was the first response within 24 hours? True or false once known; null while the 24 hours are still running
    /// without a response (neither on time nor late yet, as SPEC 7 counts).
    /// </summary>
    public static bool? FirstResponseInTime(HotlineFacts f, DateTimeOffset now) =>
        f.FirstResponseAt is { } at ? at <= f.FirstResponseDueAt
        : now > f.FirstResponseDueAt ? false
        : null;

    public static HotlineStage Stage(HotlineFacts f, DateTimeOffset now) =>
        f.ClosedAt is not null ? HotlineStage.Done
        : f.CompletedAt is not null ? HotlineStage.Completed
        : f.FirstResponseAt is null && now > f.FirstResponseDueAt ? HotlineStage.FirstResponseOverdue
        : f.HandlingFileSentAt is null ? HotlineStage.New
        : f.FirstResponseAt is null ? HotlineStage.AwaitingFirstResponse
        : HotlineStage.AwaitingCompletion;

    /// <summary>Within the hotline's service hours (every day, 365 days a year) at this local time?</summary>
    public static bool WithinServiceHours(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        return local >= ServiceOpens && local < ServiceCloses;
    }
}
