using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Demo;

internal sealed class CaseRow
{
    public long Id; public int EstateId; public string Reference = ""; public CaseType Type; public CaseChannel Channel;
    public CaseStatus Status; public ComplaintClass? Class; public CaseCategory? Category; public bool IsMajor;
    public decimal? Compensation; public CaseLocation Location; public int? UnitId; public int? PublicAreaId;
    public string Description = ""; public bool IsUrgent; public string? PreferredContactTime; public int? ReporterPersonId;
    public string ReporterName = ""; public string ReporterPhone = ""; public int? DepartmentId; public int? StaffId;
    public string? Plan; public int? PlanSignedOffBy; public DateTimeOffset? DeadlineAt; public DateTimeOffset? RevisedDeadlineAt;
    public DateTimeOffset FeedbackDueAt, ResponseDueAt, EscalationDueAt, ReceivedAt, UpdatedAt;
    public DateTimeOffset? NextDueAt, AcknowledgedAt, RespondedAt, ClassifiedAt, PlannedAt, StartedAt, ResolvedAt,
        VerifiedAt, ClosedAt, WithdrawnAt, EscalatedAt, MajorReportedAt;
    public int ReopenCount, VerificationFailures; public bool? SuggestionAdopted; public string? SuggestionReply;
}

internal readonly record struct EventRow(long Id, long CaseId, DateTimeOffset At, CaseEventKind Kind, CaseStatus? From,
    CaseStatus? To, ActorKind ActorKind, string ActorName, int? StaffId, int? PersonId, string? Text, bool IsPublic);

/// <summary>
/// Plays one case through the SPEC 2 workflow with realistic delays, stopping wherever "now" (the anchor)
/// falls, so recent cases are open and old ones mostly closed. Every step leaves its timeline entry.
/// </summary>
internal sealed class CaseSimulator(CompanySettings settings, WorkingCalendar calendar, DateTimeOffset now)
{
    private static readonly CaseCategory[] ComplaintCategories =
        [CaseCategory.ServiceAttitude, CaseCategory.Facilities, CaseCategory.Facilities, CaseCategory.Facilities, CaseCategory.Sanitation,
         CaseCategory.Sanitation, CaseCategory.Greening, CaseCategory.Security, CaseCategory.Security, CaseCategory.Charges,
         CaseCategory.NeighbourDispute, CaseCategory.NeighbourDispute, CaseCategory.Other];
    private static readonly string[] ContactTimes = ["工作日晚上 19:00 后", "周末全天", "上午 9:00-12:00", "随时"];

