using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Reports;

/// <summary>What every monthly report page shares: the estate (company-level staff choose it) and the month.</summary>
public abstract class ReportPage(OwnerPortalDbContext db, TimeProvider clock) : PageModel
{
    protected OwnerPortalDbContext Db { get; } = db;
    protected TimeProvider Clock { get; } = clock;

    [BindProperty(SupportsGet = true)] public int? EstateId { get; set; }
    /// <summary>yyyy-MM; last month when not given.</summary>
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public IReadOnlyList<(int Id, string Name)> Estates { get; private set; } = [];
    public Estate? Estate { get; private set; }
    public string EstateName => Estate?.Name ?? "";
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public DateOnly SelectedMonth { get; private set; }
    public IReadOnlyList<DateOnly> Months { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>False when the estate is still to be chosen (or is not this user's).</summary>
    protected async Task<bool> LoadEstateAsync(CancellationToken ct)
    {
        var id = User.EstateIdOf() ?? EstateId;
        Estate = id is null ? null : await Db.Estates.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (Estate is null)
        {
            Estates = await Db.Estates.AsNoTracking().OrderBy(e => e.Id).Select(e => new ValueTuple<int, string>(e.Id, e.Name)).ToListAsync(ct);
            return false;
        }
        EstateId = Estate.Id;
        Zone = await EstateTime.ZoneAsync(Db, Estate.Id, ct);
        Today = EstateTime.Today(Clock, Zone);
        var thisMonth = new DateOnly(Today.Year, Today.Month, 1);
        Months = Enumerable.Range(0, 13).Select(i => thisMonth.AddMonths(-i)).ToList();
        SelectedMonth = CalendarRange.ParseMonth(Month) is { } m && m <= thisMonth ? m : thisMonth.AddMonths(-1);
        Month = SelectedMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }
}
