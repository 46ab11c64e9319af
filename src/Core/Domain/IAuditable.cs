namespace OwnerPortal.Core.Domain;

/// <summary>Created/updated fields, filled in one place by <see cref="Data.AuditInterceptor"/>.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string? CreatedBy { get; set; }
    string? UpdatedBy { get; set; }
}
