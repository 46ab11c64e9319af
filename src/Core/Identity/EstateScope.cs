namespace OwnerPortal.Core.Identity;

/// <summary>
/// Which estate's records the current user may see. The Admin supplies one per request from the signed-in staff
/// member; <see cref="Data.OwnerPortalDbContext"/> turns it into query filters, so every staff query is scoped in
/// one place. Without one (Portal, tools, tests) nothing is filtered by estate.
/// </summary>
public interface IEstateScope
{
    /// <summary>False for company-level staff: they see every estate.</summary>
    bool IsRestricted { get; }
    /// <summary>The one estate a restricted user sees (null while restricted means: none).</summary>
    int? EstateId { get; }
}
