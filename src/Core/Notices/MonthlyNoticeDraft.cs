using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Core.Notices;

public enum NoticeTimeliness { OnTime, Late, InProgress, NoDeadline }

public enum NoticeVerification { OwnerConfirmed, Verified, Reopened, Pending }

/// <summary>One shared complaint as the notice shows it: no reporter, unit, phone, photo or description.</summary>
public sealed record SharedComplaint(DateOnly Received, CaseCategory? Category, string? Place, CaseStatus Status,
    string? Outcome, NoticeTimeliness Timeliness, NoticeVerification Verification);

/// <summary>
/// The first draft of the monthly notice of shared complaints (SPEC 5, 004 投诉公布): the month's complaints about
/// public areas and disputes between owners, what was done, whether on time and the owner's verification. Built from
/// structured fields only; the one free text used (the department's public resolution note) is scrubbed of the
/// estate's people's names, phones and addresses, and unit numbers. The estate manager edits the draft before publishing.
/// </summary>
public static class MonthlyNoticeDraft
{
    /// <summary>Complaints that concern more than the reporter's own flat.</summary>
    public static bool IsShared(CaseType type, CaseLocation location, CaseCategory? category) =>
        type == CaseType.Complaint && (location == CaseLocation.PublicArea || category == CaseCategory.NeighbourDispute);

    public static NoticeTimeliness TimelinessOf(DateTimeOffset? due, DateTimeOffset? resolvedAt, DateTimeOffset now) =>
        (due, resolvedAt) switch
        {
            (null, _) => NoticeTimeliness.NoDeadline,
            (_, { } resolved) => resolved <= due ? NoticeTimeliness.OnTime : NoticeTimeliness.Late,
            _ => now > due ? NoticeTimeliness.Late : NoticeTimeliness.InProgress,
        };

    public static NoticeVerification VerificationOf(bool ownerConfirmed, int reopenCount, CaseStatus status) =>
        ownerConfirmed ? NoticeVerification.OwnerConfirmed
        : reopenCount > 0 ? NoticeVerification.Reopened
        : status is CaseStatus.Verified or CaseStatus.Closed ? NoticeVerification.Verified
        : NoticeVerification.Pending;

    /// <summary>
    /// The month's shared complaints, their outcome notes scrubbed of personal data. <paramref name="removed"/>, when
    /// given, receives what the scrubber took out (for the editor to show before publishing).
    /// </summary>
    public static async Task<IReadOnlyList<SharedComplaint>> LoadAsync(OwnerPortalDbContext db, int estateId, DateOnly month,
        TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct = default, ICollection<string>? removed = null)
    {
        var (from, until) = MonthRange(month, zone);
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.EstateId == estateId && c.Type == CaseType.Complaint && !c.IsTest && c.Status != CaseStatus.Withdrawn
                        && c.ReceivedAt >= from && c.ReceivedAt < until
                        && (c.Location == CaseLocation.PublicArea || c.Category == CaseCategory.NeighbourDispute))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.ReceivedAt, c.Category, c.Status, c.ReopenCount, c.ResolvedAt,
                Due = c.RevisedDeadlineAt ?? c.DeadlineAt,
                Place = db.PublicAreas.Where(a => a.Id == c.PublicAreaId).Select(a => a.Name).FirstOrDefault(),
                Outcome = c.Events.Where(e => e.Kind == CaseEventKind.Resolved && e.IsPublic).OrderByDescending(e => e.At).Select(e => e.Text).FirstOrDefault(),
                OwnerConfirmed = c.Events.Any(e => e.Kind == CaseEventKind.OwnerConfirmed),
                c.ReporterName, c.ReporterPhone,
                Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // Notes name followers and neighbours too, not only the reporters: everyone ever linked to the estate's units.
        var residents = await db.People.AsNoTracking()
            .Where(p => p.Units.Any(m => db.Units.Any(u => u.Id == m.UnitId && u.EstateId == estateId)))
            .Select(p => new { p.FullName, p.Phone, p.Email })
            .ToListAsync(ct);
        var scrubber = new PersonalDataScrubber(rows.SelectMany(r => new[] { r.ReporterName, r.ReporterPhone, r.Unit ?? "" })
            .Concat(residents.SelectMany(p => new[] { p.FullName, p.Phone, p.Email ?? "" })));
        var complaints = rows.Select(r => new SharedComplaint(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.ReceivedAt, zone).DateTime), r.Category, r.Place, r.Status,
            r.ResolvedAt is null ? null : scrubber.Scrub(r.Outcome),
            TimelinessOf(r.Due, r.ResolvedAt, now), VerificationOf(r.OwnerConfirmed, r.ReopenCount, r.Status))).ToList();
        foreach (var value in scrubber.Removed) removed?.Add(value);
        return complaints;
    }

    /// <summary>The month in the estate's time zone as a UTC range [from, until).</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) MonthRange(DateOnly month, TimeZoneInfo zone) =>
        Kpis.Period.Month(month, zone) is var p ? (p.From, p.Until) : default;

    /// <summary>Title and Markdown body, in the owners' language (written through <see cref="OwnerLanguage"/>).</summary>
    public static (string Title, string Markdown) Compose(IStringLocalizer<Strings> t, string estateName, DateOnly month,
        IReadOnlyList<SharedComplaint> complaints, string officePhone) => OwnerLanguage.Write(() =>
    {
        var monthText = month.ToString(t["Notices.MonthFormat"], CultureInfo.CurrentUICulture);
        var title = t["Notices.Monthly.Title", estateName, monthText].Value;
        var done = complaints.Count(c => c.Outcome is not null);
        var onTime = complaints.Count(c => c.Outcome is not null && c.Timeliness == NoticeTimeliness.OnTime);
        var sb = new StringBuilder();
        sb.AppendLine(t["Notices.Monthly.Summary", monthText, complaints.Count, done, onTime, complaints.Count - done].Value).AppendLine();
        if (complaints.Count > 0)
        {
            sb.AppendLine($"| {t["Notices.Monthly.Col.Received"]} | {t["Notices.Monthly.Col.Category"]} | {t["Notices.Monthly.Col.Place"]} | {t["Notices.Monthly.Col.Outcome"]} | {t["Notices.Monthly.Col.OnTime"]} | {t["Notices.Monthly.Col.Verification"]} |");
            sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
            foreach (var c in complaints)
            {
                var category = c.Category is { } cat ? t.Enum(cat) : t["Notices.Monthly.Unclassified"].Value;
                var place = c.Place ?? (c.Category == CaseCategory.NeighbourDispute ? t["Notices.Monthly.BetweenOwners"].Value : "—");
                var outcome = c.Outcome is null ? t.Enum(c.Status) : c.Outcome;
                sb.AppendLine($"| {c.Received.ToString(t["Notices.DayFormat"], CultureInfo.CurrentUICulture)} | {NoticeMarkdown.Escape(category)} | {NoticeMarkdown.Escape(place)} | {NoticeMarkdown.Escape(outcome)} | {t.Enum(c.Timeliness)} | {t.Enum(c.Verification)} |");
            }
            sb.AppendLine();
        }
        sb.AppendLine(t["Notices.Monthly.Closing", NoticeMarkdown.Escape(officePhone)].Value);
        return (title, sb.ToString());
    });
}
