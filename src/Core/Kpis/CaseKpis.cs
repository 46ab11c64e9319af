using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Kpis;

/// <summary>A numerator over a denominator; no rate when nothing was measured.</summary>
public readonly record struct Ratio(long Numerator, long Denominator)
{
    public decimal? Rate => Denominator == 0 ? null : (decimal)Numerator / Denominator;
    /// <summary>Rate as a percentage with one decimal, e.g. 97.5; null when nothing was measured.</summary>
    public decimal? Percent => Rate is { } r ? Math.Round(r * 100, 1, MidpointRounding.AwayFromZero) : null;
    /// <summary>"87.5%", or "—" when nothing was measured.</summary>
    public string Display => Percent is { } p ? p.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>A calendar range in the estate's time zone, as UTC instants [From, Until).</summary>
public readonly record struct Period(DateTimeOffset From, DateTimeOffset Until)
{
    public static Period Month(DateOnly month, TimeZoneInfo zone)
    {
        DateTimeOffset Start(DateOnly d)
        {
            var local = d.ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        var first = new DateOnly(month.Year, month.Month, 1);
        return new Period(Start(first), Start(first.AddMonths(1)));
    }
}

/// <summary>
/// One KPI: the date that places a fact in a period, and the denominator and numerator conditions measured at a time
/// (the numerator includes the denominator's condition). Compiled once for the rollups; rebound to entities for SQL.
/// </summary>
public sealed record Measure<TFacts>(
    Expression<Func<TFacts, DateTimeOffset?>> PlacedAt,
    Expression<Func<TFacts, DateTimeOffset, bool>> Denominator,
    Expression<Func<TFacts, DateTimeOffset, bool>> Numerator)
{
    public Func<TFacts, DateTimeOffset?> Place { get; } = PlacedAt.Compile();
    public Func<TFacts, DateTimeOffset, bool> InDenominator { get; } = Denominator.Compile();
    public Func<TFacts, DateTimeOffset, bool> InNumerator { get; } = Numerator.Compile();

    /// <summary>A count, not a ratio: numerator and denominator are the same condition.</summary>
    public static Measure<TFacts> Count(Expression<Func<TFacts, DateTimeOffset?>> placedAt, Expression<Func<TFacts, DateTimeOffset, bool>> condition) =>
        new(placedAt, condition, condition);

    public Expression<Func<TFacts, bool>> DenominatorIn(Period p, DateTimeOffset at) => KpiFacts.In(PlacedAt, p, Denominator, at);
    public Expression<Func<TFacts, bool>> NumeratorIn(Period p, DateTimeOffset at) => KpiFacts.In(PlacedAt, p, Numerator, at);
}

/// <summary>
/// The case KPIs of SPEC 7, each defined once over <see cref="CaseFacts"/>: the database runs it as SQL for pages,
/// reports and drill-down lists (<see cref="CaseKpis"/>), the rollups and tests compile it. "at" is the time of
/// measuring: a case whose deadline has not passed by then is in neither numerator nor denominator. Test and
/// withdrawn cases never count.
/// </summary>
public static class CaseMeasures
{
    public static readonly Measure<CaseFacts> Received = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn);

    // 反馈及时率: acknowledged within 24 h of receipt, of the cases received whose 24 h have passed.
    public static readonly Measure<CaseFacts> Feedback = new(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.FeedbackDueAt <= at,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.FeedbackDueAt <= at
                   && f.AcknowledgedAt != null && f.AcknowledgedAt <= f.FeedbackDueAt);

    // Response within one working day: complaints with a handling response by their working-day due time.
    public static readonly Measure<CaseFacts> Response = new(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.Type == CaseType.Complaint && f.ResponseDueAt <= at,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.Type == CaseType.Complaint && f.ResponseDueAt <= at
                   && f.RespondedAt != null && f.RespondedAt <= f.ResponseDueAt);

    // 及时率 (handling): resolved by the last agreed deadline, of the cases whose deadline fell in the period and has passed.
    public static readonly Measure<CaseFacts> Handling = new(f => f.Deadline,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.Deadline <= at,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.Deadline <= at && f.ResolvedAt != null && f.ResolvedAt <= f.Deadline);

    // 合格率: verifications passed at the first attempt, of the cases verified in the period.
    public static readonly Measure<CaseFacts> Verification = new(f => f.VerifiedAt,
        (f, at) => !f.IsTest,
        (f, at) => !f.IsTest && f.VerificationFailures == 0);

    // 结案率: complaints received in the period that are closed at the measuring time (period end for past periods:
    // ClosureNumerator measures at the earlier of the two).
    public static readonly Measure<CaseFacts> Closure = new(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.Type == CaseType.Complaint,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.Type == CaseType.Complaint && f.Status == CaseStatus.Closed && f.ClosedAt <= at);

    // First-time fix: closed cases never reopened, of the cases closed in the period.
    public static readonly Measure<CaseFacts> FirstTimeFix = new(f => f.ClosedAt,
        (f, at) => !f.IsTest && f.Status == CaseStatus.Closed,
        (f, at) => !f.IsTest && f.Status == CaseStatus.Closed && f.ReopenCount == 0);

    /// <summary>Open problems at the time of measuring: received in the period, not yet resolved.</summary>
    public static readonly Measure<CaseFacts> Open = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status < CaseStatus.Resolved);

    /// <summary>...of which the step they wait on is overdue at the time of measuring.</summary>
    public static readonly Measure<CaseFacts> Overdue = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status < CaseStatus.Resolved && f.NextDueAt < at);

    /// <summary>Escalated (SPEC 2: unresolved past the escalation time, or by hand), counted by the month received.</summary>
    public static readonly Measure<CaseFacts> Escalated = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.EscalatedAt != null);

    public static readonly Measure<CaseFacts> Major = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.IsMajor);

    /// <summary>Time to acknowledge is measured over these: received in the period and acknowledged.</summary>
    public static readonly Measure<CaseFacts> Acknowledged = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status != CaseStatus.Withdrawn && f.AcknowledgedAt != null);

    /// <summary>Time to close is measured over these: received in the period and closed.</summary>
    public static readonly Measure<CaseFacts> ClosedOfReceived = Measure<CaseFacts>.Count(f => f.ReceivedAt,
        (f, at) => !f.IsTest && f.Status == CaseStatus.Closed && f.ClosedAt != null);
}

