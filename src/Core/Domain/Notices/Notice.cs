namespace OwnerPortal.Core.Domain.Notices;

/// <summary>SPEC 5 (004): the monthly notice of shared complaints, and information notices (cuts, storms, works).</summary>
public enum NoticeKind { MonthlyComplaints, Information }

public enum NoticeTopic { WaterCut, PowerCut, GasCut, Typhoon, Storm, Works, Other }

public enum NoticeStatus { Draft, Published, Withdrawn }

/// <summary>
/// A notice owners read in the Portal. Staff write Markdown; the HTML shown to owners is rendered and sanitized
/// once, when it is published (the same renderer the editor's preview uses), and stored with it.
/// </summary>
public class Notice : IAuditable
{
    public long Id { get; set; }
    public int EstateId { get; set; }
    public NoticeKind Kind { get; set; }
    /// <summary>The month a monthly notice reports on (first day); null for information notices.</summary>
    public DateOnly? Month { get; set; }
    public NoticeTopic? Topic { get; set; }
    public string Title { get; set; } = "";
    public string BodyMarkdown { get; set; } = "";
    /// <summary>What owners see: set on publish (and on a correction after it).</summary>
    public string? PublishedHtml { get; set; }
    /// <summary>Information notices: the buildings affected; empty means the whole estate.</summary>
    public List<int> AffectedBuildingIds { get; set; } = [];
    public DateTimeOffset? ValidFrom { get; set; }
    public DateTimeOffset? ValidUntil { get; set; }
    /// <summary>Urgent information notices are e-mailed to the affected residents when published.</summary>
    public bool IsUrgent { get; set; }
    public NoticeStatus Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>How many residents were e-mailed when it was published.</summary>
    public int MailedCount { get; set; }
    /// <summary>
    /// Monthly drafts: what the personal-data scrubber took out of the staff notes (names, phones, addresses), shown
    /// to the editor for review; emptied on publication.
    /// </summary>
    public List<string> ScrubbedOut { get; set; } = [];

    /// <summary>PostgreSQL xmin, the optimistic concurrency token.</summary>
    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>An information notice is pinned on the Portal home while published and within its dates.</summary>
    public bool IsPinnedAt(DateTimeOffset now) =>
        Kind == NoticeKind.Information && Status == NoticeStatus.Published
        && (ValidFrom is null || ValidFrom <= now) && (ValidUntil is null || now < ValidUntil);

    /// <summary>Whether a resident of <paramref name="buildingIds"/> is affected by this notice.</summary>
    public bool Affects(IEnumerable<int> buildingIds) =>
        AffectedBuildingIds.Count == 0 || buildingIds.Any(AffectedBuildingIds.Contains);
}
