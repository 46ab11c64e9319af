using System.Linq.Expressions;

namespace OwnerPortal.Core;

/// <summary>Replaces one node of an expression tree by another (a lambda's parameter by another's, or by a value).</summary>
internal sealed class ExpressionReplacer(Expression from, Expression to) : ExpressionVisitor
{
    public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);

    public static Expression Replace(Expression body, Expression from, Expression to) => new ExpressionReplacer(from, to).Visit(body)!;
}
