using System.Globalization;
using System.Linq.Expressions;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Kpis;

/// <summary>
/// The lists a dashboard number opens (issue #9). Stored in links and bookmarks by name; append new members at the end.
/// </summary>
public enum DrillMeasure
{
    Received, FeedbackMeasured, FeedbackLate, ResponseMeasured, ResponseLate, HandlingMeasured, HandlingLate,
    Verified, VerificationFailedFirst, Complaints, ComplaintsNotClosed, FirstTimeFixClosed, Reopened, StillOpen, Overdue,
    Escalated, Major, CallbackDue, CallbackMissed, CallbacksUnsatisfied, CallbacksFailed,
    /// <summary>Complaints received in the period repeating an earlier one (RepeatFlags' rule).</summary>
    RepeatComplaints,
    /// <summary>Open now, by age (<see cref="DrillNarrowing.AgeBucket"/>); the period does not apply.</summary>
    Backlog,
    /// <summary>Received in the period and acknowledged: what time to acknowledge is measured over (<see cref="DrillNarrowing.HourBand"/>).</summary>
    Acknowledged,
    /// <summary>Received in the period and closed: what time to close is measured over (<see cref="DrillNarrowing.HourBand"/>).</summary>
    ClosedOfReceived,
    /// <summary>Callbacks in the period that rated the handler's attitude (by handling department / staff member).</summary>
    AttitudeRated,
}

/// <summary>Why a drill-down link cannot be answered.</summary>
public enum DrillProblem { UnknownMeasure, MalformedMonth, FromAfterTo, UnknownEstate, UnknownFilter }

/// <summary>
/// Optional narrowing of a drill-down list; each filter that is set must hold. For callback measures the department
/// (and staff member) is whose work the callback rated, as the dashboards count them.
/// </summary>
public sealed record DrillNarrowing(
    int? EstateId = null, CaseCategory? Category = null, int? DepartmentId = null,
    CaseType? Type = null, CaseChannel? Channel = null, ComplaintClass? Class = null, int? AgeBucket = null,
    int? StaffId = null, int? HourBand = null)
{
    public static readonly DrillNarrowing None = new();
}

