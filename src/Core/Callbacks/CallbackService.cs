using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Callbacks;

/// <summary>
/// Callbacks (SPEC 3) across both sites: the estate's current policy, the decision when a case is closed (with the
/// owner's invitation), and recording an answer with its consequences: "not fixed" or overall 1-2 reopens the case
/// with a new deadline, "partly fixed" asks the department for a follow-up. Changes are added to the caller's context;
/// the caller saves.
/// </summary>
public sealed class CallbackService(OwnerPortalDbContext db, IStringLocalizer<Strings> t, IConfiguration config, CaseMail caseMail)
{
    /// <summary>Working days the department gets after a dissatisfied callback, and for a follow-up.</summary>
    public const int FollowUpWorkingDays = 3;
    /// <summary>Online answer links stay valid this long after the window closes (late answers still count as answers).</summary>
    public static readonly TimeSpan LinkGrace = TimeSpan.FromDays(14);

    private static readonly Actor CallbackActor = Actor.System;
    private string PortalUrl => (config["PortalUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    /// <summary>The estate's highest policy version; an estate without one gets version 1 = SPEC 3's table.</summary>
    public async Task<CallbackPolicy> CurrentPolicyAsync(int estateId, DateTimeOffset now, CancellationToken ct = default)
    {
        var policy = db.CallbackPolicies.Local.Where(p => p.EstateId == estateId).MaxBy(p => p.Version)
            ?? await db.CallbackPolicies.IgnoreQueryFilters().Include(p => p.Rules)
                .Where(p => p.EstateId == estateId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (policy is not null) return policy;
        policy = CallbackPolicy.Create(estateId, 1, CallbackPreset.Standard002, CallbackPresets.Rules(CallbackPreset.Standard002), now, null, "system");
        db.CallbackPolicies.Add(policy);
        return policy;
    }

    /// <summary>A new policy version for the estate, by a staff member.</summary>
    public async Task<CallbackPolicy> SavePolicyAsync(int estateId, CallbackPreset basedOn, IEnumerable<CallbackRule> rules,
        DateTimeOffset now, int? staffId, string by, string? note, CancellationToken ct = default)
    {
        var current = await db.CallbackPolicies.IgnoreQueryFilters().Where(p => p.EstateId == estateId).MaxAsync(p => (int?)p.Version, ct) ?? 0;
        var policy = CallbackPolicy.Create(estateId, current + 1, basedOn, rules, now, staffId, by, note);
        db.CallbackPolicies.Add(policy);
        return policy;
    }

    /// <summary>
    /// Decides the callback of a case that has just been closed (completion = closure, 销项, after verification) and,
    /// when selected, invites the reporter to answer online. Null for cases no SPEC 3 row covers (suggestions).
    /// </summary>
    public async Task<Callback?> DecideAsync(Case c, DateTimeOffset now, CancellationToken ct = default)
    {
        var completed = CompletedCase.Of(c, c.ClosedAt ?? now);
        if (CallbackSampling.KindOf(completed) is not { } kind || c.IsTest) return null;
        var round = c.ReopenCount;
        var existing = (await db.Callbacks.IgnoreQueryFilters().Where(x => x.CaseId == c.Id).ToListAsync(ct))
            .Union(db.Callbacks.Local.Where(x => x.CaseId == c.Id)).ToList();
        if (existing.FirstOrDefault(x => x.Round == round) is { } already) return already;
        existing.ForEach(x => x.Supersede());

        var policy = await CurrentPolicyAsync(c.EstateId, now, ct);
        var rules = await EstateRules.LoadAsync(db, c.EstateId, ct);
        var decision = CallbackSampling.Decide(completed, kind, policy, rules.Calendar);
        var callback = Callback.FromDecision(c.Id, round, policy, decision, c.AssignedStaffId, c.AssignedDepartmentId, completed.CompletedAt, now);
        db.Callbacks.Add(callback);
        if (callback.IsOpen) await InviteAsync(c, callback, now, ct);
        return callback;
    }

    /// <summary>The invitation mail: three one-tap answers and the full form, each a signed link.</summary>
    private async Task InviteAsync(Case c, Callback callback, DateTimeOffset now, CancellationToken ct)
    {
        if (c.ReporterPersonId is not { } personId) return;
        var owner = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == personId && p.Email != null && p.UserId != null)
            .Select(p => new { p.Email, p.FullName, p.Language }).FirstOrDefaultAsync(ct);
        if (owner is null) return;
        var key = await CallbackLinks.KeyAsync(db, now, ct);
        string Link(CallbackOutcome? o) => PortalUrl + AnswerPath(key, c.Id, callback.Round, callback.DueUntil, o);
        string[] links = [Link(CallbackOutcome.Fixed), Link(CallbackOutcome.PartlyFixed), Link(CallbackOutcome.NotFixed), Link(null)];
        OwnerLanguage.Write(owner.Language, () =>
        {
            var subject = t["Mail.Callback.Subject", c.Reference].Value;
            var body = t["Mail.Callback.Body", owner.FullName, c.Reference, links[0], links[1], links[2], links[3]].Value;
            Outbox.Enqueue(db, "callback.invitation", owner.Email!, owner.FullName, subject, body, MailHtml.FromText(body, links), now);
        });
    }

    /// <summary>The Portal path answering a callback (case and round), with the one-tap answer or none; valid until the window's end plus the grace.</summary>
    public static string AnswerPath(byte[] key, long caseId, int round, DateTimeOffset dueUntil, CallbackOutcome? outcome = null) =>
        "/Callbacks/Answer?t=" + CallbackLinks.Create(key, caseId, round, outcome, dueUntil + LinkGrace);

    /// <summary>An answer from the phone, a visit or the portal, with what follows from it for the case.</summary>
    public async Task RecordAsync(Callback callback, Case c, CallbackAnswer answer, DateTimeOffset now, int? staffId, string? by,
        int? personId, CancellationToken ct = default)
    {
        callback.RecordAnswer(answer, now, staffId, by, personId);
        var calendar = (await EstateRules.LoadAsync(db, c.EstateId, ct)).Calendar;
        var due = calendar.AddWorkingDays(now, FollowUpWorkingDays);
        var outcome = OwnerLanguage.Write(() => t[$"CallbackOutcome.{answer.Outcome}"].Value);
        if (answer.Dissatisfied && CaseWorkflow.CanPerform(CaseAction.Reopen, c.Status, CallbackActor))
        {
            var reason = OwnerLanguage.Write(() => t["Callbacks.ReopenReason", outcome, answer.Overall?.ToString() ?? "-", answer.Comments ?? ""].Value.Trim());
            c.Reopen(CallbackActor, now, reason, due);
            await caseMail.NotifyAsync(c, CaseEventKind.Reopened, reason, now, ct);
            await NotifyDepartmentAsync(c, "Mail.Callback.Reopened", reason, now, ct);
        }
        else if (answer.Outcome == CallbackOutcome.PartlyFixed && CaseWorkflow.CanPerform(CaseAction.RequestFollowUp, c.Status, CallbackActor))
        {
            var note = OwnerLanguage.Write(() => t["Callbacks.FollowUpNote", answer.Comments ?? ""].Value.Trim());
            c.RequestFollowUp(CallbackActor, now, note);
            callback.RequestFollowUp(c.AssignedDepartmentId, due);
            await NotifyDepartmentAsync(c, "Mail.Callback.FollowUp", note, now, ct);
        }
    }

    /// <summary>Not reached: the next try on the next working day; the third failed try records the owner as unreachable.</summary>
    public async Task RecordUnreachedAsync(Callback callback, DateTimeOffset now, int? staffId, string by, string? comments, CancellationToken ct = default)
    {
        var calendar = (await EstateRules.LoadAsync(db, callback.EstateId, ct)).Calendar;
        callback.RecordUnreached(now, calendar.AddWorkingDays(now, 1), staffId, by, comments);
    }

    /// <summary>A special event recorded by the estate manager: the home visit falls due by the policy's special-event row.</summary>
    public async Task<SpecialEvent> RecordSpecialEventAsync(int estateId, string household, string description, DateOnly occurredOn,
        DateTimeOffset now, int? staffId, string by, CancellationToken ct = default)
    {
        var policy = await CurrentPolicyAsync(estateId, now, ct);
        var rule = policy.RuleFor(CallbackKind.SpecialEvent) ?? CallbackPresets.Rules(CallbackPreset.Standard002).Single(r => r.Kind == CallbackKind.SpecialEvent);
        var calendar = (await EstateRules.LoadAsync(db, estateId, ct)).Calendar;
        var e = SpecialEvent.Record(estateId, household, description, occurredOn, policy, rule.Window(now, calendar), now, staffId, by);
        db.SpecialEvents.Add(e);
        return e;
    }

    /// <summary>Mails the supervisors of the department that handled the case.</summary>
    private async Task NotifyDepartmentAsync(Case c, string key, string text, DateTimeOffset now, CancellationToken ct)
    {
        if (c.AssignedDepartmentId is not { } department) return;
        var supervisors = await db.Staff.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.DepartmentId == department && s.IsActive && s.Role == StaffRole.DepartmentSupervisor)
            .Select(s => new { s.Email, s.FullName, s.Language }).ToListAsync(ct);
        var adminUrl = (config["AdminUrl"] ?? "http://127.0.0.1:5090").TrimEnd('/');
        var link = $"{adminUrl}/Cases/Detail/{c.Id}";
        foreach (var s in supervisors)
            OwnerLanguage.Write(s.Language, () =>
            {
                var subject = t[$"{key}.Subject", c.Reference].Value;
                var body = t[$"{key}.Body", s.FullName, c.Reference, text, link].Value;
                Outbox.Enqueue(db, "callback.department", s.Email, s.FullName, subject, body, MailHtml.FromText(body, link), now);
            });
    }
}
