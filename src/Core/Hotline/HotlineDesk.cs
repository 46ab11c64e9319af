using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Hotline;

/// <summary>One desk matter as the desk, the estate and the daily report show it.</summary>
public sealed record HotlineView(long Id, int EstateId, string Estate, long? CaseId, string? CaseReference, HotlineSource Source,
    DateTimeOffset ReceivedAt, string CallerName, string CallerPhone, string? Unit, string Subject, HotlineFacts Facts,
    HotlineStage Stage, bool? FirstResponseInTime);

/// <summary>A hotline call as the desk takes it down.</summary>
public sealed record HotlineCall(int EstateId, int? UnitId, int? ReporterPersonId, string CallerName, string CallerPhone, string Subject,
    CaseType Type, CaseCategory? Category, int? PublicAreaId, long? ExistingCaseId, Guid? IdempotencyKey);

/// <summary>
/// The quality office's GM hotline desk: taking calls (filed as Hotline cases through the usual intake), owners'
/// appeals from the Portal, the handling file to the estate with a mail to its manager, and the facts the desk
/// tracks (the estate's replies on the case and the closing of the case count as response and completion).
/// </summary>
public static class HotlineDesk
{
    /// <summary>Takes a call: files a Hotline case (or links to the existing one) and opens the desk matter. A double submit returns the first.</summary>
    public static async Task<HotlineTicket> TakeCallAsync(OwnerPortalDbContext db, HotlineCall call, Actor actor, DateTimeOffset now,
        CancellationToken ct = default)
    {
        long caseId;
        if (call.ExistingCaseId is { } existingCase)
        {
            caseId = existingCase;
        }
        else
        {
            var details = new NewCase(call.EstateId, call.Type, CaseChannel.Hotline,
                call.PublicAreaId is null ? CaseLocation.OwnUnit : CaseLocation.PublicArea, call.Subject,
                UnitId: call.UnitId, PublicAreaId: call.PublicAreaId, Category: call.Category, ReporterPersonId: call.ReporterPersonId,
                ReporterName: call.CallerName, ReporterPhone: call.CallerPhone, IdempotencyKey: call.IdempotencyKey);
            caseId = (await CaseIntake.FileAsync(db, details, actor, now, ct: ct)).Case.Id;
        }
        if (await OpenTicketOfAsync(db, caseId, ct) is { } open) return open;
        var ticket = HotlineTicket.Open(call.EstateId, caseId, HotlineSource.Call, now, call.CallerName, call.CallerPhone, call.UnitId,
            call.Subject, actor.StaffId, actor.Name);
        db.HotlineTickets.Add(ticket);
        await db.SaveChangesAsync(ct);
        return ticket;
    }

    /// <summary>An owner's appeal to the company puts the case on the desk (once while the matter is open); saved by the caller.</summary>
    public static async Task OnOwnerEscalationAsync(OwnerPortalDbContext db, Case c, Actor owner, string text, DateTimeOffset now,
        CancellationToken ct = default)
    {
        if (await OpenTicketOfAsync(db, c.Id, ct) is not null) return;
        var phone = await db.People.Where(p => p.Id == owner.PersonId).Select(p => p.Phone).FirstOrDefaultAsync(ct) ?? c.ReporterPhone;
        var name = string.IsNullOrWhiteSpace(owner.Name) ? c.ReporterName : owner.Name;
        db.HotlineTickets.Add(HotlineTicket.Open(c.EstateId, c.Id, HotlineSource.OwnerEscalation, now, name, phone, c.UnitId, text, null, owner.Name));
    }

    private static Task<HotlineTicket?> OpenTicketOfAsync(OwnerPortalDbContext db, long caseId, CancellationToken ct) =>
        db.HotlineTickets.FirstOrDefaultAsync(t => t.CaseId == caseId && t.ClosedAt == null, ct);

