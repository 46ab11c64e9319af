using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Domain.Callbacks;

namespace OwnerPortal.Core.Kpis;

/// <summary>
/// SPEC 7 callback KPIs, each defined once over <see cref="CallbackFacts"/> (see <see cref="CaseMeasures"/>). A callback
/// is due by policy when the policy selected it (due, done or unreachable; a round replaced by a later one after a
/// reopen does not count).
/// </summary>
public static class CallbackMeasures
{
    // 回访率: due callbacks done within their window, of the callbacks due whose window ended in the period.
    public static readonly Measure<CallbackFacts> Rate = new(b => b.DueUntil,
        (b, at) => (b.Status == CallbackStatus.Due || b.Status == CallbackStatus.Done || b.Status == CallbackStatus.Unreachable) && b.DueUntil <= at,
        (b, at) => b.Status == CallbackStatus.Done && b.DoneAt <= b.DueUntil && b.DueUntil <= at);

    public static readonly Measure<CallbackFacts> Done = Measure<CallbackFacts>.Count(b => b.DoneAt,
        (b, at) => b.Status == CallbackStatus.Done);

    // 回访满意率: callbacks made in the period rated 4-5 overall, of those with an overall rating (unreachable excluded).
    public static readonly Measure<CallbackFacts> Satisfaction = new(b => b.DoneAt,
        (b, at) => b.Status == CallbackStatus.Done && b.Overall != null,
        (b, at) => b.Status == CallbackStatus.Done && b.Overall >= 4);

    /// <summary>Failed callbacks (SPEC 5 flags): made in the period, answered "not fixed" or rated 1-2 overall.</summary>
    public static readonly Measure<CallbackFacts> Failed = Measure<CallbackFacts>.Count(b => b.DoneAt,
        (b, at) => b.Status == CallbackStatus.Done && (b.Outcome == CallbackOutcome.NotFixed || b.Overall <= 2));

    /// <summary>Attitude (001 4.4): callbacks in the period rating the handler's attitude 4-5, of those rating it.</summary>
    public static readonly Measure<CallbackFacts> Attitude = new(b => b.DoneAt,
        (b, at) => b.Status == CallbackStatus.Done && b.Attitude != null,
        (b, at) => b.Status == CallbackStatus.Done && b.Attitude >= 4);
}

/// <summary>The <see cref="CallbackMeasures"/> as conditions over callbacks for a period.</summary>
public static class CallbackKpis
{
    public static Expression<Func<Callback, bool>> RateDenominator(Period p, DateTimeOffset at) => KpiFacts.OnCallback(CallbackMeasures.Rate.DenominatorIn(p, at));
    public static Expression<Func<Callback, bool>> RateNumerator(Period p, DateTimeOffset at) => KpiFacts.OnCallback(CallbackMeasures.Rate.NumeratorIn(p, at));
    public static Expression<Func<Callback, bool>> DoneIn(Period p) => KpiFacts.OnCallback(CallbackMeasures.Done.DenominatorIn(p, p.Until));
    public static Expression<Func<Callback, bool>> SatisfactionDenominator(Period p) => KpiFacts.OnCallback(CallbackMeasures.Satisfaction.DenominatorIn(p, p.Until));
    public static Expression<Func<Callback, bool>> SatisfactionNumerator(Period p) => KpiFacts.OnCallback(CallbackMeasures.Satisfaction.NumeratorIn(p, p.Until));
    public static Expression<Func<Callback, bool>> Failed(Period p) => KpiFacts.OnCallback(CallbackMeasures.Failed.DenominatorIn(p, p.Until));
    public static Expression<Func<Callback, bool>> AttitudeDenominator(Period p) => KpiFacts.OnCallback(CallbackMeasures.Attitude.DenominatorIn(p, p.Until));

    public static async Task<CallbackFigures> MeasureAsync(IQueryable<Callback> callbacks, Period p, DateTimeOffset at, CancellationToken ct = default)
    {
        var rate = new Ratio(await callbacks.CountAsync(RateNumerator(p, at), ct), await callbacks.CountAsync(RateDenominator(p, at), ct));
        var done = await callbacks.CountAsync(DoneIn(p), ct);
        var satisfaction = new Ratio(await callbacks.CountAsync(SatisfactionNumerator(p), ct), await callbacks.CountAsync(SatisfactionDenominator(p), ct));
        return new CallbackFigures(rate, done, satisfaction, await callbacks.CountAsync(Failed(p), ct));
    }
}

/// <summary>Callbacks of a period: the rate over the windows that ended in it, those made in it, satisfaction, failures.</summary>
public sealed record CallbackFigures(Ratio CallbackRate, int Done, Ratio Satisfaction, int Failed);
