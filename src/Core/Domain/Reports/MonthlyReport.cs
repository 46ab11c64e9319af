namespace OwnerPortal.Core.Domain.Reports;

/// <summary>SPEC 5 reports kept per estate and month (the quarterly analysis uses the quarter's first month).</summary>
public enum ReportKind { DispatcherSummary, ComplaintSummary, SuggestionSummary, QuarterlyComplaintAnalysis }

/// <summary>
/// A monthly report with the estate manager's comment and sign-off. Until signed its figures are computed when read;
/// signing freezes them: the figures of that moment are stored with it and later edits to cases do not change it.
/// </summary>
public class MonthlyReport : IAuditable
{
    public long Id { get; set; }
    public int EstateId { get; set; }
    public ReportKind Kind { get; set; }
    public DateOnly Month { get; set; }
    public string? ManagerComment { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public string? SignedBy { get; set; }
    public int? SignedByStaffId { get; set; }
    /// <summary>The figures as signed (JSON); null until signed.</summary>
    public string? FrozenFigures { get; set; }

    public uint Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    public bool IsSigned => SignedAt is not null;
}
