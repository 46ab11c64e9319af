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
/// The case KPIs of SPEC 7, each defined once as an expression over <see cref="Case"/>: the database runs it as SQL
/// for pages and reports, tests compile it and run it over cases in memory. "at" is the time of measuring: a case whose
/// deadline has not passed by then is in neither numerator nor denominator. Test and withdrawn cases never count.
/// </summary>
public static class CaseKpis
{
    /// <summary>Counted at all: not a test case, not withdrawn by the owner.</summary>
    public static Expression<Func<Case, bool>> Counted() => c => !c.IsTest && c.Status != CaseStatus.Withdrawn;

    public static Expression<Func<Case, bool>> ReceivedIn(Period p) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until;

    // 反馈及时率: acknowledged within 24 h of receipt, of the cases received whose 24 h have passed.
    public static Expression<Func<Case, bool>> FeedbackDenominator(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.FeedbackDueAt <= at;
    public static Expression<Func<Case, bool>> FeedbackNumerator(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.FeedbackDueAt <= at
             && c.AcknowledgedAt != null && c.AcknowledgedAt <= c.FeedbackDueAt;

    // Response within one working day: complaints with a handling response by their working-day due time.
    public static Expression<Func<Case, bool>> ResponseDenominator(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.Type == CaseType.Complaint
             && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.ResponseDueAt <= at;
    public static Expression<Func<Case, bool>> ResponseNumerator(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.Type == CaseType.Complaint
             && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.ResponseDueAt <= at
             && c.RespondedAt != null && c.RespondedAt <= c.ResponseDueAt;

    // 及时率 (handling): resolved by the last agreed deadline, of the cases whose deadline fell in the period and has passed.
    public static Expression<Func<Case, bool>> HandlingDenominator(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && (c.RevisedDeadlineAt ?? c.DeadlineAt) >= p.From
             && (c.RevisedDeadlineAt ?? c.DeadlineAt) < p.Until && (c.RevisedDeadlineAt ?? c.DeadlineAt) <= at;
    public static Expression<Func<Case, bool>> HandlingNumerator(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && (c.RevisedDeadlineAt ?? c.DeadlineAt) >= p.From
             && (c.RevisedDeadlineAt ?? c.DeadlineAt) < p.Until && (c.RevisedDeadlineAt ?? c.DeadlineAt) <= at
             && c.ResolvedAt != null && c.ResolvedAt <= (c.RevisedDeadlineAt ?? c.DeadlineAt);

    // 合格率: verifications passed at the first attempt, of the cases verified in the period.
    public static Expression<Func<Case, bool>> VerificationDenominator(Period p) =>
        c => !c.IsTest && c.VerifiedAt >= p.From && c.VerifiedAt < p.Until;
    public static Expression<Func<Case, bool>> VerificationNumerator(Period p) =>
        c => !c.IsTest && c.VerifiedAt >= p.From && c.VerifiedAt < p.Until && c.VerificationFailures == 0;

    // 结案率: complaints received in the period that are closed at the measuring time (period end for past periods).
    public static Expression<Func<Case, bool>> ClosureDenominator(Period p) =>
        c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.Type == CaseType.Complaint && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until;
    public static Expression<Func<Case, bool>> ClosureNumerator(Period p, DateTimeOffset at)
    {
        var cutoff = at < p.Until ? at : p.Until;
        return c => !c.IsTest && c.Status != CaseStatus.Withdrawn && c.Type == CaseType.Complaint && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until
                    && c.Status == CaseStatus.Closed && c.ClosedAt <= cutoff;
    }

    // First-time fix: closed cases never reopened, of the cases closed in the period.
    public static Expression<Func<Case, bool>> FirstTimeFixDenominator(Period p) =>
        c => !c.IsTest && c.Status == CaseStatus.Closed && c.ClosedAt >= p.From && c.ClosedAt < p.Until;
    public static Expression<Func<Case, bool>> FirstTimeFixNumerator(Period p) =>
        c => !c.IsTest && c.Status == CaseStatus.Closed && c.ClosedAt >= p.From && c.ClosedAt < p.Until && c.ReopenCount == 0;

    /// <summary>Open problems at the time of measuring: received in the period, not yet resolved.</summary>
    public static Expression<Func<Case, bool>> StillOpen(Period p) =>
        c => !c.IsTest && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.Status < CaseStatus.Resolved;

    /// <summary>...of which the step they wait on is overdue at the time of measuring.</summary>
    public static Expression<Func<Case, bool>> Overdue(Period p, DateTimeOffset at) =>
        c => !c.IsTest && c.ReceivedAt >= p.From && c.ReceivedAt < p.Until && c.Status < CaseStatus.Resolved && c.NextDueAt < at;

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
