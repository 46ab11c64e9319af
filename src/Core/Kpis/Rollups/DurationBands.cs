using System.Globalization;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>Duration bands (<see cref="Durations.Hours"/>) in words: hours up to two days, days beyond.</summary>
public static class DurationBands
{
    private const double HoursShownUpTo = 48;

    /// <summary>"≤ 1 h", "2–4 h", "3–5 days", "> 90 days".</summary>
    public static string Label(IStringLocalizer<Strings> t, int band)
    {
        var (lower, upper) = Durations.BandLimits(band);
        if (upper is not { } u) return t["Admin.Dashboard.Band.Beyond", Days(lower)];
        if (lower == 0) return t["Admin.Dashboard.Band.AtMostHours", Number(u)];
        return u <= HoursShownUpTo ? t["Admin.Dashboard.Band.Hours", Number(lower), Number(u)] : t["Admin.Dashboard.Band.Days", Days(lower), Days(u)];
    }

    /// <summary>A band's upper limit alone ("24 h", "5 days"), for "90% within …"; the open band says "> 90 days".</summary>
    public static string UpperLimit(IStringLocalizer<Strings> t, int band)
    {
        var (lower, upper) = Durations.BandLimits(band);
        if (upper is not { } u) return t["Admin.Dashboard.Band.Beyond", Days(lower)];
        return u <= HoursShownUpTo ? t["Admin.Dashboard.Band.HoursValue", Number(u)] : t["Admin.Dashboard.Band.DaysValue", Days(u)];
    }

    private static string Days(double hours) => Number(hours / 24);
    private static string Number(double value) => value.ToString("0.#", CultureInfo.CurrentCulture);
}
