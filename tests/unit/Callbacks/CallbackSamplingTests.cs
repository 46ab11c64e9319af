using OwnerPortal.Core.Callbacks;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Callbacks;

/// <summary>SPEC 3 sampling and windows: reproducible, close to the share, on the working-day calendar where it says days.</summary>
public class CallbackSamplingTests
{
    // Friday 2026-11-27 10:00 in Shanghai.
    private static readonly DateTimeOffset Friday = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly WorkingCalendar Calendar = WorkingCalendar.For("Asia/Shanghai",
        [new CalendarDay { Date = new DateOnly(2026, 12, 1), IsWorkingDay = false, Name = "节假日" }]);

    private static CallbackPolicy Policy(CallbackPreset preset = CallbackPreset.Standard002, int estate = 1, int version = 1,
        Action<List<CallbackRule>>? change = null)
    {
        var rules = CallbackPresets.Rules(preset).Select(r => r.Copy()).ToList();
        change?.Invoke(rules);
        return CallbackPolicy.Create(estate, version, preset, rules, Friday, null, "test");
    }

    private static CompletedCase Completed(long id, CallbackKind kind, DateTimeOffset? at = null, CaseCategory? category = CaseCategory.Facilities,
        bool major = false, bool dissatisfied = false) => kind switch
    {
        CallbackKind.HotlineComplaint => new(id, CaseType.Complaint, CaseChannel.Hotline, CaseLocation.OwnUnit, category, false, major, dissatisfied, at ?? Friday),
        CallbackKind.Complaint => new(id, CaseType.Complaint, CaseChannel.Portal, CaseLocation.OwnUnit, category, false, major, dissatisfied, at ?? Friday),
        CallbackKind.Emergency => new(id, CaseType.RepairRequest, CaseChannel.Phone, CaseLocation.OwnUnit, category, true, false, dissatisfied, at ?? Friday),
        CallbackKind.EngineeringRepair => new(id, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.PublicArea, category, false, false, dissatisfied, at ?? Friday),
        _ => new(id, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit, category, false, false, dissatisfied, at ?? Friday),
    };

    [Theory]
    [InlineData(CallbackKind.Complaint)]
    [InlineData(CallbackKind.HotlineComplaint)]
    [InlineData(CallbackKind.OwnerRepair)]
    [InlineData(CallbackKind.EngineeringRepair)]
    [InlineData(CallbackKind.Emergency)]
    public void Cases_fall_under_their_spec_3_row(CallbackKind kind) =>
        Assert.Equal(kind, CallbackSampling.KindOf(Completed(1, kind)));

    [Fact]
    public void Suggestions_are_not_called_back() =>
        Assert.Null(CallbackSampling.KindOf(new CompletedCase(1, CaseType.Suggestion, CaseChannel.Portal, CaseLocation.OwnUnit, null, false, false, false, Friday)));

    [Fact]
    public void The_same_case_and_policy_version_always_give_the_same_decision()
    {
        var policy = Policy();
        for (long id = 1; id <= 500; id++)
        {
            var first = CallbackSampling.Decide(Completed(id, CallbackKind.OwnerRepair), policy, Calendar)!;
            var again = CallbackSampling.Decide(Completed(id, CallbackKind.OwnerRepair), Policy(), Calendar)!;
            Assert.Equal(first, again);
            Assert.InRange(first.Draw, 0, 0.999999999);
        }
        // A new version draws afresh: the decisions differ for some cases.
        var other = Policy(version: 2);
        Assert.Contains(Enumerable.Range(1, 500), id =>
            CallbackSampling.Decide(Completed(id, CallbackKind.OwnerRepair), other, Calendar)!.Selected
            != CallbackSampling.Decide(Completed(id, CallbackKind.OwnerRepair), policy, Calendar)!.Selected);
    }

    /// <summary>10,000 generated cases per kind, estate and share: the called-back share is within 3 points of the configured one.</summary>
    [Theory]
    [InlineData(30)]
    [InlineData(45)]
    [InlineData(60)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(0)]
    public void The_called_back_share_is_within_3_points_of_the_configured_share(int share)
    {
        foreach (var estate in new[] { 1, 2, 3 })
        {
            var policy = Policy(estate: estate, version: estate + 4, change: rules => rules.ForEach(r => r.SharePercent = share));
            foreach (var kind in new[] { CallbackKind.Complaint, CallbackKind.OwnerRepair, CallbackKind.EngineeringRepair, CallbackKind.Emergency, CallbackKind.HotlineComplaint })
            {
                // Case ids as the database hands them out: consecutive, the estates' cases interleaved.
                var selected = Enumerable.Range(0, 10_000)
                    .Count(i => CallbackSampling.Decide(Completed(estate + 3L * i + 1000L * (int)kind, kind), policy, Calendar)!.Selected);
                Assert.InRange(selected / 100.0, share - 3, share + 3);
            }
        }
    }

