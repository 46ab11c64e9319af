using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Admin.Pages.Hotline;

/// <summary>The daily hotline report for a chosen day (company time zone): printable on A4, and as a CSV download.</summary>
[Authorize(Policy = Policies.QualityOffice)]
public class ReportModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : PageModel
{
    /// <summary>The local day reported; today when not given.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? Day { get; set; }
    public HotlineReport Report { get; private set; } = null!;
    public TimeZoneInfo Zone { get; } = LocalTime.Zone(null);

    public async Task OnGetAsync(CancellationToken ct) => Report = await BuildAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var report = await BuildAsync(ct);
        var text = report.ToCsv(Zone, key => t[key]);
        // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"hotline-{report.Day:yyyy-MM-dd}.csv");
    }

    private async Task<HotlineReport> BuildAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = Day ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        Day = day;
        var (from, to) = HotlineReport.DayRange(day, Zone);
        var rows = await HotlineDesk.LoadAsync(db, db.HotlineTickets.Where(x => x.ReceivedAt >= from && x.ReceivedAt < to), now, ct);
        return HotlineReport.Build(day, rows, now);
    }
}
