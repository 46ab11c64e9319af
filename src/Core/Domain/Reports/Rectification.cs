namespace OwnerPortal.Core.Domain.Reports;

/// <summary>Where a problem needing corrective action was found.</summary>
public enum RectificationSource { RepeatComplaint, RepeatRepair, FailedCallback, CallbackRound, Survey }

/// <summary>Shared by every corrective-action list (repeat flags here, survey rectification plans).</summary>
public enum RectificationStatus { Planned, InProgress, Done }

/// <summary>
/// A corrective-action item (整改): problem, cause, action, who is responsible and by when, tracked to completion
/// (SPEC 5 repeat flags; the same record serves callback reports and survey rectification plans).
/// </summary>
public class Rectification : IAuditable
{
    public long Id { get; set; }
    public int EstateId { get; set; }
    public RectificationSource Source { get; set; }
    /// <summary>What it was raised for, e.g. "2026-10|unit:123" for a repeat flag; ties the item to its finding.</summary>
    public string? SourceKey { get; set; }
    public required string Problem { get; set; }
    public string? Cause { get; set; }
    public required string Action { get; set; }
    public int? ResponsibleStaffId { get; set; }
    public required string ResponsibleName { get; set; }
    public DateOnly DueOn { get; set; }
    public RectificationStatus Status { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletionNote { get; set; }

    public uint Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    public bool IsOverdue(DateOnly today) => Status != RectificationStatus.Done && DueOn < today;

    public void Complete(string note, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(note)) throw new ArgumentException("Say what was done.", nameof(note));
        if (Status == RectificationStatus.Done) throw new InvalidOperationException("Already done.");
        Status = RectificationStatus.Done;
        CompletedAt = now;
        CompletionNote = note.Trim();
    }
}
