using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Core.Identity;

/// <summary>Identity's validation messages in the user's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Strings> t) : IdentityErrorDescriber
{
    private IdentityError E(string code, string key, params object[] args) => new() { Code = code, Description = t[key, args] };
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), "Identity.DuplicateEmail");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), "Identity.DuplicateEmail");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), "Identity.InvalidEmail");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), "Identity.PasswordTooShort", length);
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Identity.PasswordRequiresDigit");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Identity.PasswordMismatch");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "Identity.InvalidToken");
}
