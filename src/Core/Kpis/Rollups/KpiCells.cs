namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>Dimension values of a cell: a real value is the enum number or id; these two mean "all" and "not set".</summary>
public static class Dim
{
    public const int All = -1;
    public const int None = -2;
    /// <summary>The estate id of the company-wide cells (the sum of every estate's cells with the same dimensions).</summary>
    public const int Company = 0;

    public static int Of<T>(T? value) where T : struct, Enum => value is { } v ? Convert.ToInt32(v) : None;
    public static int Of(int? id) => id ?? None;
}

/// <summary>
/// Counts of the cases of one estate and month with the same type, category, class, channel and department. Each count
/// is placed in the month its KPI places the case (received, deadline, verified, closed: <see cref="CaseMeasures"/>).
/// An estate also has total cells: per category (type <see cref="Dim.All"/>, a category) and in all (every dimension
/// <see cref="Dim.All"/>). The company (estate 0) has the same three kinds, summed over every estate; its fine cells have
/// no department (departments belong to one estate).
/// The positions in <see cref="Counts"/> are <see cref="CaseSlot"/>; changing them needs a migration that empties the
/// cell tables so that the refresher rebuilds them.
/// </summary>
public sealed class CaseCell
{
    public int EstateId { get; set; }
    public DateOnly Month { get; set; }
    public int Type { get; set; }
    public int Category { get; set; }
    public int Class { get; set; }
    public int Channel { get; set; }
    public int DepartmentId { get; set; }
    public int[] Counts { get; set; } = new int[CaseSlot.Length];

    public (int, DateOnly, int, int, int, int, int) Key => (EstateId, Month, Type, Category, Class, Channel, DepartmentId);
}

/// <summary>
/// Counts of the callbacks of one estate (or the company) and month by the case's category and who handled it; an
/// estate also has totals per category (department and staff <see cref="Dim.All"/>) and in all (every dimension All).
/// The company has the same, summed over every estate; its fine cells have no staff member (staff belong to one estate).
/// </summary>
public sealed class CallbackCell
{
    public int EstateId { get; set; }
    public DateOnly Month { get; set; }
    public int Category { get; set; }
    public int DepartmentId { get; set; }
    public int StaffId { get; set; }
    public int[] Counts { get; set; } = new int[CallbackSlot.Length];

    public (int, DateOnly, int, int, int) Key => (EstateId, Month, Category, DepartmentId, StaffId);
}

/// <summary>When an estate's cells were last computed, and the next time a deadline or an age limit passes in it.</summary>
public sealed class KpiRefresh
{
    public int EstateId { get; set; }
    public DateTimeOffset RefreshedAt { get; set; }
    public DateTimeOffset? NextChangeAt { get; set; }
}

/// <summary>An estate whose cases or callbacks changed since its cells were computed (written by database triggers).</summary>
public sealed class KpiDirtyEstate
{
    public int EstateId { get; set; }
}

/// <summary>Positions in <see cref="CaseCell.Counts"/>.</summary>
public static class CaseSlot
{
    public const int Received = 0, FeedbackDue = 1, FeedbackOnTime = 2, ResponseDue = 3, ResponseOnTime = 4,
        HandlingDue = 5, HandlingOnTime = 6, Verified = 7, VerifiedFirstTime = 8, Complaints = 9,
        Closed = 10, ClosedFirstTime = 11, Open = 12, Overdue = 13, Escalated = 14, Major = 15, RepeatComplaints = 16;

    /// <summary>Complaints closed (at the time of measuring) by months after the month received; the last slot is "later".</summary>
    public const int ClosedAfterMonths = 17, ClosedAfterMonthsSlots = 13;
    /// <summary>Open cases by age now (<see cref="Durations.AgeDays"/>).</summary>
    public const int OpenByAge = ClosedAfterMonths + ClosedAfterMonthsSlots;
    /// <summary>Time to acknowledge and to close (<see cref="Durations.Hours"/>).</summary>
    public const int AcknowledgeHours = OpenByAge + 5;
    public const int CloseHours = AcknowledgeHours + Durations.HourBuckets;
    public const int Length = CloseHours + Durations.HourBuckets;
}

/// <summary>Positions in <see cref="CallbackCell.Counts"/>.</summary>
public static class CallbackSlot
{
    public const int RateDue = 0, RateOnTime = 1, Done = 2, Rated = 3, Satisfied = 4, Failed = 5, AttitudeRated = 6, AttitudeSatisfied = 7;
    public const int Length = 8;
}

/// <summary>The buckets durations are counted in: percentiles are read to the bucket ("at most 8 h").</summary>
public static class Durations
{
    /// <summary>Upper bounds in hours; a last bucket holds everything longer.</summary>
    public static readonly double[] Hours = [1, 2, 4, 8, 12, 24, 36, 48, 72, 120, 168, 240, 336, 504, 720, 1440, 2160];
    public const int HourBuckets = 18;

    /// <summary>Backlog ages: under 1 day, 1-3, 3-7, 7-30, 30 days and more.</summary>
    public static readonly int[] AgeDays = [1, 3, 7, 30];

    public static int HourBucketOf(TimeSpan d)
    {
        var i = 0;
        while (i < Hours.Length && d.TotalHours > Hours[i]) i++;
        return i;
    }

    /// <summary>The band whose upper limit <see cref="Quantile"/> returned (+∞: the last, open-ended band).</summary>
    public static int BandOf(double upperHours) => double.IsPositiveInfinity(upperHours) ? Hours.Length : Array.IndexOf(Hours, upperHours);

    /// <summary>A band's limits in hours: (0, 1], (1, 2] … and (2160, ∞) as an upper limit of null.</summary>
    public static (double Lower, double? Upper) BandLimits(int band) =>
        (band == 0 ? 0 : Hours[Math.Min(band, Hours.Length) - 1], band < Hours.Length ? Hours[band] : null);

    public static int AgeBucketOf(TimeSpan age)
    {
        var i = 0;
        while (i < AgeDays.Length && age.TotalDays >= AgeDays[i]) i++;
        return i;
    }

    /// <summary>The upper bound (hours) of the bucket holding the q-quantile (nearest rank); null when none, +∞ beyond the last bound.</summary>
    public static double? Quantile(ReadOnlySpan<int> histogram, double q)
    {
        long total = 0;
        foreach (var n in histogram) total += n;
        if (total == 0) return null;
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= rank) return i < Hours.Length ? Hours[i] : double.PositiveInfinity;
        }
        return double.PositiveInfinity;
    }
}
