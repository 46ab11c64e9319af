using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Cases;

/// <summary>
/// Tells the reporter and the owners following a case about a step, by e-mail through the outbox (written in the
/// caller's transaction). Each mail links to the case page in the Portal.
/// </summary>
public sealed class CaseMail(OwnerPortalDbContext db, IStringLocalizer<Strings> t, IConfiguration config)
{
    /// <summary>Steps every owner is told about; the others only reach owners who chose progress mails.</summary>
    public static readonly IReadOnlySet<CaseEventKind> Essential = new HashSet<CaseEventKind>
    {
        CaseEventKind.Acknowledged, CaseEventKind.DeadlineRevised, CaseEventKind.Resolved, CaseEventKind.Closed,
        CaseEventKind.Reopened, CaseEventKind.Escalated, CaseEventKind.SuggestionAnswered,
    };

    private string PortalUrl => (config["PortalUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    /// <summary>
    /// Mails the step to the reporter and followers, each in their language. A plan's deadline or a new reply date is
    /// written by the mail, in that language and the estate's time zone, not by the staff member's page.
    /// </summary>
    public async Task NotifyAsync(Case c, CaseEventKind step, string? text, DateTimeOffset now, CancellationToken ct = default)
    {
        var dueAt = step switch
        {
            CaseEventKind.Planned => c.DeadlineAt,
            CaseEventKind.DeadlineRevised => c.RevisedDeadlineAt,
            _ => null,
        };
        var essential = Essential.Contains(step);
        var recipients = await db.People.AsNoTracking()
            .Where(p => p.Email != null && p.UserId != null && (essential || p.MailOnProgress)
                        && (p.Id == c.ReporterPersonId || db.CaseFollowers.Any(f => f.CaseId == c.Id && f.PersonId == p.Id)))
            .Select(p => new { p.Email, p.FullName, p.Language }).ToListAsync(ct);
        if (recipients.Count == 0) return;

        var zone = dueAt is null ? null : await Domain.Estates.EstateTime.ZoneAsync(db, c.EstateId, ct);
        var link = $"{PortalUrl}/Cases/Detail/{c.Id}";
        foreach (var r in recipients)
            OwnerLanguage.Write(r.Language, () =>
            {
                var stepName = t[$"CaseEventKind.{step}"].Value;
                var subject = t["Mail.Case.Subject", c.Reference, stepName].Value;
                // A department's name is data in the company's language: the label around it is the reader's.
                var said = step == CaseEventKind.Assigned && !string.IsNullOrEmpty(text) ? t["Mail.Case.Department", text].Value : text;
                var details = dueAt is { } due ? $"{said}\n{t["Mail.Case.Due", Time.LocalTime.Format(due, zone!)]}".Trim() : said ?? "";
                var body = t["Mail.Case.Body", r.FullName, c.Reference, stepName, details, link].Value;
                Outbox.Enqueue(db, $"case.{step.ToString().ToLowerInvariant()}", r.Email!, r.FullName, subject, body, MailHtml.FromText(body, link), now);
            });
    }
}
