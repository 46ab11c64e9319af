using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Callbacks;

public enum WrittenAnswerResult { Saved, AlreadyAnswered }

/// <summary>
/// Functional-group written callbacks (000 3.4.1, SPEC 3): draws a department's round, invites the sampled households
/// by e-mail, records one answer per household (online or keyed in from paper), and reports coverage.
/// </summary>
public sealed class WrittenCallbacks(OwnerPortalDbContext db, IStringLocalizer<Strings> t, IConfiguration config)
{
    private string PortalUrl => (config["PortalUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public static string AnswerPath(long invitationId) => $"/Callbacks/Written/{invitationId}";

    /// <summary>Households contacted since <paramref name="since"/>: a callback done or attempted on a case of the unit, or a written invitation.</summary>
    public async Task<HashSet<int>> RecentlyContactedAsync(int estateId, DateTimeOffset since, CancellationToken ct = default)
    {
        var byPhone = await db.Callbacks.AsNoTracking()
            .Where(b => b.EstateId == estateId && (b.LastAttemptAt >= since || b.DoneAt >= since))
            .Join(db.Cases.Where(c => c.UnitId != null), b => b.CaseId, c => c.Id, (b, c) => c.UnitId!.Value)
            .ToListAsync(ct);
        var written = await db.WrittenCallbackInvitations.AsNoTracking()
            .Where(i => i.EstateId == estateId && i.InvitedAt >= since).Select(i => i.UnitId).ToListAsync(ct);
        return [.. byPhone, .. written];
    }

    /// <summary>Draws the department's round and queues the invitations; saves.</summary>
    public async Task<WrittenCallbackRound> DrawAsync(int departmentId, DateTimeOffset now, int? staffId, string by, CancellationToken ct = default)
    {
        var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == departmentId, ct);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == department.EstateId, ct);
        var units = await db.Units.AsNoTracking().Where(u => u.EstateId == estate.Id).Select(u => u.Id).ToListAsync(ct);
        var excluded = await RecentlyContactedAsync(estate.Id, WrittenCallbackRules.ExclusionStart(now), ct);
        var round = new WrittenCallbackRound
        {
            EstateId = estate.Id, DepartmentId = departmentId, Seed = $"{departmentId}:{now:yyyyMMddHHmmss}", Households = units.Count,
            DrawnAt = now, DrawnByStaffId = staffId, DrawnBy = by,
        };
        var sample = WrittenCallbackRules.Draw(units, excluded, round.Seed);
        foreach (var unit in sample)
            round.Invitations.Add(new WrittenCallbackInvitation { EstateId = estate.Id, UnitId = unit, InvitedAt = now });
        db.WrittenCallbackRounds.Add(round);
        await db.SaveChangesAsync(ct); // invitation ids for the links

        var recipients = await db.UnitMemberships.AsNoTracking()
            .Where(m => m.RevokedAt == null && sample.Contains(m.UnitId))
            .Join(db.People.Where(p => p.Email != null && p.UserId != null), m => m.PersonId, p => p.Id, (m, p) => new { m.UnitId, p.Email, p.FullName, p.Language })
            .Distinct().ToListAsync(ct);
        var byUnit = round.Invitations.ToDictionary(i => i.UnitId);
        foreach (var r in recipients)
            OwnerLanguage.Write(r.Language, () =>
            {
                var invitation = byUnit[r.UnitId];
                var link = PortalUrl + AnswerPath(invitation.Id);
                var subject = t["Mail.WrittenCallback.Subject", estate.Name, department.Name].Value;
                var body = t["Mail.WrittenCallback.Body", r.FullName, estate.Name, department.Name, link].Value;
                Outbox.Enqueue(db, "callback.written", r.Email!, r.FullName, subject, body, MailHtml.FromText(body, link), now);
                invitation.Mails++;
            });
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>The invitation a person may answer: only people of the sampled unit (current membership); null otherwise.</summary>
    public Task<WrittenCallbackInvitation?> ForPersonAsync(long invitationId, int personId, CancellationToken ct = default) =>
        db.WrittenCallbackInvitations
            .Where(i => i.Id == invitationId && db.UnitMemberships.Any(m => m.UnitId == i.UnitId && m.PersonId == personId && m.RevokedAt == null))
            .SingleOrDefaultAsync(ct);

    /// <summary>Records the household's one answer; a second one (online or paper) is refused, also when two arrive at once.</summary>
    public async Task<WrittenAnswerResult> AnswerAsync(WrittenCallbackInvitation invitation, WrittenAnswer answer, DateTimeOffset now,
        int? personId, int? staffId, CancellationToken ct = default)
    {
        if (invitation.IsAnswered) return WrittenAnswerResult.AlreadyAnswered;
        invitation.Answer(answer, now, personId, staffId);
        // Only a row still unanswered is written: the loser of two answers at once changes nothing.
        var written = await db.WrittenCallbackInvitations.Where(i => i.Id == invitation.Id && i.AnsweredAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.AnsweredAt, invitation.AnsweredAt).SetProperty(i => i.IsPaper, invitation.IsPaper)
                .SetProperty(i => i.AnsweredByPersonId, invitation.AnsweredByPersonId).SetProperty(i => i.EnteredByStaffId, invitation.EnteredByStaffId)
                .SetProperty(i => i.Quality, invitation.Quality).SetProperty(i => i.Timeliness, invitation.Timeliness)
                .SetProperty(i => i.Attitude, invitation.Attitude).SetProperty(i => i.Overall, invitation.Overall)
                .SetProperty(i => i.Comments, invitation.Comments), ct);
        return written == 1 ? WrittenAnswerResult.Saved : WrittenAnswerResult.AlreadyAnswered;
    }

