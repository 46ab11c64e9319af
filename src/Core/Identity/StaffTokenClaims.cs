namespace OwnerPortal.Core.Identity;

/// <summary>
/// Claim names in the tokens the Portal issues to the Admin. The Admin reads the role and estate claim names from
/// configuration (Oidc:RoleClaim, Oidc:EstateClaim), so another provider may use its own names.
/// </summary>
public static class StaffTokenClaims
{
    public const string Role = "role";
    /// <summary>The estate's code (e.g. HY); absent for company-level staff.</summary>
    public const string Estate = "estate";
    public const string EstateScope = "estate";
}
