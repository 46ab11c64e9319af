using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Domain.Callbacks;

namespace OwnerPortal.Core.Kpis;

/// <summary>
/// SPEC 7 callback KPIs, defined once over <see cref="Callback"/> rows. A callback is due by policy when the policy
/// selected it (due, done or unreachable; a round replaced by a later one after a reopen does not count).
/// </summary>
public static class CallbackKpis
{
    // 回访率: due callbacks done within their window, of the callbacks due whose window ended in the period.
    public static Expression<Func<Callback, bool>> RateDenominator(Period p, DateTimeOffset at) =>
        b => (b.Status == CallbackStatus.Due || b.Status == CallbackStatus.Done || b.Status == CallbackStatus.Unreachable)
             && b.DueUntil >= p.From && b.DueUntil < p.Until && b.DueUntil <= at;
    public static Expression<Func<Callback, bool>> RateNumerator(Period p, DateTimeOffset at) =>
        b => b.Status == CallbackStatus.Done && b.DoneAt <= b.DueUntil
             && b.DueUntil >= p.From && b.DueUntil < p.Until && b.DueUntil <= at;

    // 回访满意率: callbacks made in the period rated 4-5 overall, of those with an overall rating (unreachable excluded).
    public static Expression<Func<Callback, bool>> SatisfactionDenominator(Period p) =>
        b => b.Status == CallbackStatus.Done && b.Overall != null && b.DoneAt >= p.From && b.DoneAt < p.Until;
    public static Expression<Func<Callback, bool>> SatisfactionNumerator(Period p) =>
        b => b.Status == CallbackStatus.Done && b.Overall >= 4 && b.DoneAt >= p.From && b.DoneAt < p.Until;

    /// <summary>Failed callbacks (SPEC 5 flags): made in the period, answered "not fixed" or rated 1-2 overall.</summary>
    public static Expression<Func<Callback, bool>> Failed(Period p) =>
        b => b.Status == CallbackStatus.Done && b.DoneAt >= p.From && b.DoneAt < p.Until
             && (b.Outcome == CallbackOutcome.NotFixed || b.Overall <= 2);

    public static async Task<CallbackFigures> MeasureAsync(IQueryable<Callback> callbacks, Period p, DateTimeOffset at, CancellationToken ct = default)
    {
        var rate = new Ratio(await callbacks.CountAsync(RateNumerator(p, at), ct), await callbacks.CountAsync(RateDenominator(p, at), ct));
        var done = await callbacks.CountAsync(b => b.Status == CallbackStatus.Done && b.DoneAt >= p.From && b.DoneAt < p.Until, ct);
        var satisfaction = new Ratio(await callbacks.CountAsync(SatisfactionNumerator(p), ct), await callbacks.CountAsync(SatisfactionDenominator(p), ct));
        return new CallbackFigures(rate, done, satisfaction, await callbacks.CountAsync(Failed(p), ct));
    }
}

/// <summary>Callbacks of a period: the rate over the windows that ended in it, those made in it, satisfaction, failures.</summary>
public sealed record CallbackFigures(Ratio CallbackRate, int Done, Ratio Satisfaction, int Failed);
