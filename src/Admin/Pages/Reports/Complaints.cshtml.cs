using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Reports;

namespace OwnerPortal.Admin.Pages.Reports;

/// <summary>
/// The monthly complaint and suggestion summaries, or the quarterly complaint analysis (required for estates over
/// 100,000 m²) with the previous quarter beside it. Printable, CSV and XLSX from the same rows.
/// </summary>
[Authorize(Policy = Policies.Reports)]
public class ComplaintsModel(OwnerPortalDbContext db, TimeProvider clock, IStringLocalizer<Strings> t) : ReportPage(db, clock)
{
    [BindProperty(SupportsGet = true)] public bool Quarter { get; set; }
    public ReportTable? Complaints { get; private set; }
    public ReportTable? Suggestions { get; private set; }
    public bool QuarterlyRequired => Estate?.FloorAreaM2 > CaseStatistics.QuarterlyAnalysisFloorArea;
    public string PeriodLabel { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? File(Combined().ToCsv(), "text/csv; charset=utf-8", FileName("csv")) : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? File(Combined().ToXlsx(PeriodLabel), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx")) : NotFound();

    private string FileName(string ext) => $"complaints-{(Quarter ? "quarter-" : "")}{SelectedMonth:yyyy-MM}.{ext}";

    private ReportTable Combined() => new($"{EstateName} {PeriodLabel}", Complaints!.Columns,
        [.. Complaints.Rows, [], [Suggestions!.Title], .. Suggestions.Rows]);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return false;
        var quarterStart = new DateOnly(SelectedMonth.Year, (SelectedMonth.Month - 1) / 3 * 3 + 1, 1);
        var period = Quarter ? CaseStatistics.Quarter(SelectedMonth, Zone) : Period.Month(SelectedMonth, Zone);
        var previous = Quarter ? CaseStatistics.Quarter(quarterStart.AddMonths(-3), Zone) : Period.Month(SelectedMonth.AddMonths(-1), Zone);
        PeriodLabel = Quarter ? t["Admin.Reports.QuarterLabel", quarterStart.Year, (quarterStart.Month + 2) / 3] : SelectedMonth.ToString(t["Notices.MonthFormat"]);
        var cases = Db.Cases.Where(c => c.EstateId == EstateId);
        var departments = Db.Departments.Where(d => d.EstateId == EstateId);
        var now = Clock.GetUtcNow();
        var current = await CaseStatistics.ComplaintsAsync(cases, departments, period, now, ct);
        var before = await CaseStatistics.ComplaintsAsync(cases, departments, previous, now, ct);

        string Pct(Ratio r) => r.Percent is { } p ? $"{p:0.0}%" : "—";
        List<object?[]> rows =
        [
            [t["Admin.Reports.ComplaintsReceived"].Value, current.Received, before.Received],
            [t["Admin.Reports.ComplaintsClosed"].Value, current.Closed, before.Closed],
            [t["Kpi.HandlingTimeliness"].Value, Pct(current.HandlingTimeliness), Pct(before.HandlingTimeliness)],
            [t["Admin.Reports.Major"].Value, current.Major, before.Major],
            [t["Admin.Reports.Escalated"].Value, current.Escalated, before.Escalated],
            [t["Admin.Reports.ByCategory"].Value, null, null],
        ];
        rows.AddRange(Enum.GetValues<CaseCategory>().Select(c => new object?[] { "　" + t.Enum(c), current.ByCategory[c], before.ByCategory[c] }));
        rows.Add(["　" + t["Notices.Monthly.Unclassified"].Value, current.Unclassified, before.Unclassified]);
        rows.Add([t["Admin.Reports.ByClass"].Value, null, null]);
        rows.AddRange(Enum.GetValues<ComplaintClass>().Select(c => new object?[] { "　" + t.Enum(c), current.ByClass[c], before.ByClass[c] }));
        rows.Add([t["Admin.Reports.ByDepartment"].Value, null, null]);
        var beforeByDepartment = before.ByDepartment.ToDictionary(d => d.Department, d => d.Count);
        rows.AddRange(current.ByDepartment.Select(d => new object?[] { "　" + (d.Department == "" ? t["Admin.Reports.NotAssigned"].Value : d.Department), d.Count, beforeByDepartment.GetValueOrDefault(d.Department) }));
        var previousLabel = Quarter ? t["Admin.Reports.PreviousQuarter"].Value : t["Admin.Reports.PreviousMonth"].Value;
        Complaints = new ReportTable(t["Admin.Reports.Complaints.Heading"], [t["Admin.Reports.Item"], PeriodLabel, previousLabel], rows);

        var s = await CaseStatistics.SuggestionsAsync(cases, period, ct);
        var sp = await CaseStatistics.SuggestionsAsync(cases, previous, ct);
        List<object?[]> suggestionRows =
        [
            [t["Admin.Reports.SuggestionsReceived"].Value, s.Received, sp.Received],
            [t["Admin.Reports.Adopted"].Value, s.Adopted, sp.Adopted],
            [t["Admin.Reports.NotAdopted"].Value, s.NotAdopted, sp.NotAdopted],
            [t["Admin.Reports.Pending"].Value, s.Pending, sp.Pending],
        ];
        suggestionRows.AddRange(Enum.GetValues<CaseCategory>().Where(c => s.ByCategory[c] + sp.ByCategory[c] > 0)
            .Select(c => new object?[] { "　" + t.Enum(c), s.ByCategory[c], sp.ByCategory[c] }));
        Suggestions = new ReportTable(t["Admin.Reports.Suggestions.Heading"], [t["Admin.Reports.Item"], PeriodLabel, previousLabel], suggestionRows);
        return true;
    }
}
