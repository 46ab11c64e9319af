using System.Globalization;

namespace OwnerPortal.Core.Time;

/// <summary>
/// The dates this system works with: a month or day named in a link or form must be in this range. Pages step months
/// back for trends and convert local days to UTC; at the ends of the calendar (0001-01, 9999-12-31) that arithmetic
/// overflows, so out-of-range input is refused where it is read, never left to fail later (issue #15).
/// </summary>
public static class CalendarRange
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2999, 12, 31);

    public static bool Contains(DateOnly day) => day >= Earliest && day <= Latest;

    /// <summary>"yyyy-MM" (surrounding spaces ignored) as the month's first day; null when it does not parse or is out of range.</summary>
    public static DateOnly? ParseMonth(string? text) =>
        DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && Contains(month)
            ? month : null;

    /// <summary>UTC ticks (a paging cursor) as an instant; null when out of range.</summary>
    public static DateTimeOffset? FromUtcTicks(long? ticks) =>
        ticks is { } t && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
