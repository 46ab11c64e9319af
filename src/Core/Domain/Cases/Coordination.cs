namespace OwnerPortal.Core.Domain.Cases;

/// <summary>
/// A class 2 complaint (developer / building quality) forwarded to the developer: what was sent and when, and later
/// the developer's answer. While one is unanswered the case waits on the developer (<see cref="CaseWaiting"/>).
/// </summary>
public class DeveloperForwarding
{
    public long Id { get; private set; }
    public long CaseId { get; private set; }
    /// <summary>When it was forwarded (entered by staff; may be before it was recorded).</summary>
    public DateTimeOffset ForwardedAt { get; private set; }
    public string What { get; private set; } = "";
    public int? ForwardedByStaffId { get; private set; }
    public string ForwardedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? Answer { get; private set; }
    public int? AnswerRecordedByStaffId { get; private set; }
    public DateTimeOffset? AnswerRecordedAt { get; private set; }

    public bool IsAnswered => AnsweredAt is not null;

    private DeveloperForwarding() { }

    internal static DeveloperForwarding Create(Actor actor, DateTimeOffset now, DateTimeOffset forwardedAt, string what) => new()
    {
        ForwardedAt = forwardedAt, What = what.Trim(), ForwardedByStaffId = actor.StaffId, ForwardedByName = actor.Name, RecordedAt = now,
    };

    internal void RecordAnswer(Actor actor, DateTimeOffset now, DateTimeOffset answeredAt, string answer)
    {
        AnsweredAt = answeredAt;
        Answer = answer.Trim();
        AnswerRecordedByStaffId = actor.StaffId;
        AnswerRecordedAt = now;
    }
}

/// <summary>
/// A class 3 complaint (outside the estate's jurisdiction): who the estate coordinated with (an authority or a
/// company), when, what was agreed, and the explanation given to the owner (public).
/// </summary>
public class ExternalCoordination
{
    public long Id { get; private set; }
    public long CaseId { get; private set; }
    /// <summary>The authority or company, e.g. 市自来水公司.</summary>
    public string With { get; private set; } = "";
    public DateTimeOffset CoordinatedAt { get; private set; }
    public string Agreed { get; private set; } = "";
    /// <summary>What the owner is told; shown on the Portal case page.</summary>
    public string OwnerExplanation { get; private set; } = "";
    public int? RecordedByStaffId { get; private set; }
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    private ExternalCoordination() { }

    internal static ExternalCoordination Create(Actor actor, DateTimeOffset now, ExternalCoordinationDetails d) => new()
    {
        With = d.With.Trim(), CoordinatedAt = d.CoordinatedAt, Agreed = d.Agreed.Trim(), OwnerExplanation = d.OwnerExplanation.Trim(),
        RecordedByStaffId = actor.StaffId, RecordedByName = actor.Name, RecordedAt = now,
    };
}

public record ExternalCoordinationDetails(string With, DateTimeOffset CoordinatedAt, string Agreed, string OwnerExplanation);

/// <summary>
/// The special report on a major complaint after it was handled (SPEC 2, 004): content, cause, handling, lessons and
/// corrective action. Written by the estate manager, who may edit it until the quality office marks it reviewed.
/// </summary>
public class MajorComplaintReport
{
    public long CaseId { get; private set; }
    public string Content { get; private set; } = "";
    public string Cause { get; private set; } = "";
    public string Handling { get; private set; } = "";
    public string Lessons { get; private set; } = "";
    public string CorrectiveAction { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }
    public int? WrittenByStaffId { get; private set; }
    public string WrittenByName { get; private set; } = "";
    public DateTimeOffset LastEditedAt { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public int? ReviewedByStaffId { get; private set; }
    public string? ReviewedByName { get; private set; }

    public bool IsReviewed => ReviewedAt is not null;

    private MajorComplaintReport() { }

    internal static MajorComplaintReport Create(Actor actor, DateTimeOffset now) =>
        new() { WrittenAt = now, WrittenByStaffId = actor.StaffId, WrittenByName = actor.Name };

    internal void Write(MajorReportText text, DateTimeOffset now)
    {
        Content = text.Content.Trim();
        Cause = text.Cause.Trim();
        Handling = text.Handling.Trim();
        Lessons = text.Lessons.Trim();
        CorrectiveAction = text.CorrectiveAction.Trim();
        LastEditedAt = now;
    }

    internal void Review(Actor actor, DateTimeOffset now)
    {
        ReviewedAt = now;
        ReviewedByStaffId = actor.StaffId;
        ReviewedByName = actor.Name;
    }
}

/// <summary>The five parts of a special report; each is required.</summary>
public record MajorReportText(string Content, string Cause, string Handling, string Lessons, string CorrectiveAction)
{
    public bool IsComplete => new[] { Content, Cause, Handling, Lessons, CorrectiveAction }.All(s => !string.IsNullOrWhiteSpace(s));
}
