using System.Linq.Expressions;

namespace OwnerPortal.Core.Domain.Cases;

/// <summary>
/// SPEC 2, class 2 complaints: while a forwarding to the developer is unanswered the case waits on the developer, so
/// its lateness is not the estate's. The workbench's overdue queue, the estate overview and the 7-day escalation sweep
/// leave such cases out; KPIs should use the same predicates. The state is kept in one column,
/// <see cref="Case.WaitingOnDeveloperSince"/>, which <see cref="Case"/> maintains from its forwardings.
/// </summary>
public static class CaseWaiting
{
    /// <summary>The case waits on the developer now.</summary>
    public static readonly Expression<Func<Case, bool>> IsWaitingOnDeveloper = c => c.WaitingOnDeveloperSince != null;

    /// <summary>The case does not wait on the developer: its due times are the estate's to keep.</summary>
    public static readonly Expression<Func<Case, bool>> IsNotWaitingOnDeveloper = c => c.WaitingOnDeveloperSince == null;

    /// <summary><paramref name="predicate"/> and not waiting on the developer, as one expression EF translates.</summary>
    public static Expression<Func<Case, bool>> AndNotWaitingOnDeveloper(Expression<Func<Case, bool>> predicate)
    {
        var c = predicate.Parameters[0];
        var notWaiting = ExpressionReplacer.Replace(IsNotWaitingOnDeveloper.Body, IsNotWaitingOnDeveloper.Parameters[0], c);
        return Expression.Lambda<Func<Case, bool>>(Expression.AndAlso(predicate.Body, notWaiting), c);
    }


    /// <summary>When the earliest unanswered forwarding was made; null when every forwarding has its answer.</summary>
    public static DateTimeOffset? WaitingSince(IEnumerable<DeveloperForwarding> forwardings) =>
        forwardings.Where(f => !f.IsAnswered).Select(f => (DateTimeOffset?)f.ForwardedAt).Min();

    /// <summary>
    /// How long the case waited on the developer within [<paramref name="from"/>, <paramref name="to"/>): the union of the
    /// forwarding-to-answer intervals (an unanswered one lasts until <paramref name="to"/>), overlaps counted once. For KPIs
    /// that measure the estate's own handling time.
    /// </summary>
    public static TimeSpan WaitedWithin(IEnumerable<DeveloperForwarding> forwardings, DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? start = null, end = null;
        foreach (var (s, e) in forwardings
                     .Select(f => (Start: Max(f.ForwardedAt, from), End: Min(f.AnsweredAt ?? to, to)))
                     .Where(i => i.End > i.Start).OrderBy(i => i.Start))
        {
            if (end is { } open && s <= open) { if (e > open) end = e; continue; }
            if (start is { } a && end is { } b) total += b - a;
            (start, end) = (s, e);
        }
        if (start is { } x && end is { } y) total += y - x;
        return total;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
