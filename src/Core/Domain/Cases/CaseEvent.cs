namespace OwnerPortal.Core.Domain.Cases;

/// <summary>One timeline entry: who did what when. The owner sees the public ones.</summary>
public class CaseEvent
{
    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public CaseEventKind Kind { get; private set; }
    public CaseStatus? FromStatus { get; private set; }
    public CaseStatus? ToStatus { get; private set; }
    public ActorKind ActorKind { get; private set; }
    public string ActorName { get; private set; } = "";
    public int? ActorStaffId { get; private set; }
    public int? ActorPersonId { get; private set; }
    public string? Text { get; private set; }
    public bool IsPublic { get; private set; }

    private CaseEvent() { }

    public static CaseEvent Create(CaseEventKind kind, DateTimeOffset at, Actor actor, CaseStatus? from, CaseStatus? to, string? text, bool isPublic) => new()
    {
        Kind = kind, At = at, FromStatus = from, ToStatus = to, Text = text, IsPublic = isPublic,
        ActorKind = actor.Kind, ActorName = actor.Name, ActorStaffId = actor.StaffId, ActorPersonId = actor.PersonId,
    };
}

/// <summary>A photo or document on a case. The bytes live in the attachment folder, not the database.</summary>
public class CaseAttachment
{
    public Guid Id { get; set; }
    public long CaseId { get; set; }
    public long? CaseEventId { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Path relative to the configured attachment folder.</summary>
    public required string StorageKey { get; set; }
    public string? ThumbnailKey { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public int? UploadedByPersonId { get; set; }
    public int? UploadedByStaffId { get; set; }
}

/// <summary>An owner who joined an open public-area case ("me too") and follows its progress.</summary>
public class CaseFollower
{
    public long CaseId { get; set; }
    public int PersonId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
