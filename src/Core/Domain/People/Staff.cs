namespace OwnerPortal.Core.Domain.People;

/// <summary>SPEC 1 staff roles. Company-level roles have no estate.</summary>
public enum StaffRole { Dispatcher, DepartmentSupervisor, EstateManager, QualityOffice, Leadership, SystemAdmin }

public class Staff : IAuditable
{
    public int Id { get; set; }
    public required string FullName { get; set; }
    public required string Email { get; set; }
    public required string Phone { get; set; }
    public StaffRole Role { get; set; }
    /// <summary>Null for company-level staff (quality office, leadership, system administrators).</summary>
    public int? EstateId { get; set; }
    public int? DepartmentId { get; set; }
    public string? UserId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>The language of this staff member's mails: the one they last chose in the Admin.</summary>
    public string Language { get; set; } = Localization.SiteCultures.DefaultName;

    public bool IsCompanyLevel => EstateId is null;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }
}
