using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Identity;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>Callbacks on real PostgreSQL: the due list's views, the decision at closure, and a dissatisfied answer.</summary>
public class CallbackDatabaseTests
{
    private sealed record Scope(int? EstateId) : IEstateScope { public bool IsRestricted => true; }
    private static readonly DateTimeOffset Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static async Task<string> DemoAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        return cs;
    }

    private static CallbackService Service(OwnerPortalDbContext db)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PortalUrl"] = "https://portal.example" }).Build();
        return new CallbackService(db, TestStrings.Localizer, config, new CaseMail(db, TestStrings.Localizer, config));
    }

    [Fact]
    public async Task The_due_list_shows_no_case_twice_and_none_outside_the_window_or_the_estate()
    {
        var cs = await DemoAsync();
        var now = DateTimeOffset.UtcNow;
        var endOfToday = now.AddHours(10);
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var service = Service(db);
            var closed = new List<Case>();
            foreach (var estate in await db.Estates.Select(e => e.Id).ToListAsync())
                closed.AddRange(await db.Cases.Where(c => c.EstateId == estate && c.Status == CaseStatus.Closed && c.Type != CaseType.Suggestion
                        && !db.Callbacks.Any(b => b.CaseId == c.Id))
                    .OrderBy(c => c.Id).Take(100).ToListAsync());
            Assert.True(closed.Select(c => c.EstateId).Distinct().Count() >= 3);
            var policies = new Dictionary<int, CallbackPolicy>();
            var i = 0;
            foreach (var c in closed)
            {
                if (!policies.TryGetValue(c.EstateId, out var policy)) policies[c.EstateId] = policy = await service.CurrentPolicyAsync(c.EstateId, now);
                // Windows around now: ended, running, starting later today, starting tomorrow; some with a retry tomorrow.
                var (from, until) = (i % 5) switch
                {
                    0 => (now.AddDays(-5), now.AddDays(-1)),
                    1 => (now.AddDays(-1), now.AddDays(2)),
                    2 => (now.AddHours(2), now.AddDays(3)),
                    3 => (now.AddDays(2), now.AddDays(9)),
                    _ => (now.AddDays(-2), now.AddMinutes(-1)),
                };
                var decision = new CallbackDecision(CallbackKind.Complaint, policy.Version, 100, 0.5, i % 7 == 0 ? CallbackReason.NotSampled : CallbackReason.Always,
                    CallbackBy.CustomerService, from, until);
                var callback = Callback.FromDecision(c.Id, 0, policy, decision, c.AssignedStaffId, c.AssignedDepartmentId, now.AddDays(-3), now);
                if (i % 11 == 0 && callback.IsOpen) callback.RecordUnreached(now.AddHours(-1), now.AddDays(1), null, "客服", null);
                if (i % 13 == 0 && callback.IsOpen) callback.RecordAnswer(new CallbackAnswer(CallbackChannel.Phone, CallbackOutcome.Fixed, 5, 5, 5, 5, null), now, null, "客服", null);
                db.Callbacks.Add(callback);
                // Every tenth case was reopened and closed again: round 1 supersedes round 0.
                if (i % 10 == 1 && callback.IsOpen)
                {
                    callback.Supersede();
                    db.Callbacks.Add(Callback.FromDecision(c.Id, 1, policy, decision with { Reason = CallbackReason.Required }, null, null, now.AddDays(-1), now));
                }
                i++;
            }
            await db.SaveChangesAsync();
        }

        await using var all = new OwnerPortalDbContext(TestDatabase.Options(cs));
        foreach (var estate in await all.Estates.Select(e => e.Id).ToListAsync())
        {
            await using var scoped = new OwnerPortalDbContext(TestDatabase.Options(cs), new Scope(estate));
            var seen = new List<long>();
            foreach (var view in Enum.GetValues<DueView>())
            {
                var rows = await CallbackDueList.Filter(scoped, view, now, endOfToday).AsNoTracking().ToListAsync();
                Assert.All(rows, r => Assert.Equal((estate, CallbackStatus.Due), (r.EstateId, r.Status)));
                Assert.Equal(rows.Count, rows.Select(r => r.CaseId).Distinct().Count());
                if (view == DueView.Today)
                    Assert.All(rows, r => Assert.True(r.DueFrom < endOfToday && r.DueUntil >= now && (r.RetryAt is null || r.RetryAt < endOfToday)));
                if (view == DueView.Overdue) Assert.All(rows, r => Assert.True(r.DueUntil < now));
                if (view == DueView.Upcoming) Assert.All(rows, r => Assert.True(r.DueUntil >= now && (r.DueFrom >= endOfToday || r.RetryAt >= endOfToday)));
                seen.AddRange(rows.Select(r => r.CaseId));
            }
            // The views split the estate's open callbacks: each exactly once.
            Assert.Equal(seen.Count, seen.Distinct().Count());
            var open = await all.Callbacks.Where(b => b.EstateId == estate && b.Status == CallbackStatus.Due).Select(b => b.CaseId).ToListAsync();
            Assert.Equal(open.Order(), seen.Order());
            Assert.NotEmpty(seen);
        }
    }

    [Fact]
    public async Task Closing_decides_once_and_a_not_fixed_answer_reopens_the_case_for_the_department()
    {
        var cs = await DemoAsync();
        var now = DateTimeOffset.UtcNow;
        long caseId;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
            var c = await db.Cases.Where(x => x.Status == CaseStatus.Closed && x.Type == CaseType.Complaint && x.AssignedDepartmentId != null && !x.IsMajor
                && !db.Callbacks.Any(b => b.CaseId == x.Id))
                .OrderBy(x => x.Id).FirstAsync();
            db.Entry(c).Property(x => x.ReporterPersonId).CurrentValue = owner.Id;
            caseId = c.Id;
            var service = Service(db);
            var callback = await service.DecideAsync(c, now);
            Assert.NotNull(callback);
            Assert.Same(callback, await service.DecideAsync(c, now)); // decided once per round
            await db.SaveChangesAsync();
            // Complaints are all called back under 002 (Always; Required when the owner was dissatisfied on the way).
            Assert.Equal((CallbackStatus.Due, CallbackKind.Complaint, 1, 100), (callback!.Status, callback.Kind, callback.PolicyVersion, callback.SharePercent));
            Assert.Contains(callback.Reason, new[] { CallbackReason.Always, CallbackReason.Required });
            var invitation = await db.Outbox.SingleAsync(m => m.Kind == "callback.invitation");
            Assert.Equal(owner.Email, invitation.To);
            Assert.Contains("https://portal.example/Callbacks/Answer?t=", invitation.TextBody);
        }

        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var c = await db.Cases.SingleAsync(x => x.Id == caseId);
            var callback = await db.Callbacks.SingleAsync(b => b.CaseId == caseId);
            var reopens = c.ReopenCount;
            await Service(db).RecordAsync(callback, c, new CallbackAnswer(CallbackChannel.Portal, CallbackOutcome.NotFixed, null, null, null, null, "还是漏水"),
                now, null, null, c.ReporterPersonId);
            await db.SaveChangesAsync();
            Assert.Equal((CaseStatus.InProgress, reopens + 1), (c.Status, c.ReopenCount));
            Assert.True(c.NextDueAt > now);
            Assert.Equal(CallbackStatus.Done, callback.Status);
            Assert.Contains(await db.Outbox.Select(m => m.Kind).ToListAsync(), k => k == "callback.department");
            // The department's queue has it.
            Assert.True(await WorkQueues.Filter(db.Cases, WorkQueue.MyDepartment, new QueueViewer(null, c.AssignedDepartmentId), now).AnyAsync(x => x.Id == caseId));
            // A second answer is refused.
            Assert.Throws<InvalidOperationException>(() => callback.RecordAnswer(
                new CallbackAnswer(CallbackChannel.Portal, CallbackOutcome.Fixed, null, null, null, 5, null), now, null, null, null));
        }
    }

    /// <summary>An auditor's replay: every demo decision is what the named policy version gives for the case today.</summary>
    [Fact]
    public async Task Every_demo_callback_decision_replays_from_its_policy_version()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var callbacks = await db.Callbacks.AsNoTracking().Include(b => b.Policy!).ThenInclude(p => p.Rules).ToListAsync();
        Assert.Contains(callbacks, b => b.Status == CallbackStatus.Due);
        Assert.Contains(callbacks, b => b.Status == CallbackStatus.Done);
        Assert.Contains(callbacks, b => b.Status == CallbackStatus.NotSelected);
        var calendars = new Dictionary<int, OwnerPortal.Core.Time.WorkingCalendar>();
        foreach (var b in callbacks)
        {
            var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == b.CaseId);
            if (!calendars.TryGetValue(c.EstateId, out var calendar)) calendars[c.EstateId] = calendar = (await EstateRules.LoadAsync(db, c.EstateId)).Calendar;
            var replay = CallbackSampling.Decide(CompletedCase.Of(c, c.ClosedAt!.Value), b.Policy!, calendar)!;
            Assert.Equal((b.Kind, b.Reason, b.SharePercent, b.DueFrom, b.DueUntil), (replay.Kind, replay.Reason, replay.SharePercent, replay.DueFrom, replay.DueUntil));
            Assert.Equal(b.Draw, replay.Draw, 12);
        }
    }
}
