using Microsoft.AspNetCore.Identity;

namespace OwnerPortal.Core.Identity;

/// <summary>
/// Account rules both sites apply: the Portal, where people sign in and choose passwords, and the Admin, where
/// administrators create staff accounts. One definition, so a password the Admin issues is one the Portal accepts.
/// </summary>
public static class AccountRules
{
    public static void Apply(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Password.RequiredLength = 8;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireDigit = true;
    }
}
