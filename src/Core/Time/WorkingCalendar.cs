using OwnerPortal.Core.Domain.Estates;

namespace OwnerPortal.Core.Time;

/// <summary>
/// Working days in an estate's time zone: Monday to Friday, less public holidays, plus weekend days the
/// government makes working days (调休). Deadlines are computed here and stored in UTC.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, bool> _overrides;

    public TimeZoneInfo Zone { get; }

    public WorkingCalendar(TimeZoneInfo zone, IEnumerable<CalendarDay> days)
    {
        Zone = zone;
        _overrides = days.ToDictionary(d => d.Date, d => d.IsWorkingDay);
    }

    public static WorkingCalendar For(string zoneId, IEnumerable<CalendarDay> days) =>
        new(TimeZoneInfo.FindSystemTimeZoneById(zoneId), days);

    public bool IsWorkingDay(DateOnly date) =>
        _overrides.TryGetValue(date, out var working)
            ? working
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateTime ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone).DateTime;

    public DateTimeOffset ToUtc(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A local time skipped by a daylight-saving jump does not exist: move forward past the gap.
        while (Zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// The moment <paramref name="workingDays"/> working days after <paramref name="start"/>, same local time.
    /// A start on a non-working day counts from the beginning of the next working day, so a case received on
    /// Saturday with one working day is due at the end of Monday.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var local = ToLocal(start);
        var date = DateOnly.FromDateTime(local);
        var time = local.TimeOfDay;
        if (!IsWorkingDay(date))
        {
            do date = date.AddDays(1); while (!IsWorkingDay(date));
            time = TimeSpan.Zero;
        }
        for (var added = 0; added < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) added++;
        }
        return ToUtc(date.ToDateTime(TimeOnly.FromTimeSpan(time)));
    }

    /// <summary>The first instant of the local calendar month containing <paramref name="at"/>, in UTC.</summary>
    public DateTimeOffset StartOfMonth(DateTimeOffset at)
    {
        var local = ToLocal(at);
        return ToUtc(new DateTime(local.Year, local.Month, 1));
    }
}
