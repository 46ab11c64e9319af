using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Domain.Callbacks;

/// <summary>The SPEC 3 table's rows. Stored as ints: append only.</summary>
public enum CallbackKind { Complaint, OwnerRepair, EngineeringRepair, Emergency, ActivityFollowUp, SpecialEvent, HotlineComplaint }

/// <summary>How a window bound is counted: SPEC 3 "days" are working days; weeks are calendar days.</summary>
public enum WindowUnit { Hours, WorkingDays, CalendarDays, Months }

/// <summary>Who makes the callback (SPEC 3 "by").</summary>
public enum CallbackBy { CustomerService, DepartmentSupervisor, EstateManager }

/// <summary>The two policies the sources describe: 002 (default, stricter) and 000 3.5's complaint sampling.</summary>
public enum CallbackPreset { Standard002, Alternative000 }

/// <summary>One row of an estate's callback policy: share, window after completion, who, and an excluded category.</summary>
public sealed class CallbackRule
{
    public long Id { get; private set; }
    public long PolicyId { get; private set; }
    public CallbackKind Kind { get; set; }
    /// <summary>Share of completed cases called back, 0-100.</summary>
    public int SharePercent { get; set; }
    public int FromAmount { get; set; }
    public WindowUnit FromUnit { get; set; }
    public int UntilAmount { get; set; }
    public WindowUnit UntilUnit { get; set; }
    public CallbackBy By { get; set; }
    /// <summary>Cases of this category are not sampled (000 3.5: cleaning excepted); always-called cases still are.</summary>
    public CaseCategory? ExcludedCategory { get; set; }
    /// <summary>GM-hotline complaints: a first callback within this many hours of receipt (the hotline desk's).</summary>
    public int? FirstCallWithinHours { get; set; }

    public CallbackRule Copy() => new()
    {
        Kind = Kind, SharePercent = SharePercent, FromAmount = FromAmount, FromUnit = FromUnit, UntilAmount = UntilAmount,
        UntilUnit = UntilUnit, By = By, ExcludedCategory = ExcludedCategory, FirstCallWithinHours = FirstCallWithinHours,
    };

    /// <summary>The window after completion on the estate's calendar; the end never lies before the start.</summary>
    public (DateTimeOffset From, DateTimeOffset Until) Window(DateTimeOffset completedAt, WorkingCalendar calendar)
    {
        var from = Offset(completedAt, FromAmount, FromUnit, calendar);
        var until = Offset(completedAt, UntilAmount, UntilUnit, calendar);
        return (from, until < from ? from : until);
    }

    public static DateTimeOffset Offset(DateTimeOffset start, int amount, WindowUnit unit, WorkingCalendar calendar) => unit switch
    {
        WindowUnit.Hours => start.AddHours(amount),
        WindowUnit.WorkingDays => calendar.AddWorkingDays(start, amount),
        WindowUnit.CalendarDays => calendar.ToUtc(calendar.ToLocal(start).AddDays(amount)),
        WindowUnit.Months => calendar.ToUtc(calendar.ToLocal(start).AddMonths(amount)),
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    public IEnumerable<string> Problems()
    {
        if (SharePercent is < 0 or > 100) yield return "Admin.Callbacks.Policy.ShareRange";
        if (FromAmount < 0 || UntilAmount <= 0 || FromAmount > 1000 || UntilAmount > 1000) yield return "Admin.Callbacks.Policy.WindowRange";
    }
}

/// <summary>
/// One version of an estate's callback policy. Versions are never changed: an edit saves a new version with who and
/// when, and every callback decision names the version it used, so an auditor can replay it.
/// </summary>
public sealed class CallbackPolicy
{
    public long Id { get; private set; }
    public int EstateId { get; private set; }
    /// <summary>1, 2, 3… per estate.</summary>
    public int Version { get; private set; }
    public CallbackPreset BasedOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int? CreatedByStaffId { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public string? Note { get; private set; }
    public List<CallbackRule> Rules { get; private set; } = [];

    private CallbackPolicy() { }

    public static CallbackPolicy Create(int estateId, int version, CallbackPreset basedOn, IEnumerable<CallbackRule> rules,
        DateTimeOffset now, int? staffId, string by, string? note = null) => new()
    {
        EstateId = estateId, Version = version, BasedOn = basedOn, CreatedAt = now, CreatedByStaffId = staffId,
        CreatedBy = by, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Rules = rules.Select(r => r.Copy()).ToList(),
    };

    public CallbackRule? RuleFor(CallbackKind kind) => Rules.FirstOrDefault(r => r.Kind == kind);
}

/// <summary>SPEC 3's table (002 第14条, 000 3.5) as the default, and 000's complaint sampling as the alternative.</summary>
public static class CallbackPresets
{
    private static CallbackRule Rule(CallbackKind kind, int share, int from, WindowUnit fromUnit, int until, WindowUnit untilUnit,
        CallbackBy by, CaseCategory? excluded = null, int? firstHours = null) => new()
    {
        Kind = kind, SharePercent = share, FromAmount = from, FromUnit = fromUnit, UntilAmount = until, UntilUnit = untilUnit,
        By = by, ExcludedCategory = excluded, FirstCallWithinHours = firstHours,
    };

    public static IReadOnlyList<CallbackRule> Rules(CallbackPreset preset) =>
    [
        preset == CallbackPreset.Alternative000
            // 000 3.5: 60% of closed complaints, 3 days to 1 week after closure, cleaning excepted.
            ? Rule(CallbackKind.Complaint, 60, 3, WindowUnit.WorkingDays, 7, WindowUnit.CalendarDays, CallbackBy.CustomerService, CaseCategory.Sanitation)
            : Rule(CallbackKind.Complaint, 100, 0, WindowUnit.WorkingDays, 3, WindowUnit.WorkingDays, CallbackBy.CustomerService),
        Rule(CallbackKind.OwnerRepair, 30, 0, WindowUnit.WorkingDays, 3, WindowUnit.WorkingDays, CallbackBy.CustomerService),
        Rule(CallbackKind.EngineeringRepair, 30, 1, WindowUnit.Months, 2, WindowUnit.Months, CallbackBy.CustomerService),
        Rule(CallbackKind.Emergency, 100, 0, WindowUnit.CalendarDays, 7, WindowUnit.CalendarDays, CallbackBy.CustomerService),
        Rule(CallbackKind.ActivityFollowUp, 30, 0, WindowUnit.CalendarDays, 1, WindowUnit.Months, CallbackBy.EstateManager),
        Rule(CallbackKind.SpecialEvent, 100, 0, WindowUnit.WorkingDays, 20, WindowUnit.WorkingDays, CallbackBy.EstateManager),
        // 003 4.6: first within 24 h of receipt (the hotline desk), second after completion (this window).
        Rule(CallbackKind.HotlineComplaint, 100, 0, WindowUnit.WorkingDays, 3, WindowUnit.WorkingDays, CallbackBy.DepartmentSupervisor, firstHours: 24),
    ];
}
