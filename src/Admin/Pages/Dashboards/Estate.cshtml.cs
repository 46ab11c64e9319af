using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Admin.Pages.Dashboards;

/// <summary>
/// The estate dashboard (SPEC 6): KPI tiles with targets and traffic lights, monthly trends with the target line,
/// cases by type, category, class and channel, times to acknowledge and close, backlog by age, overdue, escalated and
/// repeat counts, attitude per department and staff member, survey items; every number opens its cases. An estate
/// manager sees their estate; the quality office and leadership choose one.
/// </summary>
[Authorize(Policy = Policies.Dashboards)]
public class EstateModel([FromKeyedServices(StaleReads.Key)] OwnerPortalDbContext db, DashboardData data, TimeProvider clock, IStringLocalizer<Strings> t)
    : DashboardPage(db, data, clock, t)
{
    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }

    public string EstateName { get; private set; } = "";
    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];
    public bool Loaded { get; private set; }
    /// <summary>An estate's staff asked for another estate (an old or shared link): they are told they see their own.</summary>
    public bool OtherEstateRefused { get; private set; }
    protected override object? ExportValues => new { EstateId };
    protected override int? ShownEstateId => EstateId;

    private async Task<bool> LoadEstateAsync(CancellationToken ct)
    {
        // Estate staff always see their own estate; the query filters would hide any other anyway.
        OtherEstateRefused = User.EstateIdOf() is { } own && EstateId is { } asked && asked != own;
        EstateId = User.EstateIdOf() ?? EstateId;
        var estate = EstateId is null ? null : await Db.Estates.AsNoTracking().Where(e => e.Id == EstateId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (estate is null)
        {
            EstateId = null;
            Estates = await Db.Estates.AsNoTracking().OrderBy(e => e.Id).Select(e => new ValueTuple<int, string>(e.Id, e.Name)).ToListAsync(ct);
            return false;
        }
        EstateName = estate.Name;
        await LoadAsync(await ZoneOfAsync(Db, estate.Id, ct), ct);
        return Loaded = true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // "Every estate" picked in the filters: the company dashboard, same filters.
        if (EstateId is null && Request.Query.ContainsKey(nameof(EstateId)) && User.EstateIdOf() is null)
            return Redirect(LinkWithFilters("/Dashboards/Company"));
        await LoadEstateAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken ct) =>
        await LoadEstateAsync(ct) ? Export(format, $"{T["Admin.Dashboard.Title"]} · {EstateName} · {PeriodLabel}", $"dashboard-estate-{EstateId}-{Filter.First:yyyy-MM}-{Filter.Last:yyyy-MM}") : NotFound();
}