    public CaseRow Simulate(Random r, long id, int estateId, string reference, DateTimeOffset receivedAt, int unitId,
        int ownerId, string ownerName, string ownerPhone, int[] areaIds, string[] areaNames,
        Dictionary<DepartmentKind, int> departments, DemoStaff[] dispatchers, Dictionary<DepartmentKind, DemoStaff> supervisors,
        DemoStaff manager, List<EventRow> events, ref long eventId)
    {
        var roll = r.NextDouble();
        var type = roll < 0.45 ? CaseType.Complaint : roll < 0.9 ? CaseType.RepairRequest : CaseType.Suggestion;
        var category = type switch
        {
            CaseType.RepairRequest => r.NextDouble() < 0.9 ? CaseCategory.Facilities : CaseCategory.Other,
            _ => ComplaintCategories[r.Next(ComplaintCategories.Length)],
        };
        var publicShare = type switch { CaseType.Complaint => 0.5, CaseType.RepairRequest => 0.3, _ => 0.75 };
        var area = r.NextDouble() < publicShare ? r.Next(areaIds.Length) : -1;
        roll = r.NextDouble();
        var channel = roll < 0.45 ? CaseChannel.Portal : roll < 0.75 ? CaseChannel.Phone : roll < 0.9 ? CaseChannel.Visit
            : roll < 0.93 ? CaseChannel.Mailbox : CaseChannel.Hotline;
        var due = CaseDeadlines.ForReceipt(receivedAt, settings, calendar);
        var c = new CaseRow
        {
            Id = id, EstateId = estateId, Reference = reference, Type = type, Channel = channel, Category = category,
            Location = area >= 0 ? CaseLocation.PublicArea : CaseLocation.OwnUnit, UnitId = unitId,
            PublicAreaId = area >= 0 ? areaIds[area] : null,
            Description = DemoText.Description(r, type, category, area >= 0 ? areaNames[area] : null),
            IsUrgent = r.NextDouble() < 0.08, PreferredContactTime = r.NextDouble() < 0.5 ? ContactTimes[r.Next(ContactTimes.Length)] : null,
            ReporterPersonId = ownerId, ReporterName = ownerName, ReporterPhone = ownerPhone, ReceivedAt = receivedAt,
            FeedbackDueAt = due.FeedbackDueAt, ResponseDueAt = due.ResponseDueAt, EscalationDueAt = due.EscalationDueAt,
            Status = CaseStatus.Received, UpdatedAt = receivedAt,
        };
        var dispatcher = dispatchers[r.Next(dispatchers.Length)];
        var owner = (Kind: ActorKind.Owner, Name: ownerName, Staff: (int?)null, Person: (int?)ownerId);
        var dispatch = (Kind: ActorKind.Staff, Name: dispatcher.Name, Staff: (int?)dispatcher.Id, Person: (int?)null);
        var system = (Kind: ActorKind.System, Name: "system", Staff: (int?)null, Person: (int?)null);
        var intake = channel == CaseChannel.Portal ? owner : dispatch;

        var evId = eventId;
        void Event(DateTimeOffset at, CaseEventKind kind, CaseStatus? to, (ActorKind Kind, string Name, int? Staff, int? Person) who, string? text, bool isPublic)
        {
            events.Add(new EventRow(++evId, id, at, kind, to is null ? null : c.Status, to, who.Kind, who.Name, who.Staff, who.Person, text, isPublic));
            if (to is { } s) c.Status = s;
            c.UpdatedAt = at;
        }
        bool Reached(DateTimeOffset at) => at <= now;

        Event(receivedAt, CaseEventKind.Received, CaseStatus.Received, intake, null, true);
        try
        {
            // 2.5% are withdrawn by the owner before anyone answered.
            if (r.NextDouble() < 0.025)
            {
                var at = receivedAt.AddMinutes(r.Next(10, 300));
                if (Reached(at)) { c.WithdrawnAt = at; Event(at, CaseEventKind.Withdrawn, CaseStatus.Withdrawn, owner, "问题已自行解决", true); }
                return c;
            }
            var ageDays = (now - receivedAt).TotalDays;
            // How far this case gets: old cases nearly all close, young ones are spread over the steps.
            var closes = r.NextDouble() < ageDays switch { > 60 => 0.995, > 30 => 0.97, > 14 => 0.88, > 7 => 0.6, > 3 => 0.4, > 1 => 0.15, _ => 0.03 };
            // Older cases that are still open are stuck late in the workflow (in progress, awaiting verification).
            CaseStatus[] stuck = [CaseStatus.Planned, CaseStatus.InProgress, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Verified];
            var stopAt = closes ? CaseStatus.Closed
                : ageDays > 14 ? stuck[r.Next(stuck.Length)]
                : (CaseStatus)r.Next((int)CaseStatus.Received, (int)CaseStatus.Closed);

            // 1. acknowledged with a public reply: mostly within hours, some late.
            roll = r.NextDouble();
            var ack = receivedAt.AddHours(roll < 0.85 ? 0.2 + r.NextDouble() * 8 : roll < 0.94 ? 8 + r.NextDouble() * 15 : 24 + r.NextDouble() * 36);
            if (stopAt < CaseStatus.Acknowledged || !Reached(ack)) return c;
            c.AcknowledgedAt = ack;
            c.RespondedAt = r.NextDouble() < 0.9 ? ack : ack.AddHours(2 + r.NextDouble() * 30);
            Event(ack, CaseEventKind.Acknowledged, CaseStatus.Acknowledged, dispatch, DemoText.AcknowledgeReplies[r.Next(DemoText.AcknowledgeReplies.Length)], true);

            // 2. classified and assigned.
            var assigned = ack.AddHours(0.2 + r.NextDouble() * 5);
            if (stopAt < CaseStatus.Assigned || !Reached(assigned)) return c;
            var deptKind = DemoText.DepartmentFor(category);
            var supervisor = supervisors[deptKind];
            c.ClassifiedAt = assigned; c.DepartmentId = departments[deptKind]; c.StaffId = supervisor.Id;
            if (type == CaseType.Complaint)
            {
                roll = r.NextDouble();
                c.Class = roll < 0.85 ? ComplaintClass.Service : roll < 0.95 ? ComplaintClass.Developer : ComplaintClass.External;
                if (r.NextDouble() < 0.025)
                {
                    c.IsMajor = true;
                    c.Compensation = r.Next(12, 200) * 100m;
                    c.MajorReportedAt = calendar.AddWorkingDays(assigned, 1).AddHours(-r.Next(1, 20));
                    if (c.MajorReportedAt < assigned) c.MajorReportedAt = assigned.AddHours(1);
                }
            }
            Event(assigned, CaseEventKind.Classified, null, dispatch, c.Class is { } k ? $"{k:D} 类投诉" : null, false);
            Event(assigned, CaseEventKind.Assigned, CaseStatus.Assigned, dispatch, DemoText.Departments.First(d => d.Kind == deptKind).Name, true);
            if (c.MajorReportedAt is { } reported && Reached(reported))
                Event(reported, CaseEventKind.MajorReported, null, (ActorKind.Staff, manager.Name, manager.Id, null), $"索赔 {c.Compensation:0} 元，已报全质办", false);

            // 3. the department's plan and deadline, signed off by its supervisor.
            var sup = (Kind: ActorKind.Staff, Name: supervisor.Name, Staff: (int?)supervisor.Id, Person: (int?)null);
            var planned = assigned.AddHours(1 + r.NextDouble() * 18);
            if (stopAt < CaseStatus.Planned || !Reached(planned)) return c;
            c.PlannedAt = planned; c.PlanSignedOffBy = supervisor.Id;
            c.Plan = type == CaseType.Suggestion ? "评估建议的可行性并答复业主" : DemoText.Plans[r.Next(DemoText.Plans.Length)];
            c.DeadlineAt = planned.AddDays(c.IsUrgent ? 1 : r.Next(1, 8));
            Event(planned, CaseEventKind.Planned, CaseStatus.Planned, sup, c.Plan, true);

            // 4. in progress; a late case often gets a new reply date before its deadline.
            var started = planned.AddHours(r.NextDouble() * 20);
            if (stopAt < CaseStatus.InProgress || !Reached(started)) return c;
            c.StartedAt = started;
            Event(started, CaseEventKind.Started, CaseStatus.InProgress, sup, null, true);
            var late = r.NextDouble() < 0.15;
            var resolved = late
                ? c.DeadlineAt.Value.AddHours(12 + r.NextDouble() * 200)
                : started.AddSeconds(r.NextDouble() * Math.Max(3600, (c.DeadlineAt.Value - started).TotalSeconds));
            if (late && r.NextDouble() < 0.5)
            {
                var revisedAt = c.DeadlineAt.Value.AddHours(-6);
                if (Reached(revisedAt) && revisedAt > started)
                {
                    c.RevisedDeadlineAt = resolved.AddHours(r.Next(0, 48));
                    Event(revisedAt, CaseEventKind.DeadlineRevised, null, sup, "需等待配件到货，完成时间顺延", true);
                }
            }
            if (type == CaseType.Complaint && (Reached(c.EscalationDueAt) && resolved > c.EscalationDueAt))
            {
                c.EscalatedAt = c.EscalationDueAt;
                Event(c.EscalationDueAt, CaseEventKind.Escalated, null, system, "超过 7 天未解决，已书面上报公司领导和全质办", false);
            }

            // 5. resolved -> verified (sometimes failed once) -> closed, possibly reopened after the callback.
            if (stopAt < CaseStatus.Resolved || !Reached(resolved)) return c;
            Resolve(resolved);
            var verified = resolved.AddHours(2 + r.NextDouble() * 40);
            if (r.NextDouble() < 0.05 && Reached(verified))
            {
                c.VerificationFailures++;
                Event(verified, CaseEventKind.VerificationFailed, CaseStatus.InProgress, dispatch, DemoText.VerificationFailReasons[r.Next(2)], false);
                var again = verified.AddHours(8 + r.NextDouble() * 60);
                if (!Reached(again)) return c;
                Resolve(again);
                verified = again.AddHours(2 + r.NextDouble() * 30);
            }
            if (stopAt < CaseStatus.Verified || !Reached(verified)) return c;
            c.VerifiedAt = verified;
            Event(verified, CaseEventKind.Verified, CaseStatus.Verified, dispatch, "现场验证合格", true);
            var closed = verified.AddMinutes(r.Next(5, 180));
            if (stopAt < CaseStatus.Closed || !Reached(closed)) return c;
            Close(closed);

            if (r.NextDouble() < 0.04)
            {
                var reopened = closed.AddDays(1 + r.NextDouble() * 3);
                if (!Reached(reopened)) return c;
                c.ReopenCount++; c.ClosedAt = null; c.VerifiedAt = null; c.ResolvedAt = null;
                Event(reopened, CaseEventKind.Reopened, CaseStatus.InProgress, dispatch, "回访业主表示不满意，重新处理", true);
                var fixedAgain = reopened.AddHours(12 + r.NextDouble() * 72);
                if (!Reached(fixedAgain)) return c;
                Resolve(fixedAgain);
                var verifiedAgain = fixedAgain.AddHours(2 + r.NextDouble() * 24);
                if (!Reached(verifiedAgain)) return c;
                c.VerifiedAt = verifiedAgain;
                Event(verifiedAgain, CaseEventKind.Verified, CaseStatus.Verified, dispatch, "复查合格", true);
                var closedAgain = verifiedAgain.AddMinutes(r.Next(5, 120));
                if (Reached(closedAgain)) Close(closedAgain);
            }
            return c;

            void Resolve(DateTimeOffset at)
            {
                c.ResolvedAt = at;
                Event(at, CaseEventKind.Resolved, CaseStatus.Resolved, sup, DemoText.ResolvedNotes[r.Next(DemoText.ResolvedNotes.Length)], true);
                if (type == CaseType.Suggestion && c.SuggestionAdopted is null)
                {
                    c.SuggestionAdopted = r.NextDouble() < 0.6;
                    var replies = c.SuggestionAdopted.Value ? DemoText.SuggestionAdoptedReplies : DemoText.SuggestionDeclinedReplies;
                    c.SuggestionReply = replies[r.Next(replies.Length)];
                    Event(at, CaseEventKind.SuggestionAnswered, null, sup, c.SuggestionReply, true);
                }
            }
            void Close(DateTimeOffset at)
            {
                c.ClosedAt = at;
                Event(at, CaseEventKind.Closed, CaseStatus.Closed, dispatch, null, true);
            }
        }
        finally
        {
            // An open complaint past its escalation time has been escalated by the sweep (EscalationSweep).
            if (type == CaseType.Complaint && c.Status < CaseStatus.Resolved && c.EscalatedAt is null && Reached(c.EscalationDueAt))
            {
                c.EscalatedAt = c.EscalationDueAt;
                Event(c.EscalationDueAt, CaseEventKind.Escalated, null, system, "超过处理时限未解决，已书面上报公司领导和全质办。", false);
            }
            c.NextDueAt = Case.NextDueFor(c.Status, c.FeedbackDueAt, c.ResponseDueAt, c.DeadlineAt, c.RevisedDeadlineAt);
            eventId = evId;
        }
    }
}

internal sealed record DemoStaff(int Id, string Name);
