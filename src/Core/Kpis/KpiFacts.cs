using System.Linq.Expressions;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Kpis;

/// <summary>
/// The columns of a case that the KPIs read. Every KPI condition is written once over these facts; the database runs
/// it over cases (through <see cref="KpiFacts.OnCase"/>) for reports and drill-down lists, and the rollups compile it
/// and run it over facts loaded once per estate.
/// </summary>
public sealed record CaseFacts
{
    public long Id { get; init; }
    public int EstateId { get; init; }
    public CaseType Type { get; init; }
    public CaseChannel Channel { get; init; }
    public CaseStatus Status { get; init; }
    public ComplaintClass? Class { get; init; }
    public CaseCategory? Category { get; init; }
    public int? DepartmentId { get; init; }
    public CaseLocation Location { get; init; }
    public int? UnitId { get; init; }
    public int? PublicAreaId { get; init; }
    public bool IsTest { get; init; }
    public bool IsMajor { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset FeedbackDueAt { get; init; }
    public DateTimeOffset ResponseDueAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public DateTimeOffset? RespondedAt { get; init; }
    /// <summary>The last agreed deadline: the revised one when there is one.</summary>
    public DateTimeOffset? Deadline { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
    public DateTimeOffset? NextDueAt { get; init; }
    public int ReopenCount { get; init; }
    public int VerificationFailures { get; init; }
}

/// <summary>The columns of a callback that the KPIs read (see <see cref="CaseFacts"/>).</summary>
public sealed class CallbackFacts
{
    public long CaseId { get; init; }
    public int EstateId { get; init; }
    public CallbackStatus Status { get; init; }
    public DateTimeOffset DueUntil { get; init; }
    public DateTimeOffset? DoneAt { get; init; }
    public CallbackOutcome? Outcome { get; init; }
    public int? Overall { get; init; }
    public int? Attitude { get; init; }
    public int? HandledByStaffId { get; init; }
    public int? HandledByDepartmentId { get; init; }
}

public static class KpiFacts
{
    public static readonly Expression<Func<Case, CaseFacts>> FromCase = c => new CaseFacts
    {
        Id = c.Id, EstateId = c.EstateId, Type = c.Type, Channel = c.Channel, Status = c.Status, Class = c.Class, Category = c.Category,
        DepartmentId = c.AssignedDepartmentId, Location = c.Location, UnitId = c.UnitId, PublicAreaId = c.PublicAreaId,
        IsTest = c.IsTest, IsMajor = c.IsMajor, ReceivedAt = c.ReceivedAt, FeedbackDueAt = c.FeedbackDueAt, ResponseDueAt = c.ResponseDueAt,
        AcknowledgedAt = c.AcknowledgedAt, RespondedAt = c.RespondedAt, Deadline = c.RevisedDeadlineAt ?? c.DeadlineAt,
        ResolvedAt = c.ResolvedAt, VerifiedAt = c.VerifiedAt, ClosedAt = c.ClosedAt, EscalatedAt = c.EscalatedAt, NextDueAt = c.NextDueAt,
        ReopenCount = c.ReopenCount, VerificationFailures = c.VerificationFailures,
    };

    public static readonly Expression<Func<Callback, CallbackFacts>> FromCallback = b => new CallbackFacts
    {
        CaseId = b.CaseId, EstateId = b.EstateId, Status = b.Status, DueUntil = b.DueUntil, DoneAt = b.DoneAt, Outcome = b.Outcome,
        Overall = b.Overall, Attitude = b.Attitude, HandledByStaffId = b.HandledByStaffId, HandledByDepartmentId = b.HandledByDepartmentId,
    };

    /// <summary>A condition over case facts as a condition over cases, for the database (and in-memory tests).</summary>
    public static Expression<Func<Case, bool>> OnCase(Expression<Func<CaseFacts, bool>> condition) => Rebind(condition, FromCase);

    public static Expression<Func<Callback, bool>> OnCallback(Expression<Func<CallbackFacts, bool>> condition) => Rebind(condition, FromCallback);

    /// <summary>The facts that fall in a period by the given date, meeting a condition measured at a time.</summary>
    public static Expression<Func<TFacts, bool>> In<TFacts>(Expression<Func<TFacts, DateTimeOffset?>> placedAt, Period p,
        Expression<Func<TFacts, DateTimeOffset, bool>> condition, DateTimeOffset at)
    {
        var f = condition.Parameters[0];
        var date = ExpressionReplacer.Replace(placedAt.Body, placedAt.Parameters[0], f);
        var from = Expression.Constant((DateTimeOffset?)p.From, typeof(DateTimeOffset?));
        var until = Expression.Constant((DateTimeOffset?)p.Until, typeof(DateTimeOffset?));
        var body = Expression.AndAlso(
            Expression.AndAlso(Expression.GreaterThanOrEqual(date, from), Expression.LessThan(date, until)),
            ExpressionReplacer.Replace(condition.Body, condition.Parameters[1], Expression.Constant(at)));
        return Expression.Lambda<Func<TFacts, bool>>(body, f);
    }

    /// <summary>Replaces each read of a facts member by the entity expression the projection binds it to.</summary>
    private static Expression<Func<TEntity, bool>> Rebind<TEntity, TFacts>(Expression<Func<TFacts, bool>> condition, Expression<Func<TEntity, TFacts>> projection)
    {
        var entity = projection.Parameters[0];
        var bindings = ((MemberInitExpression)projection.Body).Bindings.Cast<MemberAssignment>().ToDictionary(b => b.Member.Name, b => b.Expression);
        var body = new ToEntity(condition.Parameters[0], bindings).Visit(condition.Body);
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }

    private sealed class ToEntity(ParameterExpression facts, Dictionary<string, Expression> bindings) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == facts ? bindings[node.Member.Name] : base.VisitMember(node);
    }
}
