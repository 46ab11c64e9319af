using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Admin.Pages.Structure;

/// <summary>
/// The estate a structure page works on. Estate staff always work on their own (the query filters would hide any
/// other anyway); company-level staff pick one, carried in the <c>estate</c> query value.
/// </summary>
public sealed record EstateChoice(IReadOnlyList<EstateChoice.Option> Options, int? Current, string PagePath)
{
    public sealed record Option(int Id, string Code, string Name);

    public static int? EstateFor(ClaimsPrincipal user, int? picked) => user.EstateIdOf() ?? picked;

    /// <summary>The list to pick from, for company-level staff only; null for estate staff.</summary>
    public static async Task<EstateChoice?> ForAsync(ClaimsPrincipal user, OwnerPortalDbContext db, int? current, string pagePath, CancellationToken ct)
    {
        if (user.EstateIdOf() is not null) return null;
        var options = await db.Estates.AsNoTracking().OrderBy(e => e.Code)
            .Select(e => new Option(e.Id, e.Code, e.Name)).ToListAsync(ct);
        return new EstateChoice(options, current, pagePath);
    }
}