/// <summary>
/// The cases behind each dashboard number, built only from the public <see cref="CaseKpis"/> and <see cref="CallbackKpis"/>
/// expressions so a list always counts what its figure counts. A "late" or "not" list is the denominator and not the
/// numerator as one predicate (SQL <c>… AND NOT (…)</c>). Callback measures list the cases that have such a callback:
/// their count is the number of distinct cases, which equals the callback figure unless a case has several rounds in it.
/// </summary>
public static class KpiDrillDown
{
    /// <summary>The list of what missed a case or callback KPI's target (its denominator without its numerator).</summary>
    public static DrillMeasure MissedOf(Kpi kpi) => kpi switch
    {
        Kpi.FeedbackTimeliness => DrillMeasure.FeedbackLate,
        Kpi.ResponseWithinWorkingDay => DrillMeasure.ResponseLate,
        Kpi.CallbackRate => DrillMeasure.CallbackMissed,
        Kpi.CallbackSatisfaction => DrillMeasure.CallbacksUnsatisfied,
        Kpi.ComplaintClosureRate => DrillMeasure.ComplaintsNotClosed,
        _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "survey answers are not cases"),
    };

    /// <summary>The list of what a KPI measured (its denominator); none for callback satisfaction, whose ratings are per callback.</summary>
    public static DrillMeasure? MeasuredOf(Kpi kpi) => kpi switch
    {
        Kpi.FeedbackTimeliness => DrillMeasure.FeedbackMeasured,
        Kpi.ResponseWithinWorkingDay => DrillMeasure.ResponseMeasured,
        Kpi.CallbackRate => DrillMeasure.CallbackDue,
        Kpi.ComplaintClosureRate => DrillMeasure.Complaints,
        _ => null,
    };

    public static IQueryable<Case> Filter(OwnerPortalDbContext db, DrillMeasure m, Period p, DateTimeOffset at, DrillNarrowing? narrowing = null)
    {
        var n = narrowing ?? DrillNarrowing.None;
        IQueryable<Case> Callbacks(Expression<Func<Callback, bool>> predicate) => WithCallback(db, predicate, n);
        var cases = m switch
        {
            DrillMeasure.CallbackDue => Callbacks(CallbackKpis.RateDenominator(p, at)),
            DrillMeasure.CallbackMissed => Callbacks(AndNot(CallbackKpis.RateDenominator(p, at), CallbackKpis.RateNumerator(p, at))),
            DrillMeasure.CallbacksUnsatisfied => Callbacks(AndNot(CallbackKpis.SatisfactionDenominator(p), CallbackKpis.SatisfactionNumerator(p))),
            DrillMeasure.CallbacksFailed => Callbacks(CallbackKpis.Failed(p)),
            DrillMeasure.AttitudeRated => Callbacks(CallbackKpis.AttitudeDenominator(p)),
            DrillMeasure.RepeatComplaints => db.Cases.Where(And(CaseKpis.ReceivedIn(p), RepeatsAnEarlierComplaint(db))),
            DrillMeasure.Backlog => db.Cases.Where(CaseKpis.StillOpen(AgeWindow(at, n.AgeBucket))),
            DrillMeasure.Acknowledged => db.Cases.Where(CaseKpis.AcknowledgedOfReceived(p)).Where(HourBand(c => c.AcknowledgedAt, n.HourBand)),
            DrillMeasure.ClosedOfReceived => db.Cases.Where(CaseKpis.ClosedOfReceived(p)).Where(HourBand(c => c.ClosedAt, n.HourBand)),
            _ => db.Cases.Where(CasePredicate(m, p, at)),
        };
        return Narrow(cases, n, departmentOnCase: !IsCallbackMeasure(m));
    }

    private static bool IsCallbackMeasure(DrillMeasure m) => m is DrillMeasure.CallbackDue or DrillMeasure.CallbackMissed
        or DrillMeasure.CallbacksUnsatisfied or DrillMeasure.CallbacksFailed or DrillMeasure.AttitudeRated;

    /// <summary>The predicate over cases of a case measure (not a callback measure).</summary>
    public static Expression<Func<Case, bool>> CasePredicate(DrillMeasure m, Period p, DateTimeOffset at) => m switch
    {
        DrillMeasure.Received => CaseKpis.ReceivedIn(p),
        DrillMeasure.FeedbackMeasured => CaseKpis.FeedbackDenominator(p, at),
        DrillMeasure.FeedbackLate => AndNot(CaseKpis.FeedbackDenominator(p, at), CaseKpis.FeedbackNumerator(p, at)),
        DrillMeasure.ResponseMeasured => CaseKpis.ResponseDenominator(p, at),
        DrillMeasure.ResponseLate => AndNot(CaseKpis.ResponseDenominator(p, at), CaseKpis.ResponseNumerator(p, at)),
        DrillMeasure.HandlingMeasured => CaseKpis.HandlingDenominator(p, at),
        DrillMeasure.HandlingLate => AndNot(CaseKpis.HandlingDenominator(p, at), CaseKpis.HandlingNumerator(p, at)),
        DrillMeasure.Verified => CaseKpis.VerificationDenominator(p),
        DrillMeasure.VerificationFailedFirst => AndNot(CaseKpis.VerificationDenominator(p), CaseKpis.VerificationNumerator(p)),
        DrillMeasure.Complaints => CaseKpis.ClosureDenominator(p),
        DrillMeasure.ComplaintsNotClosed => AndNot(CaseKpis.ClosureDenominator(p), CaseKpis.ClosureNumerator(p, at)),
        DrillMeasure.FirstTimeFixClosed => CaseKpis.FirstTimeFixDenominator(p),
        DrillMeasure.Reopened => AndNot(CaseKpis.FirstTimeFixDenominator(p), CaseKpis.FirstTimeFixNumerator(p)),
        DrillMeasure.StillOpen => CaseKpis.StillOpen(p),
        DrillMeasure.Overdue => CaseKpis.Overdue(p, at),
        DrillMeasure.Escalated => CaseKpis.EscalatedIn(p),
        DrillMeasure.Major => CaseKpis.MajorIn(p),
        _ => throw new ArgumentOutOfRangeException(nameof(m), m, "not a case measure"),
    };

    /// <summary>
    /// The months <paramref name="from"/> to <paramref name="to"/> (yyyy-MM, both included; one alone means that month,
    /// neither means <paramref name="otherwise"/>), or the reason they cannot be read.
    /// </summary>
    public static DrillProblem? ParseMonths(string? from, string? to, DateOnly otherwise, out DateOnly first, out DateOnly last)
    {
        static DateOnly? Month(string? text) => Time.CalendarRange.ParseMonth(text);
        first = last = new DateOnly(otherwise.Year, otherwise.Month, 1);
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to)) return null;
        var f = string.IsNullOrWhiteSpace(from) ? Month(to) : Month(from);
        var l = string.IsNullOrWhiteSpace(to) ? Month(from) : Month(to);
        if (f is null || l is null) return DrillProblem.MalformedMonth;
        if (f > l) return DrillProblem.FromAfterTo;
        (first, last) = (f.Value, l.Value);
        return null;
    }

    /// <summary>The calendar months <paramref name="first"/> to <paramref name="last"/> in <paramref name="zone"/>.</summary>
    public static Period Months(DateOnly first, DateOnly last, TimeZoneInfo zone) =>
        new(Period.Month(first, zone).From, Period.Month(last, zone).Until);

    /// <summary>An enum value named in a link (its name, any case); null text is no filter, an unknown name a problem.</summary>
    public static bool TryParseFilter<TEnum>(string? text, out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (int.TryParse(text, out _) || !Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var v) || !Enum.IsDefined(v)) return false;
        value = v;
        return true;
    }

    /// <summary>
    /// The SQL form of <see cref="Reports.RepeatFlags.RepeatComplaints"/>: a complaint with an earlier complaint of the
    /// same estate from the same unit, or about the same public area and category, at most 90 days before.
    /// </summary>
    private static Expression<Func<Case, bool>> RepeatsAnEarlierComplaint(OwnerPortalDbContext db) =>
        c => c.Type == CaseType.Complaint && db.Cases.Any(e =>
            e.EstateId == c.EstateId && e.Type == CaseType.Complaint && !e.IsTest && e.Status != CaseStatus.Withdrawn
            && e.ReceivedAt < c.ReceivedAt && e.ReceivedAt >= c.ReceivedAt.AddDays(-Reports.RepeatFlags.WindowDays)
            && ((c.UnitId != null && e.UnitId == c.UnitId) || (c.PublicAreaId != null && c.Category != null && e.PublicAreaId == c.PublicAreaId && e.Category == c.Category)));

    /// <summary>Received so that at <paramref name="at"/> the case's age is in the bucket (<see cref="Rollups.Durations.AgeBucketOf"/>); every age when none.</summary>
    public static Period AgeWindow(DateTimeOffset at, int? bucket)
    {
        var bounds = Rollups.Durations.AgeDays;
        if (bucket is not { } b || b < 0 || b > bounds.Length) return new Period(DateTimeOffset.MinValue.ToUniversalTime(), at.AddTicks(1));
        // Age >= lower and < upper: received in (at - upper, at - lower].
        var from = b == bounds.Length ? DateTimeOffset.MinValue.ToUniversalTime() : at.AddDays(-bounds[b]).AddTicks(1);
        var until = (b == 0 ? at : at.AddDays(-bounds[b - 1])).AddTicks(1);
        return new Period(from, until);
    }

    /// <summary>
    /// Reached that step within the duration band (<see cref="Rollups.Durations.HourBucketOf"/>: more than the band
    /// below's limit, at most its own); every duration when none.
    /// </summary>
    private static Expression<Func<Case, bool>> HourBand(Expression<Func<Case, DateTimeOffset?>> step, int? band)
    {
        if (band is not { } b || b < 0 || b > Rollups.Durations.Hours.Length) return c => true;
        var (lower, upper) = Rollups.Durations.BandLimits(b);
        var received = Expression.Property(step.Parameters[0], nameof(Case.ReceivedAt));
        Expression After(double hours) => Expression.Convert(
            Expression.Call(received, typeof(DateTimeOffset).GetMethod(nameof(DateTimeOffset.AddHours))!, Expression.Constant(hours)), typeof(DateTimeOffset?));
        // The first band has no lower limit (a step recorded before receipt counts there too), the last no upper one.
        Expression body = Expression.Constant(true);
        if (b > 0) body = Expression.AndAlso(body, Expression.GreaterThan(step.Body, After(lower)));
        if (upper is { } u) body = Expression.AndAlso(body, Expression.LessThanOrEqual(step.Body, After(u)));
        return Expression.Lambda<Func<Case, bool>>(body, step.Parameters[0]);
    }

    private static IQueryable<Case> WithCallback(OwnerPortalDbContext db, Expression<Func<Callback, bool>> predicate, DrillNarrowing n)
    {
        var callbacks = db.Callbacks.Where(predicate);
        if (n.DepartmentId is { } department) callbacks = callbacks.Where(b => b.HandledByDepartmentId == department);
        if (n.StaffId is { } staff) callbacks = callbacks.Where(b => b.HandledByStaffId == staff);
        var caseIds = callbacks.Select(b => b.CaseId);
        return db.Cases.Where(c => caseIds.Contains(c.Id));
    }

    private static IQueryable<Case> Narrow(IQueryable<Case> cases, DrillNarrowing n, bool departmentOnCase)
    {
        if (n.EstateId is { } estate) cases = cases.Where(c => c.EstateId == estate);
        if (n.Category is { } category) cases = cases.Where(c => c.Category == category);
        if (departmentOnCase && n.DepartmentId is { } department) cases = cases.Where(c => c.AssignedDepartmentId == department);
        if (n.Type is { } type) cases = cases.Where(c => c.Type == type);
        if (n.Channel is { } channel) cases = cases.Where(c => c.Channel == channel);
        if (n.Class is { } cls) cases = cases.Where(c => c.Class == cls);
        return cases;
    }

    /// <summary><paramref name="a"/> and <paramref name="b"/> over one parameter, as one expression EF translates.</summary>
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, negate: false);

    /// <summary><paramref name="a"/> and not <paramref name="b"/>: a denominator without its numerator.</summary>
    public static Expression<Func<T, bool>> AndNot<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, negate: true);

    private static Expression<Func<T, bool>> Combine<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b, bool negate)
    {
        var x = a.Parameters[0];
        var right = ExpressionReplacer.Replace(b.Body, b.Parameters[0], x);
        return Expression.Lambda<Func<T, bool>>(Expression.AndAlso(a.Body, negate ? Expression.Not(right) : right), x);
    }
}