    [Fact]
    public void Major_complaints_and_dissatisfied_owners_are_always_called_back()
    {
        var policy = Policy(change: rules => rules.ForEach(r => r.SharePercent = 0));
        for (long id = 1; id <= 200; id++)
        {
            var major = CallbackSampling.Decide(Completed(id, CallbackKind.Complaint, major: true), policy, Calendar)!;
            Assert.Equal((CallbackReason.Required, CallbackBy.EstateManager), (major.Reason, major.By));
            Assert.Equal(CallbackReason.Required, CallbackSampling.Decide(Completed(id, CallbackKind.OwnerRepair, dissatisfied: true), policy, Calendar)!.Reason);
            Assert.Equal(CallbackReason.NotSampled, CallbackSampling.Decide(Completed(id, CallbackKind.OwnerRepair), policy, Calendar)!.Reason);
        }
    }

    [Fact]
    public void The_000_alternative_samples_60_percent_of_complaints_and_leaves_cleaning_out()
    {
        var policy = Policy(CallbackPreset.Alternative000);
        var cleaning = Enumerable.Range(1, 1000).Select(id => CallbackSampling.Decide(Completed(id, CallbackKind.Complaint, category: CaseCategory.Sanitation), policy, Calendar)!).ToList();
        Assert.All(cleaning, d => Assert.Equal(CallbackReason.Excluded, d.Reason));
        // ... unless the owner was dissatisfied: then always.
        Assert.True(CallbackSampling.Decide(Completed(7, CallbackKind.Complaint, category: CaseCategory.Sanitation, dissatisfied: true), policy, Calendar)!.Selected);
        var rule = policy.RuleFor(CallbackKind.Complaint)!;
        Assert.Equal(60, rule.SharePercent);
        // 3 working days to one week: Friday -> Thursday (Tuesday 1 Dec is a holiday) to the next Friday.
        var (from, until) = rule.Window(Friday, Calendar);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero), until);
    }

    [Fact]
    public void The_default_table_is_spec_3()
    {
        var rules = CallbackPresets.Rules(CallbackPreset.Standard002).ToDictionary(r => r.Kind);
        Assert.Equal(Enum.GetValues<CallbackKind>().Length, rules.Count);
        Assert.Equal((100, 30, 30, 100, 30, 100, 100),
            (rules[CallbackKind.Complaint].SharePercent, rules[CallbackKind.OwnerRepair].SharePercent, rules[CallbackKind.EngineeringRepair].SharePercent,
             rules[CallbackKind.Emergency].SharePercent, rules[CallbackKind.ActivityFollowUp].SharePercent, rules[CallbackKind.SpecialEvent].SharePercent,
             rules[CallbackKind.HotlineComplaint].SharePercent));
        Assert.Equal(24, rules[CallbackKind.HotlineComplaint].FirstCallWithinHours);
        Assert.Equal(CallbackBy.EstateManager, rules[CallbackKind.SpecialEvent].By);
    }

    // Windows after completion on Friday 27 Nov 2026 10:00; Saturday, Sunday and Tuesday 1 Dec are not working days.
    [Theory]
    [InlineData(CallbackKind.Complaint, "2026-11-27 10:00", "2026-12-03 10:00")]          // within 3 working days: Mon, Wed, Thu
    [InlineData(CallbackKind.OwnerRepair, "2026-11-27 10:00", "2026-12-03 10:00")]        // within 3 working days
    [InlineData(CallbackKind.EngineeringRepair, "2026-12-27 10:00", "2027-01-27 10:00")]  // 1 to 2 months after
    [InlineData(CallbackKind.Emergency, "2026-11-27 10:00", "2026-12-04 10:00")]          // within 1 week
    [InlineData(CallbackKind.ActivityFollowUp, "2026-11-27 10:00", "2026-12-27 10:00")]   // within 1 month
    [InlineData(CallbackKind.SpecialEvent, "2026-11-27 10:00", "2026-12-28 10:00")]       // within 20 working days
    public void Windows_follow_the_working_day_calendar_where_spec_3_says_days(CallbackKind kind, string from, string until)
    {
        var rule = Policy().RuleFor(kind)!;
        var (f, u) = rule.Window(Friday, Calendar);
        Assert.Equal((from, until), (Local(f), Local(u)));
    }

    private static string Local(DateTimeOffset utc) => Calendar.ToLocal(utc).ToString("yyyy-MM-dd HH:mm");

    [Fact]
    public void Three_unreached_tries_record_the_owner_as_unreachable()
    {
        var policy = Policy();
        var decision = CallbackSampling.Decide(Completed(1, CallbackKind.Complaint), policy, Calendar)!;
        var callback = Callback.FromDecision(1, 0, policy, decision, 5, 6, Friday, Friday);
        Assert.Equal(CallbackStatus.Due, callback.Status);
        callback.RecordUnreached(Friday.AddHours(1), Friday.AddDays(3), 9, "客服", null);
        Assert.Equal((CallbackStatus.Due, 1, Friday.AddDays(3)), (callback.Status, callback.Attempts, callback.RetryAt!.Value));
        callback.RecordUnreached(Friday.AddDays(3), Friday.AddDays(4), 9, "客服", null);
        callback.RecordUnreached(Friday.AddDays(4), Friday.AddDays(5), 9, "客服", "空号");
        Assert.Equal((CallbackStatus.Unreachable, 3, (DateTimeOffset?)null), (callback.Status, callback.Attempts, callback.RetryAt));
        Assert.Throws<InvalidOperationException>(() => callback.RecordAnswer(
            new CallbackAnswer(CallbackChannel.Phone, CallbackOutcome.Fixed, 5, 5, 5, 5, null), Friday.AddDays(5), 9, "客服", null));
    }

    [Theory]
    [InlineData(CallbackOutcome.NotFixed, 5, true)]
    [InlineData(CallbackOutcome.Fixed, 2, true)]
    [InlineData(CallbackOutcome.Fixed, 3, false)]
    [InlineData(CallbackOutcome.PartlyFixed, 4, false)]
    public void Not_fixed_or_overall_two_or_less_is_dissatisfied(CallbackOutcome outcome, int overall, bool dissatisfied) =>
        Assert.Equal(dissatisfied, new CallbackAnswer(CallbackChannel.Portal, outcome, null, null, null, overall, null).Dissatisfied);

    [Fact]
    public void Answer_links_are_signed_and_expire()
    {
        var key = new byte[32];
        new Random(1).NextBytes(key);
        var token = CallbackLinks.Create(key, 42, 1, CallbackOutcome.NotFixed, Friday.AddDays(10));
        Assert.Equal(new CallbackLinks.Link(42, 1, CallbackOutcome.NotFixed), CallbackLinks.Read(key, token, Friday));
        Assert.Equal(new CallbackLinks.Link(42, 1, null), CallbackLinks.Read(key, CallbackLinks.Create(key, 42, 1, null, Friday.AddDays(1)), Friday));
        Assert.Null(CallbackLinks.Read(key, token, Friday.AddDays(11)));               // expired
        var tampered = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];
        Assert.Null(CallbackLinks.Read(key, tampered, Friday));                         // altered
        Assert.Null(CallbackLinks.Read(new byte[32], token, Friday));                   // another key
        Assert.Null(CallbackLinks.Read(key, "not-a-token", Friday));
    }

    [Fact]
    public void A_special_event_is_visited_within_20_working_days_and_its_open_matters_are_tracked()
    {
        var policy = Policy();
        var e = SpecialEvent.Record(1, "3栋801 王先生", "家人住院", new DateOnly(2026, 11, 26), policy,
            policy.RuleFor(CallbackKind.SpecialEvent)!.Window(Friday, Calendar), Friday, 4, "经理");
        Assert.Equal((SpecialEventState.VisitDue, "2026-12-28 10:00"), (e.State, Local(e.VisitDueUntil)));
        Assert.Throws<InvalidOperationException>(() => e.CloseMatters(Friday, "经理", null));
        e.RecordVisit(Friday.AddDays(3), "经理", "已慰问", "协助联系护工");
        Assert.Equal(SpecialEventState.MattersOpen, e.State);
        e.CloseMatters(Friday.AddDays(5), "经理", "已联系");
        Assert.Equal(SpecialEventState.Done, e.State);
        var quiet = SpecialEvent.Record(1, "5栋302", "意外受伤", new DateOnly(2026, 11, 26), policy, (Friday, Friday.AddDays(20)), Friday, 4, "经理");
        quiet.RecordVisit(Friday.AddDays(1), "经理", "已慰问", "  ");
        Assert.Equal(SpecialEventState.Done, quiet.State);
    }
}
