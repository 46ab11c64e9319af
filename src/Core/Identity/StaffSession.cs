using System.Globalization;
using System.Security.Claims;
using OwnerPortal.Core.Domain.People;

namespace OwnerPortal.Core.Identity;

/// <summary>The staff record as it is now, to compare a signed-in session with.</summary>
public sealed record StaffRecord(StaffRole Role, int? EstateId, string? SecurityStamp);

public enum StaffSessionVerdict { Keep, Rescope, SignOut }

/// <summary>
/// Whether an Admin session still matches its staff record: gone or deactivated, or a new password (security stamp)
/// ends it; a new role or estate re-scopes it in place.
/// </summary>
public static class StaffSession
{
    /// <summary>The account's security stamp at sign-in (Identity changes it with the password).</summary>
    public const string StampClaim = "op:security_stamp";

    public static StaffSessionVerdict Check(ClaimsPrincipal session, StaffRecord? current)
    {
        if (current is null) return StaffSessionVerdict.SignOut;
        if (current.SecurityStamp is not null && session.FindFirstValue(StampClaim) != current.SecurityStamp)
            return StaffSessionVerdict.SignOut;
        return session.StaffRoleOf() == current.Role && session.EstateIdOf() == current.EstateId
            ? StaffSessionVerdict.Keep
            : StaffSessionVerdict.Rescope;
    }

    /// <summary>The session with the record's role and estate in place of the ones it signed in with.</summary>
    public static ClaimsPrincipal Rescope(ClaimsPrincipal session, StaffRecord current)
    {
        var identity = ((ClaimsIdentity)session.Identity!).Clone();
        foreach (var claim in identity.FindAll(c => c.Type is AppClaims.StaffRole or AppClaims.EstateId).ToList())
            identity.RemoveClaim(claim);
        identity.AddClaim(new Claim(AppClaims.StaffRole, current.Role.ToString()));
        if (current.EstateId is { } estate)
            identity.AddClaim(new Claim(AppClaims.EstateId, estate.ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(identity);
    }
}
