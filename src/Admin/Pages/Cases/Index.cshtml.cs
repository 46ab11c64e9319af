using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Cases;

/// <summary>Cases of the staff member's estate (all estates for company level) by status, most urgent first.</summary>
[Authorize(Policy = Policies.Staff)]
public class IndexModel(OwnerPortalDbContext db) : PageModel
{
    public const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public CaseStatus Status { get; set; } = CaseStatus.Received;
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public record Row(long Id, string Reference, string Estate, CaseType Type, CaseStatus Status, string Reporter, string Phone,
        string Description, DateTimeOffset ReceivedAt, DateTimeOffset? NextDueAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public TimeZoneInfo Zone { get; } = LocalTime.Zone(null);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Cases.AsNoTracking().Where(c => !c.IsTest);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().ToUpperInvariant();
            query = query.Where(c => c.Reference == q);
        }
        else query = query.Where(c => c.Status == Status);
        var rows = await query.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id).Take(PageSize)
            .Select(c => new { c.Id, c.Reference, Estate = db.Estates.Where(e => e.Id == c.EstateId).Select(e => e.Name).First(), c.Type, c.Status,
                c.ReporterName, c.ReporterPhone, c.Description, c.ReceivedAt, c.NextDueAt })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.Reference, r.Estate, r.Type, r.Status, r.ReporterName, PersonalData.MaskPhone(r.ReporterPhone),
            r.Description, r.ReceivedAt, r.NextDueAt)).ToList();
    }
}