    /// <summary>Sends the handling file (处理单) to the estate and mails its managers (outbox, in the caller's save).</summary>
    public static async Task SendHandlingFileAsync(OwnerPortalDbContext db, HotlineTicket ticket, string note, string by, DateTimeOffset now,
        IStringLocalizer<Strings> t, string adminUrl, CancellationToken ct = default)
    {
        ticket.SendHandlingFile(now, note, by);
        var managers = await db.Staff.AsNoTracking()
            .Where(s => s.EstateId == ticket.EstateId && s.Role == StaffRole.EstateManager && s.IsActive)
            .Select(s => new { s.Email, s.FullName, s.Language }).ToListAsync(ct);
        var reference = await db.Cases.Where(c => c.Id == ticket.CaseId).Select(c => c.Reference).FirstOrDefaultAsync(ct) ?? "";
        var link = $"{adminUrl.TrimEnd('/')}/Hotline/Detail/{ticket.Id}";
        var due = ticket.FirstResponseDueAt;
        foreach (var m in managers)
            OwnerLanguage.Write(m.Language, () =>
            {
                var subject = t["Mail.Hotline.Subject", reference].Value;
                var body = t["Mail.Hotline.Body", m.FullName, reference, ticket.Subject, ticket.HandlingFileNote!,
                    Time.LocalTime.Format(due, Time.LocalTime.Zone(null)), link].Value;
                Outbox.Enqueue(db, "hotline.handling-file", m.Email, m.FullName, subject, body, MailHtml.FromText(body, link), now);
            });
    }

    /// <summary>The matters of <paramref name="tickets"/> with their facts: replies by estate staff on the case and its closing included.</summary>
    public static async Task<IReadOnlyList<HotlineView>> LoadAsync(OwnerPortalDbContext db, IQueryable<HotlineTicket> tickets, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var rows = await tickets.AsNoTracking()
            .Select(x => new
            {
                x.Id, x.EstateId, Estate = db.Estates.Where(e => e.Id == x.EstateId).Select(e => e.Name).First(),
                x.CaseId,
                Case = db.Cases.Where(c => c.Id == x.CaseId).Select(c => new { c.Reference, c.ClosedAt }).FirstOrDefault(),
                x.Source, x.ReceivedAt, x.CallerName, x.CallerPhone,
                Unit = db.Units.Where(u => u.Id == x.UnitId).Select(u => u.Number).FirstOrDefault(),
                x.Subject, x.HandlingFileSentAt, x.FirstResponseAt, x.CompletedAt, x.ClosedAt,
            })
            .ToListAsync(ct);
        var caseIds = rows.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        var kinds = HotlineRules.CaseReplyKinds.ToList();
        var replies = (await db.CaseEvents.AsNoTracking()
                .Where(e => caseIds.Contains(e.CaseId) && e.ActorKind == ActorKind.Staff && kinds.Contains(e.Kind)
                            && (e.Kind != CaseEventKind.Comment || e.IsPublic)
                            && db.Staff.Any(s => s.Id == e.ActorStaffId && s.EstateId != null))
                .Select(e => new { e.CaseId, e.At }).ToListAsync(ct))
            .ToLookup(e => e.CaseId, e => e.At);
        return rows.Select(r =>
        {
            var firstReply = r.CaseId is { } id ? replies[id].Where(at => at >= r.ReceivedAt).Select(at => (DateTimeOffset?)at).Min() : null;
            var facts = new HotlineFacts(r.ReceivedAt, r.HandlingFileSentAt, r.FirstResponseAt, r.CompletedAt, r.ClosedAt, firstReply, r.Case?.ClosedAt);
            return new HotlineView(r.Id, r.EstateId, r.Estate, r.CaseId, r.Case?.Reference, r.Source, r.ReceivedAt, r.CallerName, r.CallerPhone,
                r.Unit, r.Subject, facts, HotlineRules.Stage(facts, now), HotlineRules.FirstResponseInTime(facts, now));
        }).ToList();
    }
}
