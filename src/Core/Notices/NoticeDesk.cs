using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Notices;

/// <summary>Drafting, publishing and withdrawing notices, and telling the residents (SPEC 5).</summary>
public sealed class NoticeDesk(OwnerPortalDbContext db, IStringLocalizer<Strings> t, IConfiguration config, TimeProvider clock)
{
    private string PortalUrl => (config["PortalUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    /// <summary>The month's notice for the estate: the existing one, or a new draft composed from the month's cases.</summary>
    public async Task<Notice> MonthlyAsync(int estateId, DateOnly month, CancellationToken ct = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var existing = await db.Notices.FirstOrDefaultAsync(n => n.EstateId == estateId && n.Month == month, ct);
        if (existing is not null) return existing;
        var estate = await db.Estates.AsNoTracking().FirstAsync(e => e.Id == estateId, ct);
        var zone = await EstateTime.ZoneAsync(db, estateId, ct);
        var removed = new List<string>();
        var complaints = await MonthlyNoticeDraft.LoadAsync(db, estateId, month, zone, clock.GetUtcNow(), ct, removed);
        var (title, markdown) = MonthlyNoticeDraft.Compose(t, estate.Name, month, complaints, estate.OfficePhone);
        var notice = new Notice
        {
            EstateId = estateId, Kind = NoticeKind.MonthlyComplaints, Month = month, Title = title, BodyMarkdown = markdown,
            Status = NoticeStatus.Draft, ScrubbedOut = removed,
        };
        db.Notices.Add(notice);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) // two people opened the month at once: the other draft won, use it
        {
            db.ChangeTracker.Clear();
            return await db.Notices.FirstAsync(n => n.EstateId == estateId && n.Month == month, ct);
        }
        return notice;
    }

    /// <summary>
    /// Publishes (or, once published, corrects) the notice: the HTML owners see is rendered now from the Markdown,
    /// exactly as the preview rendered it. The first publication mails the residents (monthly: the whole estate;
    /// information: the affected buildings, only when urgent). Saved by the caller.
    /// </summary>
    public async Task PublishAsync(Notice notice, string publishedBy, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var first = notice.Status != NoticeStatus.Published;
        notice.PublishedHtml = NoticeMarkdown.ToSafeHtml(notice.BodyMarkdown);
        notice.Status = NoticeStatus.Published;
        notice.ScrubbedOut = []; // reviewed: personal data is not kept longer than the review needs it
        if (!first) return;
        notice.PublishedAt = now;
        notice.PublishedBy = publishedBy;
        if (notice.Kind == NoticeKind.MonthlyComplaints || notice.IsUrgent)
            notice.MailedCount = await MailResidentsAsync(notice, now, ct);
    }

    public static void Withdraw(Notice notice) => notice.Status = NoticeStatus.Withdrawn;

    private async Task<int> MailResidentsAsync(Notice notice, DateTimeOffset now, CancellationToken ct)
    {
        var buildings = notice.AffectedBuildingIds;
        var recipients = await db.People.AsNoTracking()
            .Where(p => p.Email != null && p.UserId != null
                        && db.UnitMemberships.Any(m => m.PersonId == p.Id && m.RevokedAt == null
                            && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == notice.EstateId
                                                 && (buildings.Count == 0 || buildings.Contains(u.BuildingId)))))
            .Select(p => new { p.Email, p.FullName, p.Language })
            .ToListAsync(ct);
        // The id is known only after saving; the link goes to the estate's archive, where the new notice is first.
        var link = $"{PortalUrl}/Notices";
        var kind = notice.Kind == NoticeKind.MonthlyComplaints ? "notice.monthly" : "notice.urgent";
        foreach (var r in recipients.DistinctBy(r => r.Email!.ToLowerInvariant()))
            OwnerLanguage.Write(r.Language, () =>
            {
                var subject = t[notice.IsUrgent ? "Mail.Notice.UrgentSubject" : "Mail.Notice.Subject", notice.Title].Value;
                var body = t["Mail.Notice.Body", r.FullName, notice.Title, link].Value;
                Outbox.Enqueue(db, kind, r.Email!, r.FullName, subject, body, MailHtml.FromText(body, link), now);
            });
        return recipients.DistinctBy(r => r.Email!.ToLowerInvariant()).Count();
    }
}
