using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Time;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Shanghai = WorkingCalendar.For("Asia/Shanghai", DemoDataGenerator.ChinaHolidays());

    /// <summary>A Shanghai local time as UTC (Shanghai is UTC+8 all year).</summary>
    private static DateTimeOffset Local(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Friday_evening_is_due_the_same_time_on_monday() =>
        Assert.Equal(Local(2026, 11, 23, 17, 59), Shanghai.AddWorkingDays(Local(2026, 11, 20, 17, 59), 1));

    [Fact]
    public void A_weekend_receipt_counts_from_the_start_of_monday() =>
        Assert.Equal(Local(2026, 11, 24, 0), Shanghai.AddWorkingDays(Local(2026, 11, 21, 10, 30), 1));

    [Fact]
    public void The_day_before_the_national_holiday_is_due_after_it()
    {
        // 2026-09-30 (Wed) -> Oct 1-7 are holidays -> Thursday Oct 8.
        Assert.Equal(Local(2026, 10, 8, 9), Shanghai.AddWorkingDays(Local(2026, 9, 30, 9), 1));
    }

    [Fact]
    public void A_make_up_working_sunday_counts_as_a_working_day()
    {
        Assert.True(Shanghai.IsWorkingDay(new DateOnly(2026, 9, 20)));
        // Saturday 19 Sep -> the next working day is Sunday 20 Sep (调休).
        Assert.Equal(Local(2026, 9, 21, 0), Shanghai.AddWorkingDays(Local(2026, 9, 19, 15), 1));
    }

    [Fact]
    public void Counting_crosses_a_month_end() =>
        Assert.Equal(Local(2026, 12, 1, 11), Shanghai.AddWorkingDays(Local(2026, 11, 30, 11), 1));

    [Fact]
    public void The_local_date_decides_not_the_utc_date()
    {
        // 20:00 UTC on Friday is 04:00 Saturday in Shanghai: a weekend receipt.
        var fridayUtc = new DateTimeOffset(2026, 11, 20, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(Local(2026, 11, 24, 0), Shanghai.AddWorkingDays(fridayUtc, 1));
    }

    [Fact]
    public void Zero_working_days_on_a_working_day_is_the_same_moment() =>
        Assert.Equal(Local(2026, 11, 23, 9), Shanghai.AddWorkingDays(Local(2026, 11, 23, 9), 0));

    [Fact]
    public void Results_are_utc() =>
        Assert.Equal(TimeSpan.Zero, Shanghai.AddWorkingDays(Local(2026, 11, 23, 9), 2).Offset);

    [Fact]
    public void A_local_time_skipped_by_daylight_saving_moves_past_the_gap()
    {
        var berlin = WorkingCalendar.For("Europe/Berlin", []);
        // 2026-03-29 02:30 does not exist in Berlin; 03:00 CEST = 01:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), berlin.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0)));
    }

    [Fact]
    public void Working_days_keep_the_local_wall_time_across_a_daylight_saving_change()
    {
        var berlin = WorkingCalendar.For("Europe/Berlin", []);
        // Friday 27 March 10:00 CET (09:00 UTC) -> Monday 30 March 10:00 CEST (08:00 UTC).
        var due = berlin.AddWorkingDays(new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 8, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void A_holiday_row_marks_a_weekday_off()
    {
        var calendar = WorkingCalendar.For("Asia/Shanghai", [new CalendarDay { Date = new DateOnly(2026, 11, 24), Name = "test" }]);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 11, 24)));
        Assert.Equal(Local(2026, 11, 25, 9), calendar.AddWorkingDays(Local(2026, 11, 23, 9), 1));
    }

    [Fact]
    public void Start_of_month_is_local_midnight_of_the_first() =>
        Assert.Equal(Local(2026, 12, 1, 0), Shanghai.StartOfMonth(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero)));
}
