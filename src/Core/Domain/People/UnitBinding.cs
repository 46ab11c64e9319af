namespace OwnerPortal.Core.Domain.People;

/// <summary>
/// A one-time code the estate office prints for a unit. Whoever enters it is linked to the unit.
/// Only a hash is stored; the code itself exists on the printed letter.
/// </summary>
public class BindingCode
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int? CreatedByStaffId { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public int? UsedByPersonId { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

public enum LinkRequestStatus { Pending, Approved, Rejected, Withdrawn }

/// <summary>An owner's request to be linked to a unit, decided by customer service.</summary>
public class UnitLinkRequest
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int UnitId { get; set; }
    public UnitRelation Relation { get; set; }
    public string? Note { get; set; }
    public LinkRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int? DecidedByStaffId { get; set; }
    public string? Reason { get; set; }
}
