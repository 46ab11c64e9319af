namespace OwnerPortal.Core.Domain.Estates;

/// <summary>The one row of company-wide settings. Every number is a default from SPEC that a company may change.</summary>
public class CompanySettings : IAuditable
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string Name { get; set; }
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>SPEC 2 (002): the owner gets feedback within this many hours of receipt.</summary>
    public int FeedbackHours { get; set; } = 24;
    /// <summary>SPEC 2 (004): a handling response within this many working days.</summary>
    public int ResponseWorkingDays { get; set; } = 1;
    /// <summary>SPEC 2 (003 4.3.3): unresolved after this many days escalates.</summary>
    public int EscalationDays { get; set; } = 7;
    /// <summary>SPEC 2 (004): a major complaint is reported to the quality office within this many working days.</summary>
    public int MajorReportWorkingDays { get; set; } = 1;
    /// <summary>SPEC 2 (004): a compensation claim above this (yuan) makes a complaint major.</summary>
    public decimal MajorCompensationThreshold { get; set; } = 1000m;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>A public holiday (a non-working day), or a weekend day made a working day (调休).</summary>
public class CalendarDay
{
    public DateOnly Date { get; set; }
    public required string Name { get; set; }
    public bool IsWorkingDay { get; set; }
}
