using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Surveys;

public enum InvitationResult { Sent, AlreadyInvited, NotOpen, NotInvited, TooSoon, NoMoreReminders }

/// <summary>
/// Invites every household of an estate (by e-mail to the unit's owners and residents who have an account and an
/// address; the Portal home shows a banner to all of them) and reminds those that have not answered: at most
/// <see cref="SurveyCalendar.MaxReminders"/> times, <see cref="SurveyCalendar.MinDaysBetweenMails"/> days apart.
/// </summary>
public sealed class SurveyInvitations(OwnerPortalDbContext db, IStringLocalizer<Strings> t, IConfiguration config)
{
    private string PortalUrl => (config["PortalUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public async Task<(InvitationResult Result, int Mails)> InviteAsync(int roundId, int estateId, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        var (round, participation) = await LoadAsync(roundId, estateId, ct);
        if (participation.InvitedAt is not null) return (InvitationResult.AlreadyInvited, 0);
        if (round.StatusOn(today) != SurveyRoundStatus.Open) return (InvitationResult.NotOpen, 0);
        participation.InvitedAt = now;
        participation.InvitedHouseholds = await db.Units.CountAsync(u => u.EstateId == estateId, ct);
        var mails = await MailAsync(round, estateId, "Mail.Survey.Invite", answeredToo: true, now, ct);
        await db.SaveChangesAsync(ct);
        return (InvitationResult.Sent, mails);
    }

    public async Task<(InvitationResult Result, int Mails)> RemindAsync(int roundId, int estateId, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        var (round, p) = await LoadAsync(roundId, estateId, ct);
        if (p.InvitedAt is null) return (InvitationResult.NotInvited, 0);
        if (p.RemindersSent >= SurveyCalendar.MaxReminders) return (InvitationResult.NoMoreReminders, 0);
        if (!SurveyCalendar.CanRemind(round.StatusOn(today), p.InvitedAt, p.RemindersSent, p.LastReminderAt, now))
            return (round.StatusOn(today) == SurveyRoundStatus.Open ? InvitationResult.TooSoon : InvitationResult.NotOpen, 0);
        p.RemindersSent++;
        p.LastReminderAt = now;
        var mails = await MailAsync(round, estateId, "Mail.Survey.Remind", answeredToo: false, now, ct);
        await db.SaveChangesAsync(ct);
        return (InvitationResult.Sent, mails);
    }

    private async Task<(SurveyRound, SurveyParticipation)> LoadAsync(int roundId, int estateId, CancellationToken ct)
    {
        var round = await db.SurveyRounds.SingleAsync(r => r.Id == roundId, ct);
        var participation = await db.SurveyParticipations.SingleAsync(p => p.RoundId == roundId && p.EstateId == estateId, ct);
        return (round, participation);
    }

    private async Task<int> MailAsync(SurveyRound round, int estateId, string key, bool answeredToo, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = await db.UnitMemberships.AsNoTracking()
            .Where(m => m.RevokedAt == null && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == estateId)
                        && (answeredToo || !db.SurveyResponses.Any(r => r.RoundId == round.Id && r.UnitId == m.UnitId && r.IsCurrent)))
            .Join(db.People.Where(p => p.Email != null && p.UserId != null), m => m.PersonId, p => p.Id, (m, p) => new { p.Email, p.FullName, p.Language })
            .Distinct().ToListAsync(ct);
        var link = $"{PortalUrl}/Surveys/Answer/{round.Id}";
        foreach (var r in recipients)
            OwnerLanguage.Write(r.Language, () =>
            {
                var subject = t[key + ".Subject", round.Title].Value;
                var body = t[key + ".Body", r.FullName, round.Title, round.ClosesOn.ToString("yyyy-MM-dd"), link].Value;
                Outbox.Enqueue(db, key == "Mail.Survey.Invite" ? "survey.invite" : "survey.remind", r.Email!, r.FullName, subject, body, MailHtml.FromText(body, link), now);
            });
        return recipients.Count;
    }
}
