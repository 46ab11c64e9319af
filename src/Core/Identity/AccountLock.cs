namespace OwnerPortal.Core.Identity;

/// <summary>
/// An account an administrator deactivated is locked out with no end. It is told apart from the short lock-out after
/// wrong passwords, which a password reset lifts: a reset must not lift a deactivation.
/// </summary>
public static class AccountLock
{
    /// <summary>The lock-out end of a deactivated account (stored by PostgreSQL as 'infinity').</summary>
    public static readonly DateTimeOffset Deactivated = DateTimeOffset.MaxValue;

    public static bool IsDeactivated(AppUser user) => user.LockoutEnd is { } end && end.UtcDateTime.Year >= 9999;
}
