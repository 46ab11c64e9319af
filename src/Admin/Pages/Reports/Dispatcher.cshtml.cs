using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Reports;

namespace OwnerPortal.Admin.Pages.Reports;

/// <summary>
/// The dispatcher monthly summary (SPEC 5): the month's figures with each definition, the estate manager's comment
/// and sign-off; once signed it shows the frozen figures. Printable (A4) and as CSV.
/// </summary>
[Authorize(Policy = Policies.Reports)]
public class DispatcherModel(OwnerPortalDbContext db, DispatcherSummary summary, TimeProvider clock, IStringLocalizer<Strings> t) : ReportPage(db, clock)
{
    [BindProperty, StringLength(4000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Admin.Reports.Comment")]
    public string? Comment { get; set; }
    [BindProperty] public uint LoadedVersion { get; set; }

    public DispatcherSummary.View? Summary { get; private set; }
    public bool CanSign => User.StaffRoleOf() == StaffRole.EstateManager;
    [TempData] public string? StatusMessage { get; set; }

    /// <summary>One line of the summary: what, the figure, and how it is computed.</summary>
    public record Line(string Label, string Value, string? Definition, bool Heading = false);
    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Page();
        Comment = Summary!.Report.ManagerComment;
        LoadedVersion = Summary.Report.Version;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? File(Table().ToCsv(), "text/csv; charset=utf-8", $"dispatcher-summary-{SelectedMonth:yyyy-MM}.csv") : NotFound();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        await LoadAsync(ct)
            ? File(Table().ToXlsx(SelectedMonth.ToString("yyyy-MM")), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"dispatcher-summary-{SelectedMonth:yyyy-MM}.xlsx")
            : NotFound();

    /// <summary>The summary as rows for the downloads: the figures, then the comment and the signature.</summary>
    private ReportTable Table()
    {
        var rows = Lines.Select(l => new object?[] { l.Label, l.Value, l.Definition }).ToList();
        if (Summary!.Report.ManagerComment is { } comment) rows.Add([t["Admin.Reports.Comment"].Value, comment, null]);
        if (Summary.Report.SignedAt is { } signed) rows.Add([t["Admin.Reports.SignedBy"].Value, Summary.Report.SignedBy, signed.ToString("u")]);
        return new ReportTable($"{t["Admin.Reports.Dispatcher.Title"]} {EstateName} {SelectedMonth:yyyy-MM}",
            [t["Admin.Reports.Item"], t["Admin.Reports.Figure"], t["Admin.Reports.Definition"]], rows);
    }

    public Task<IActionResult> OnPostCommentAsync(CancellationToken ct) => SaveAsync(sign: false, ct);

    public Task<IActionResult> OnPostSignAsync(CancellationToken ct) => SaveAsync(sign: true, ct);

    private async Task<IActionResult> SaveAsync(bool sign, CancellationToken ct)
    {
        if (!CanSign) return Forbid();
        if (!await LoadAsync(ct)) return NotFound();
        if (Summary!.Report.IsSigned) ModelState.AddModelError(nameof(Comment), t["Admin.Reports.AlreadySigned"]);
        if (sign && string.IsNullOrWhiteSpace(Comment)) ModelState.AddModelError(nameof(Comment), t["Validation.Required", t["Admin.Reports.Comment"]]);
        if (!ModelState.IsValid) return Page();
        if (Summary.Report.Id != 0) Db.Entry(Summary.Report).Property(r => r.Version).OriginalValue = LoadedVersion;
        if (sign) await summary.SignAsync(Summary, Comment, User.FindFirst("name")?.Value ?? "", User.StaffIdOf(), ct);
        else summary.Comment(Summary, Comment);
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // someone else commented or signed meanwhile (or created the row first)
        {
            ModelState.AddModelError(nameof(Comment), t["Admin.Reports.Conflict"]);
            return Page();
        }
        StatusMessage = sign ? "Admin.Reports.Signed" : "Admin.Reports.CommentSaved";
        return RedirectToPage(new { EstateId, Month = SelectedMonth.ToString("yyyy-MM") });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (!await LoadEstateAsync(ct)) return false;
        Summary = await summary.LoadAsync(Estate!.Id, SelectedMonth, ct);
        Lines = LinesOf(Summary.Figures);
        return true;
    }

    private List<Line> LinesOf(DispatcherSummaryFigures f)
    {
        var c = f.Cases;
        string RatioText(Ratio r) => r.Percent is { } pct ? $"{pct:0.0}% ({r.Numerator}/{r.Denominator})" : t["Admin.Reports.NotMeasured"];
        var lines = new List<Line> { new(t["Admin.Reports.Received"], c.Received.ToString(), null, Heading: true) };
        lines.AddRange(Enum.GetValues<CaseType>().Select(type => new Line("　" + t.Enum(type), c.ReceivedByType.GetValueOrDefault(type).ToString(), null)));
        lines.AddRange(Enum.GetValues<CaseChannel>().Select(ch => new Line("　" + t["Admin.Reports.ByChannel", t.Enum(ch)], c.ReceivedByChannel.GetValueOrDefault(ch).ToString(), null)));
        lines.Add(new(t["Kpi.FeedbackTimeliness"], RatioText(c.FeedbackTimeliness), t["Kpi.FeedbackTimeliness.Definition"]));
        lines.Add(new(t["Kpi.ResponseWithinWorkingDay"], RatioText(c.ResponseWithinWorkingDay), t["Kpi.ResponseWithinWorkingDay.Definition"]));
        lines.Add(new(t["Kpi.HandlingTimeliness"], RatioText(c.HandlingTimeliness), t["Kpi.HandlingTimeliness.Definition"]));
        lines.Add(new(t["Kpi.VerificationPassRate"], RatioText(c.VerificationPassRate), t["Kpi.VerificationPassRate.Definition"]));
        lines.Add(new(t["Kpi.ComplaintClosureRate"], RatioText(c.ComplaintClosureRate), t["Kpi.ComplaintClosureRate.Definition"]));
        lines.Add(new(t["Kpi.FirstTimeFix"], RatioText(c.FirstTimeFix), t["Kpi.FirstTimeFix.Definition"]));
        if (f.Callbacks is { } b)
        {
            lines.Add(new(t["Kpi.CallbackRate"], RatioText(b.CallbackRate), t["Kpi.CallbackRate.Definition"]));
            lines.Add(new(t["Admin.Reports.CallbacksDone"], b.Done.ToString(), t["Admin.Reports.CallbacksDone.Definition"]));
            lines.Add(new(t["Kpi.CallbackSatisfaction"], RatioText(b.Satisfaction), t["Kpi.CallbackSatisfaction.Definition"]));
            lines.Add(new(t["Admin.Reports.CallbacksFailed"], b.Failed.ToString(), t["Admin.Reports.CallbacksFailed.Definition"]));
        }
        lines.Add(new(t["Admin.Reports.StillOpen"], c.StillOpen.ToString(), t["Admin.Reports.StillOpen.Definition"]));
        lines.Add(new(t["Admin.Reports.Overdue"], c.Overdue.ToString(), t["Admin.Reports.Overdue.Definition"]));
        return lines;
    }
}