/// <summary>The <see cref="CaseMeasures"/> as conditions over cases for a period, for SQL and in-memory tests.</summary>
public static class CaseKpis
{
    /// <summary>Counted at all: not a test case, not withdrawn by the owner.</summary>
    public static Expression<Func<Case, bool>> Counted() => c => !c.IsTest && c.Status != CaseStatus.Withdrawn;

    public static Expression<Func<Case, bool>> ReceivedIn(Period p) => KpiFacts.OnCase(CaseMeasures.Received.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> FeedbackDenominator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Feedback.DenominatorIn(p, at));
    public static Expression<Func<Case, bool>> FeedbackNumerator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Feedback.NumeratorIn(p, at));
    public static Expression<Func<Case, bool>> ResponseDenominator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Response.DenominatorIn(p, at));
    public static Expression<Func<Case, bool>> ResponseNumerator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Response.NumeratorIn(p, at));
    public static Expression<Func<Case, bool>> HandlingDenominator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Handling.DenominatorIn(p, at));
    public static Expression<Func<Case, bool>> HandlingNumerator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Handling.NumeratorIn(p, at));
    public static Expression<Func<Case, bool>> VerificationDenominator(Period p) => KpiFacts.OnCase(CaseMeasures.Verification.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> VerificationNumerator(Period p) => KpiFacts.OnCase(CaseMeasures.Verification.NumeratorIn(p, p.Until));
    public static Expression<Func<Case, bool>> ClosureDenominator(Period p) => KpiFacts.OnCase(CaseMeasures.Closure.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> ClosureNumerator(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Closure.NumeratorIn(p, at < p.Until ? at : p.Until));
    public static Expression<Func<Case, bool>> FirstTimeFixDenominator(Period p) => KpiFacts.OnCase(CaseMeasures.FirstTimeFix.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> FirstTimeFixNumerator(Period p) => KpiFacts.OnCase(CaseMeasures.FirstTimeFix.NumeratorIn(p, p.Until));
    public static Expression<Func<Case, bool>> EscalatedIn(Period p) => KpiFacts.OnCase(CaseMeasures.Escalated.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> MajorIn(Period p) => KpiFacts.OnCase(CaseMeasures.Major.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> StillOpen(Period p) => KpiFacts.OnCase(CaseMeasures.Open.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> Overdue(Period p, DateTimeOffset at) => KpiFacts.OnCase(CaseMeasures.Overdue.DenominatorIn(p, at));
    public static Expression<Func<Case, bool>> AcknowledgedOfReceived(Period p) => KpiFacts.OnCase(CaseMeasures.Acknowledged.DenominatorIn(p, p.Until));
    public static Expression<Func<Case, bool>> ClosedOfReceived(Period p) => KpiFacts.OnCase(CaseMeasures.ClosedOfReceived.DenominatorIn(p, p.Until));

    /// <summary>The case KPIs of one estate (or all, when null) for a period, measured now, in a handful of indexed counts.</summary>
    public static async Task<CaseFigures> MeasureAsync(IQueryable<Case> cases, Period p, DateTimeOffset at, CancellationToken ct = default)
    {
        async Task<Ratio> RatioAsync(Expression<Func<Case, bool>> numerator, Expression<Func<Case, bool>> denominator) =>
            new(await cases.CountAsync(numerator, ct), await cases.CountAsync(denominator, ct));

        var received = await cases.Where(ReceivedIn(p)).GroupBy(c => new { c.Type, c.Channel })
            .Select(g => new { g.Key.Type, g.Key.Channel, Count = g.Count() }).ToListAsync(ct);
        return new CaseFigures(
            received.Sum(r => r.Count),
            Enum.GetValues<CaseType>().ToDictionary(t => t, t => received.Where(r => r.Type == t).Sum(r => r.Count)),
            Enum.GetValues<CaseChannel>().ToDictionary(ch => ch, ch => received.Where(r => r.Channel == ch).Sum(r => r.Count)),
            await RatioAsync(FeedbackNumerator(p, at), FeedbackDenominator(p, at)),
            await RatioAsync(ResponseNumerator(p, at), ResponseDenominator(p, at)),
            await RatioAsync(HandlingNumerator(p, at), HandlingDenominator(p, at)),
            await RatioAsync(VerificationNumerator(p), VerificationDenominator(p)),
            await RatioAsync(ClosureNumerator(p, at), ClosureDenominator(p)),
            await RatioAsync(FirstTimeFixNumerator(p), FirstTimeFixDenominator(p)),
            await cases.CountAsync(StillOpen(p), ct),
            await cases.CountAsync(Overdue(p, at), ct));
    }
}

/// <summary>The case figures of a period, as measured at one time.</summary>
public sealed record CaseFigures(
    int Received,
    IReadOnlyDictionary<CaseType, int> ReceivedByType,
    IReadOnlyDictionary<CaseChannel, int> ReceivedByChannel,
    Ratio FeedbackTimeliness,
    Ratio ResponseWithinWorkingDay,
    Ratio HandlingTimeliness,
    Ratio VerificationPassRate,
    Ratio ComplaintClosureRate,
    Ratio FirstTimeFix,
    int StillOpen,
    int Overdue);