    public sealed record DepartmentCoverage(int DepartmentId, string Department, Coverage Coverage);

    /// <summary>Per department of the estate: distinct households sampled in the year (by the draw's UTC year) / households now.</summary>
    public async Task<IReadOnlyList<DepartmentCoverage>> CoverageAsync(int estateId, int year, CancellationToken ct = default)
    {
        var households = await db.Units.CountAsync(u => u.EstateId == estateId, ct);
        var start = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(-8);
        var end = start.AddYears(1);
        var sampled = await db.WrittenCallbackRounds.AsNoTracking()
            .Where(r => r.EstateId == estateId && r.DrawnAt >= start && r.DrawnAt < end)
            .SelectMany(r => r.Invitations.Select(i => new { r.DepartmentId, i.UnitId }))
            .Distinct().GroupBy(x => x.DepartmentId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return (await db.Departments.AsNoTracking().Where(d => d.EstateId == estateId).OrderBy(d => d.Kind).ThenBy(d => d.Id).ToListAsync(ct))
            .Select(d => new DepartmentCoverage(d.Id, d.Name, WrittenCallbackRules.CoverageOf(sampled.GetValueOrDefault(d.Id), households))).ToList();
    }
}

/// <summary>The questionnaire's form, shared by the Portal answer and the Admin paper entry.</summary>
public class WrittenAnswerInput
{
    [Required(ErrorMessage = "Validation.Required"), Range(1, 5, ErrorMessage = "Validation.Required"),
     Display(Name = "Callbacks.Answer.Quality")]
    public int? Quality { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(1, 5, ErrorMessage = "Validation.Required"),
     Display(Name = "Callbacks.Answer.Timeliness")]
    public int? Timeliness { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(1, 5, ErrorMessage = "Validation.Required"),
     Display(Name = "Callbacks.Answer.Attitude")]
    public int? Attitude { get; set; }
    [Required(ErrorMessage = "Validation.Required"), Range(1, 5, ErrorMessage = "Validation.Required"),
     Display(Name = "Callbacks.Answer.Overall")]
    public int? Overall { get; set; }
    [StringLength(2000, ErrorMessage = "Validation.MaxLength"), Display(Name = "Callbacks.Answer.Comments")]
    public string? Comments { get; set; }

    public static readonly string[] Ratings = [nameof(Quality), nameof(Timeliness), nameof(Attitude), nameof(Overall)];

    public int? Rating(string name) => name switch
    {
        nameof(Quality) => Quality, nameof(Timeliness) => Timeliness, nameof(Attitude) => Attitude, nameof(Overall) => Overall, _ => null,
    };

    /// <summary>Valid input only (the model state checked the ranges).</summary>
    public WrittenAnswer ToAnswer() => new(Quality!.Value, Timeliness!.Value, Attitude!.Value, Overall!.Value, Comments);
}
