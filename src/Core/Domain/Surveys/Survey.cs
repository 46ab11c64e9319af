using OwnerPortal.Core.Domain.Reports;
namespace OwnerPortal.Core.Domain.Surveys;

/// <summary>SPEC 4 Part A: the base service items every questionnaire asks about (002 第11条). Stored as ints: append only.</summary>
public enum SurveyItem { PowerSupply, WaterSupply, FireSafetyAndSecurity, Sanitation, Greening, PublicFacilities, RepairService, ServiceAttitude }

/// <summary>Part B question kinds an estate may add. Stored as ints: append only.</summary>
public enum SurveyQuestionKind { Rating, SingleChoice, MultipleChoice, ShortText }

public enum SurveyRoundStatus { Upcoming, Open, Closed }

/// <summary>A company-wide questionnaire round (July and January by default). Dates are the company's calendar days.</summary>
public class SurveyRound : IAuditable
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public DateOnly OpensOn { get; set; }
    /// <summary>The last day answers are taken (inclusive).</summary>
    public DateOnly ClosesOn { get; set; }
    public List<SurveyParticipation> Estates { get; } = [];

    public SurveyRoundStatus StatusOn(DateOnly today) => SurveyCalendar.Status(OpensOn, ClosesOn, today);

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>An estate taking part in a round, with its invitation and reminders (SPEC 4).</summary>
public class SurveyParticipation
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EstateId { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }
    /// <summary>Households (units) of the estate when the invitation went out: the response rate's denominator.</summary>
    public int InvitedHouseholds { get; set; }
    public int RemindersSent { get; set; }
    public DateTimeOffset? LastReminderAt { get; set; }
}

/// <summary>A Part B question the estate manager adds for the estate in one round.</summary>
public class SurveyQuestion
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EstateId { get; set; }
    public int Position { get; set; }
    public SurveyQuestionKind Kind { get; set; }
    public required string Text { get; set; }
    /// <summary>The choices of a single or multiple choice question, in order; empty otherwise.</summary>
    public List<string> Options { get; set; } = [];
}

/// <summary>
/// One household's questionnaire: a draft of one person (SubmittedAt null) or a submitted answer. Every submission is
/// a new row; the household's latest submission is the counted one (IsCurrent), earlier ones stay as history.
/// </summary>
public class SurveyResponse
{
    public long Id { get; set; }
    public int RoundId { get; set; }
    public int EstateId { get; set; }
    public int UnitId { get; set; }
    /// <summary>Who answered in the Portal; null for a paper form keyed in by staff.</summary>
    public int? PersonId { get; set; }
    public bool IsPaper { get; set; }
    public int? EnteredByStaffId { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public bool IsCurrent { get; set; }
    public List<SurveyAnswer> Answers { get; } = [];
}

/// <summary>The answer to a Part A item (Item set) or a Part B question (QuestionId set). A skipped item has no rating.</summary>
public class SurveyAnswer
{
    public long Id { get; set; }
    public long ResponseId { get; set; }
    public SurveyItem? Item { get; set; }
    public int? QuestionId { get; set; }
    /// <summary>1 very dissatisfied … 5 very satisfied.</summary>
    public int? Rating { get; set; }
    /// <summary>Chosen option indexes of a choice question.</summary>
    public List<int> Choices { get; set; } = [];
    /// <summary>A Part A comment or a short-text answer.</summary>
    public string? Text { get; set; }
    /// <summary>A staff member approved the text for publication; unapproved free text is never published.</summary>
    public bool TextApproved { get; set; }
}

/// <summary>An estate's results of a round, published to its owners (summary) and owners' committee (in full).</summary>
public class SurveyPublication
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EstateId { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public int? PublishedByStaffId { get; set; }
}

/// <summary>Stored as ints: append only.</summary>

/// <summary>One problem the survey found and what the estate does about it (整改), tracked until done (000 3.2.4).</summary>
public class RectificationItem
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int EstateId { get; set; }
    /// <summary>The Part A item the problem belongs to, if any.</summary>
    public SurveyItem? Item { get; set; }
    public required string Problem { get; set; }
    public required string Action { get; set; }
    public DateOnly DueOn { get; set; }
    public RectificationStatus Status { get; set; }
    /// <summary>The latest progress note, published with the plan.</summary>
    public string? Progress { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}
