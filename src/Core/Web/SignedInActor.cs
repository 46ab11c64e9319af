using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Core.Web;

/// <summary>
/// The audit columns' "who" for a request: the owner (person id) or staff member (staff id) signed in, by id rather than
/// name so that a renamed person stays traceable and no name is copied into every row; null for background work.
/// A singleton like the interceptor that reads it: it reads the current request through the accessor.
/// </summary>
public sealed class SignedInActor(IHttpContextAccessor http) : ICurrentActorName
{
    public string? Name => Of(http.HttpContext?.User);

    public static string? Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true) return null;
        // The Portal acts for the person (a staff member who owns a flat files as an owner there); the Admin's
        // principal carries no person id.
        if (user.FindFirstValue(AppClaims.PersonId) is { } person) return "person:" + person;
        if (user.FindFirstValue(AppClaims.StaffId) is { } staff) return "staff:" + staff;
        return user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId ? "user:" + userId : null;
    }
}
