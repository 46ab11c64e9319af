using Microsoft.AspNetCore.Identity;

namespace OwnerPortal.Core.Identity;

/// <summary>
/// A sign-in account: an owner/resident (linked from <see cref="Domain.People.Person.UserId"/>) or a staff member
/// (linked from <see cref="Domain.People.Staff.UserId"/>). The Portal is the identity provider for both.
/// </summary>
public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    /// <summary>Set for staff accounts an administrator created: the first sign-in must choose a new password.</summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A signing or encryption certificate of the OpenID Connect server, kept so every instance and restart uses the same keys.</summary>
public class ServerKey
{
    public int Id { get; set; }
    public required string Use { get; set; }
    public required byte[] Pfx { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
