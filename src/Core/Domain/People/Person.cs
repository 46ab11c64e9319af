namespace OwnerPortal.Core.Domain.People;

/// <summary>An owner, co-owner, resident/tenant or family member. May be linked to several units.</summary>
public class Person : IAuditable
{
    public int Id { get; set; }
    public required string FullName { get; set; }
    public required string Phone { get; set; }
    public string? Email { get; set; }
    /// <summary>The portal account of this person, once they have one.</summary>
    public string? UserId { get; set; }
    /// <summary>Whether the person wants the non-essential case mails (each planning and progress step).</summary>
    public bool MailOnProgress { get; set; } = true;
    /// <summary>The language of this person's mails (a SiteCultures name): from the browser at registration, then their choice.</summary>
    public string Language { get; set; } = Localization.SiteCultures.DefaultName;
    /// <summary>Large text and simple pages in the Portal (issue #18 item 12): bigger text and controls, secondary content hidden.</summary>
    public bool LargeText { get; set; }
    /// <summary>The unit the person is acting for in the Portal when they hold several.</summary>
    public int? ActiveUnitId { get; set; }
    public List<UnitMembership> Units { get; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }
}

public enum UnitRelation { Owner, CoOwner, Resident, Family }

/// <summary>A person's link to a unit. Revoked links are kept (with when) rather than deleted.</summary>
public class UnitMembership
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int UnitId { get; set; }
    public UnitRelation Relation { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
    public Estates.Unit? Unit { get; set; }
}

/// <summary>Membership of an estate's owners' committee (业主委员会).</summary>
public class CommitteeMembership
{
    public int Id { get; set; }
    public int PersonId { get; set; }
    public int EstateId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? Until { get; set; }
}
