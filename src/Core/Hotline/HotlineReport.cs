using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Text;

namespace OwnerPortal.Core.Hotline;

/// <summary>
/// The daily hotline report (总经理热线日报): the matters received on one local day with the figures the quality office
/// reports, measured now. A first response whose 24 hours are still running counts as pending, neither in time nor late.
/// </summary>
public sealed record HotlineReport(
    DateOnly Day, DateTimeOffset MeasuredAt, IReadOnlyList<HotlineView> Rows, IReadOnlyList<HotlineReport.EstateCount> ByEstate,
    int Received, int Calls, int Escalations, int HandlingFilesSent, int FirstResponseInTime, int FirstResponseLate,
    int FirstResponsePending, int Completed, int Outstanding)
{
    public sealed record EstateCount(string Estate, int Count);

    /// <summary>The UTC range of a local calendar day.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) DayRange(DateOnly day, TimeZoneInfo zone)
    {
        DateTimeOffset Start(DateOnly d) => TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue), zone);
        return (Start(day), Start(day.AddDays(1)));
    }

    public static HotlineReport Build(DateOnly day, IReadOnlyList<HotlineView> rows, DateTimeOffset now)
    {
        var ordered = rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id).ToList();
        return new HotlineReport(day, now, ordered,
            ordered.GroupBy(r => r.Estate).Select(g => new EstateCount(g.Key, g.Count())).OrderByDescending(e => e.Count).ThenBy(e => e.Estate, StringComparer.Ordinal).ToList(),
            Received: ordered.Count,
            Calls: ordered.Count(r => r.Source == HotlineSource.Call),
            Escalations: ordered.Count(r => r.Source == HotlineSource.OwnerEscalation),
            HandlingFilesSent: ordered.Count(r => r.Facts.HandlingFileSentAt is not null),
            FirstResponseInTime: ordered.Count(r => r.FirstResponseInTime == true),
            FirstResponseLate: ordered.Count(r => r.FirstResponseInTime == false),
            FirstResponsePending: ordered.Count(r => r.FirstResponseInTime is null),
            Completed: ordered.Count(r => r.Facts.CompletedAt is not null),
            Outstanding: ordered.Count(r => r.Facts.CompletedAt is null));
    }

    /// <summary>
    /// The report as CSV (UTF-8 with a byte-order mark so spreadsheets read the Chinese text), one line per matter;
    /// <paramref name="t"/> gives the column titles and words, phone numbers are masked as in every list.
    /// </summary>
    public string ToCsv(TimeZoneInfo zone, Func<string, string> t)
    {
        string Time(DateTimeOffset? at) => at is { } v ? TimeZoneInfo.ConvertTime(v, zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "";
        string YesNo(bool? b) => b switch { true => t("Admin.Hotline.Yes"), false => t("Admin.Hotline.No"), null => t("Admin.Hotline.Pending") };
        var csv = new CsvWriter();
        csv.Line(t("Admin.Hotline.Received"), t("Admin.Hotline.Estate"), t("Admin.Hotline.Source"), t("Admin.Hotline.Case"),
            t("Admin.Hotline.Caller"), t("Admin.Hotline.Phone"), t("Admin.Hotline.Unit"), t("Admin.Hotline.Subject"),
            t("Admin.Hotline.FileSent"), t("Admin.Hotline.FirstResponse"), t("Admin.Hotline.InTime"), t("Admin.Hotline.Completed"),
            t("Admin.Hotline.Stage"));
        foreach (var r in Rows)
            csv.Line(Time(r.ReceivedAt), r.Estate, t($"HotlineSource.{r.Source}"), r.CaseReference ?? "", r.CallerName,
                PersonalData.MaskPhone(r.CallerPhone), r.Unit ?? "", r.Subject, Time(r.Facts.HandlingFileSentAt), Time(r.Facts.FirstResponseAt),
                YesNo(r.FirstResponseInTime), Time(r.Facts.CompletedAt), t($"HotlineStage.{r.Stage}"));
        return csv.ToString();
    }
}
