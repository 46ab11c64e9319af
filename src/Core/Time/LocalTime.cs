using System.Globalization;

namespace OwnerPortal.Core.Time;

/// <summary>Times are stored in UTC and shown in the estate's time zone, in the reader's language.</summary>
public static class LocalTime
{
    public static string Format(DateTimeOffset utc, TimeZoneInfo zone, string format = "g") =>
        TimeZoneInfo.ConvertTime(utc, zone).ToString(format, CultureInfo.CurrentCulture);

    public static TimeZoneInfo Zone(string? estateZone, string companyZone = "Asia/Shanghai") =>
        TimeZoneInfo.FindSystemTimeZoneById(estateZone ?? companyZone);
}
