using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Admin.Pages.Staff;

/// <summary>Every staff member of the company, company-level first, then estate by estate.</summary>
[Authorize(Policy = Policies.SystemAdmin)]
public class IndexModel(OwnerPortalDbContext db) : PageModel
{
    private const int PageSize = 50;
    /// <summary>The estate filter's value for staff without an estate.</summary>
    public const string Company = "company";

    [BindProperty(SupportsGet = true)] public string? Estate { get; set; }
    [BindProperty(SupportsGet = true)] public StaffRole? Role { get; set; }
    [TempData] public string? StatusMessage { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<StaffChoices.EstateOption> Estates { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public record Row(int Id, string FullName, string Email, string MaskedPhone, StaffRole Role, string? EstateName,
        DepartmentKind? Department, bool IsActive);

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        Estates = (await StaffChoices.LoadAsync(db, ct)).Estates;
        var query = db.Staff.AsNoTracking();
        if (Estate == Company) query = query.Where(s => s.EstateId == null);
        else if (int.TryParse(Estate, out var estateId)) query = query.Where(s => s.EstateId == estateId);
        if (Role is { } role) query = query.Where(s => s.Role == role);

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(p, 1, PageCount);
        var rows = await query
            .OrderBy(s => s.EstateId != null).ThenBy(s => s.EstateId).ThenBy(s => s.Role).ThenBy(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(s => new
            {
                s.Id, s.FullName, s.Email, s.Phone, s.Role, s.IsActive,
                EstateName = db.Estates.Where(e => e.Id == s.EstateId).Select(e => e.Name).FirstOrDefault(),
                Department = db.Departments.Where(d => d.Id == s.DepartmentId).Select(d => (DepartmentKind?)d.Kind).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Rows = rows.Select(s => new Row(s.Id, s.FullName, s.Email, PersonalData.MaskPhone(s.Phone), s.Role, s.EstateName,
            s.Department, s.IsActive)).ToList();
    }

    /// <summary>This list's address with the filters kept and another page.</summary>
    public string PageUrl(int page) => Url.Page("Index", new { estate = Estate, role = Role, p = page })!;
}
