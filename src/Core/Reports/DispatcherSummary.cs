using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Kpis;

namespace OwnerPortal.Core.Reports;

/// <summary>The dispatcher monthly summary's figures (SPEC 5, 000 3.5.5), as measured at <see cref="MeasuredAt"/>.</summary>
/// <param name="Callbacks">Null in summaries signed before callbacks were recorded.</param>
public sealed record DispatcherSummaryFigures(DateTimeOffset MeasuredAt, CaseFigures Cases, CallbackFigures? Callbacks = null);

/// <summary>
/// The dispatcher monthly summary of one estate and month: computed from the cases while open, frozen when the estate
/// manager signs it (the figures of that moment are stored with the report; later case edits do not change it).
/// </summary>
public sealed class DispatcherSummary(OwnerPortalDbContext db, TimeProvider clock)
{
    public sealed record View(MonthlyReport Report, DispatcherSummaryFigures Figures);

    public async Task<View> LoadAsync(int estateId, DateOnly month, CancellationToken ct = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var report = await db.MonthlyReports.FirstOrDefaultAsync(r => r.EstateId == estateId && r.Kind == ReportKind.DispatcherSummary && r.Month == month, ct)
                     ?? new MonthlyReport { EstateId = estateId, Kind = ReportKind.DispatcherSummary, Month = month };
        var figures = report.FrozenFigures is { } frozen
            ? JsonSerializer.Deserialize<DispatcherSummaryFigures>(frozen)!
            : await MeasureAsync(estateId, month, ct);
        return new View(report, figures);
    }

    public async Task<DispatcherSummaryFigures> MeasureAsync(int estateId, DateOnly month, CancellationToken ct = default)
    {
        var zone = await EstateTime.ZoneAsync(db, estateId, ct);
        var now = clock.GetUtcNow();
        var period = Period.Month(month, zone);
        var cases = db.Cases.AsNoTracking().Where(c => c.EstateId == estateId);
        var callbacks = db.Callbacks.AsNoTracking().Where(b => b.EstateId == estateId);
        return new DispatcherSummaryFigures(now, await CaseKpis.MeasureAsync(cases, period, now, ct), await CallbackKpis.MeasureAsync(callbacks, period, now, ct));
    }

    /// <summary>Keeps the manager's comment (a draft until signed). Saved by the caller.</summary>
    public void Comment(View view, string? comment)
    {
        if (view.Report.IsSigned) throw new InvalidOperationException("A signed summary cannot change.");
        view.Report.ManagerComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (view.Report.Id == 0) db.MonthlyReports.Add(view.Report);
    }

    /// <summary>The estate manager signs: the figures are measured now and frozen with the comment. Saved by the caller.</summary>
    public async Task<View> SignAsync(View view, string? comment, string signedBy, int? staffId, CancellationToken ct = default)
    {
        Comment(view, comment);
        var figures = await MeasureAsync(view.Report.EstateId, view.Report.Month, ct);
        view.Report.FrozenFigures = JsonSerializer.Serialize(figures);
        view.Report.SignedAt = figures.MeasuredAt;
        view.Report.SignedBy = signedBy;
        view.Report.SignedByStaffId = staffId;
        return new View(view.Report, figures);
    }
}
