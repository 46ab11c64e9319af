namespace OwnerPortal.Core.Domain.Cases;

public enum CaseType { Complaint, Suggestion, RepairRequest }

public enum CaseChannel { Portal, Phone, Visit, Mailbox, Hotline }

/// <summary>SPEC 2 workflow positions. Escalation is a flag on the case, not a position.</summary>
public enum CaseStatus { Received, Acknowledged, Assigned, Planned, InProgress, Resolved, Verified, Closed, Withdrawn }

/// <summary>SPEC 2 (002 第10条): 1 = our service, 2 = developer / building quality, 3 = outside our jurisdiction.</summary>
public enum ComplaintClass { Service = 1, Developer = 2, External = 3 }

/// <summary>SPEC 2 (001 2.1-2.2).</summary>
public enum CaseCategory { ServiceAttitude, Facilities, Sanitation, Greening, Security, Charges, NeighbourDispute, Other }

public enum CaseLocation { OwnUnit, PublicArea }

public enum ActorKind { Owner, Staff, System }

public enum CaseEventKind
{
    Received, Acknowledged, Classified, Assigned, Planned, Started, Progress, DeadlineRevised,
    Resolved, OwnerConfirmed, VerificationFailed, Verified, Closed, Reopened, Withdrawn, Escalated,
    MajorReported, Comment, SuggestionAnswered, HandedBack,
    // Repair work orders (SPEC 2, 002 第五节)
    WorkOrderIssued, QuoteAwaitingAcceptance, QuoteAccepted, QuoteDeclined, WorkDone, WorkSignedOff, WorkOrderCancelled,
    // Callbacks (SPEC 3)
    FollowUpRequested,
    // Class 2 / class 3 complaints and major complaint reports (SPEC 2)
    ForwardedToDeveloper, DeveloperAnswered, ExternalCoordinated, MajorReportWritten, MajorReportReviewed,
}
