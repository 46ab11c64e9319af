using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>
/// The printable work order (A4) the worker takes along: estate, case reference, unit, the owner's name and full
/// phone (staff only: the paper is for the worker), the fault, worker, materials, quote and signature lines.
/// Opens the order given, else the case's latest.
/// </summary>
[Authorize(Policy = Policies.DepartmentWork)]
public class WorkOrderModel(OwnerPortalDbContext db) : PageModel
{
    public Case Case { get; private set; } = null!;
    public WorkOrder? Order { get; private set; }
    public string Estate { get; private set; } = "";
    public string? Place { get; private set; }
    public string? Department { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = LocalTime.Zone(null);

    public async Task<IActionResult> OnGetAsync(long id, long? order, CancellationToken ct)
    {
        var found = await db.Cases.AsNoTracking().Include(c => c.WorkOrders).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (found is null) return NotFound(); // outside this staff member's estate, or no such case
        Case = found;
        Order = order is { } o ? found.WorkOrders.FirstOrDefault(w => w.Id == o)
            : found.WorkOrders.OrderByDescending(w => w.IssuedAt).ThenByDescending(w => w.Id).FirstOrDefault();
        if (order is not null && Order is null) return NotFound();
        var estate = await db.Estates.Where(e => e.Id == found.EstateId).Select(e => new { e.Name, e.TimeZone }).SingleAsync(ct);
        (Estate, Zone) = (estate.Name, LocalTime.Zone(estate.TimeZone));
        Place = await CasePlace.NameAsync(db, found, ct);
        Department = await db.Departments.Where(d => d.Id == found.AssignedDepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct);
        return Page();
    }
}
