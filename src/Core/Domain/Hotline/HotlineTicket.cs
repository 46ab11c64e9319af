namespace OwnerPortal.Core.Domain.Hotline;

/// <summary>How a matter reached the quality office: a GM hotline call, or an owner's appeal to the company from the Portal.</summary>
public enum HotlineSource { Call, OwnerEscalation }

/// <summary>
/// One matter on the quality office's GM hotline desk (总经理热线): who called about which estate and what, the
/// handling file (处理单) sent to the estate, the estate's first response (due within 24 hours of receipt, SPEC 3,
/// 003 4.6), its completion and the desk's closing note. The case itself is handled by the estate as usual.
/// </summary>
public class HotlineTicket : IAuditable
{
    public long Id { get; private set; }
    public int EstateId { get; private set; }
    /// <summary>The case the matter is handled as (filed from the call, or the case the owner appealed).</summary>
    public long? CaseId { get; private set; }
    public HotlineSource Source { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string CallerName { get; private set; } = "";
    public string CallerPhone { get; private set; } = "";
    public int? UnitId { get; private set; }
    /// <summary>What the matter is about, as the caller put it.</summary>
    public string Subject { get; private set; } = "";
    public int? TakenByStaffId { get; private set; }
    public string TakenByName { get; private set; } = "";
    public DateTimeOffset FirstResponseDueAt { get; private set; }

    public DateTimeOffset? HandlingFileSentAt { get; private set; }
    public string? HandlingFileNote { get; private set; }
    public string? HandlingFileSentBy { get; private set; }

    /// <summary>The estate's response recorded on the handling file (a reply on the case counts too, see HotlineRules).</summary>
    public DateTimeOffset? FirstResponseAt { get; private set; }
    public string? FirstResponseText { get; private set; }
    public string? FirstResponseBy { get; private set; }

    /// <summary>The estate reports the matter completed on the handling file (closing the case counts too).</summary>
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletionText { get; private set; }
    public string? CompletedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
    public string? ClosingNote { get; private set; }
    public string? ClosedBy { get; private set; }

    /// <summary>PostgreSQL xmin, the optimistic concurrency token.</summary>
    public uint Version { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }

    private HotlineTicket() { }

    public static HotlineTicket Open(int estateId, long? caseId, HotlineSource source, DateTimeOffset receivedAt, string callerName,
        string callerPhone, int? unitId, string subject, int? takenByStaffId, string takenByName) => new()
    {
        EstateId = estateId,
        CaseId = caseId,
        Source = source,
        ReceivedAt = receivedAt,
        CallerName = Required(callerName).Trim(),
        CallerPhone = callerPhone.Trim(),
        UnitId = unitId,
        Subject = Required(subject).Trim(),
        TakenByStaffId = takenByStaffId,
        TakenByName = takenByName,
        FirstResponseDueAt = HotlineRules.FirstResponseDue(receivedAt),
    };

    /// <summary>Links the ticket to the case filed for it (a new case gets its id on save).</summary>
    public void LinkCase(long caseId) => CaseId = caseId;

    /// <summary>The handling file goes to the estate once; sending again only adds nothing.</summary>
    public void SendHandlingFile(DateTimeOffset now, string note, string by)
    {
        if (ClosedAt is not null) throw new InvalidOperationException("The matter is closed.");
        if (HandlingFileSentAt is not null) throw new InvalidOperationException("The handling file was sent already.");
        HandlingFileSentAt = now;
        HandlingFileNote = Required(note).Trim();
        HandlingFileSentBy = by;
    }

    /// <summary>The estate's first response on the handling file; the first one is kept.</summary>
    public void RecordFirstResponse(DateTimeOffset now, string text, string by)
    {
        if (HandlingFileSentAt is null || ClosedAt is not null) throw new InvalidOperationException("No open handling file to respond to.");
        if (FirstResponseAt is not null) throw new InvalidOperationException("The first response was recorded already.");
        FirstResponseAt = now;
        FirstResponseText = Required(text).Trim();
        FirstResponseBy = by;
    }

    /// <summary>The estate reports the matter done; counts as its first response too when none was recorded.</summary>
    public void RecordCompletion(DateTimeOffset now, string text, string by)
    {
        if (HandlingFileSentAt is null || ClosedAt is not null) throw new InvalidOperationException("No open handling file to complete.");
        if (CompletedAt is not null) throw new InvalidOperationException("The completion was recorded already.");
        CompletedAt = now;
        CompletionText = Required(text).Trim();
        CompletedBy = by;
    }

    /// <summary>The desk closes the matter with a note once the estate has completed it (<paramref name="completedAt"/>: effective completion).</summary>
    public void Close(DateTimeOffset now, string note, string by, DateTimeOffset? completedAt)
    {
        if (ClosedAt is not null) throw new InvalidOperationException("The matter is closed already.");
        if (completedAt is null) throw new InvalidOperationException("The estate has not completed the matter yet.");
        ClosedAt = now;
        ClosingNote = Required(note).Trim();
        ClosedBy = by;
    }

    private static string Required(string? text) =>
        string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("A text is required for this step.") : text;
}
