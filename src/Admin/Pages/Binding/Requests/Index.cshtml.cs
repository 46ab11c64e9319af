using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Admin.Pages.Binding.Requests;

/// <summary>Pending link requests of the clerk's estate, oldest first, with the people already linked to each unit.</summary>
[Authorize(Policy = Policies.EstateOffice)]
public class IndexModel(OwnerPortalDbContext db) : PageModel
{
    private const int Shown = 100;

    public IReadOnlyList<LinkRequestRows.Row> Rows { get; private set; } = [];
    public int PendingCount { get; private set; }
    public bool ManyEstates { get; private set; }
    [TempData] public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pending = db.UnitLinkRequests.Where(r => r.Status == LinkRequestStatus.Pending);
        PendingCount = await pending.CountAsync(ct);
        Rows = await LinkRequestRows.LoadAsync(db, pending.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Take(Shown), ct);
        ManyEstates = await db.Estates.CountAsync(ct) > 1;
    }
}
