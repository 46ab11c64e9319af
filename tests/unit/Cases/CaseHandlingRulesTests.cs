using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Cases;

/// <summary>The keyword suggester, the department rule for supervisors and the conflict differences.</summary>
public class CaseHandlingRulesTests
{
    private const int Engineering = 11, Cleaning = 12, Security = 13;

    private static readonly PastCase[] Past =
    [
        new("卫生间天花板漏水，楼上渗水", CaseCategory.Facilities, Engineering),
        new("厨房水管漏水", CaseCategory.Facilities, Engineering),
        new("电梯故障，困在电梯里", CaseCategory.Facilities, Engineering),
        new("楼道灯不亮了", CaseCategory.Facilities, Engineering),
        new("楼道垃圾没人清理，很臭", CaseCategory.Sanitation, Cleaning),
        new("垃圾桶满了没有清运", CaseCategory.Sanitation, Cleaning),
        new("小区门口保安态度差", CaseCategory.ServiceAttitude, Security),
        new("晚上有陌生人进入小区，保安不管", CaseCategory.Security, Security),
    ];

    [Theory]
    [InlineData("我家阳台漏水了", CaseCategory.Facilities, Engineering)]
    [InlineData("电梯又坏了", CaseCategory.Facilities, Engineering)]
    [InlineData("3号楼垃圾堆了三天", CaseCategory.Sanitation, Cleaning)]
    [InlineData("保安晚上睡觉", null, Security)]
    public void Past_cases_suggest_category_and_department(string description, CaseCategory? category, int department)
    {
        var s = KeywordSuggester.Learn(Past).Suggest(description);
        if (category is not null) Assert.Equal(category, s.Category);
        Assert.Equal(department, s.DepartmentId);
    }

    [Fact]
    public void Nothing_in_common_suggests_nothing()
    {
        Assert.Equal(new Suggestion(null, null), KeywordSuggester.Learn(Past).Suggest("物业费发票"));
        Assert.Equal(new Suggestion(null, null), KeywordSuggester.Learn([]).Suggest("漏水"));
    }

    [Fact]
    public void A_keyword_seen_everywhere_weighs_less_than_a_telling_one()
    {
        // "小区" occurs in three security cases and one cleaning case; "垃圾" only in cleaning.
        PastCase[] past =
        [
            new("小区门口乱停车", CaseCategory.Security, Security), new("小区有人打架", CaseCategory.Security, Security),
            new("小区大门坏了", CaseCategory.Security, Security), new("小区垃圾没人收", CaseCategory.Sanitation, Cleaning),
        ];
        Assert.Equal(Cleaning, KeywordSuggester.Learn(past).Suggest("小区垃圾太多").DepartmentId);
    }

    [Fact]
    public void Keywords_are_chinese_character_pairs_and_latin_words()
    {
        var keys = KeywordSuggester.Keywords("电梯坏了 Lift B2 broken!");
        Assert.Equal(new HashSet<string> { "电梯", "梯坏", "坏了", "lift", "b2", "broken" }, keys);
    }

    private static Case AssignedCase(int department)
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        var c = Case.Receive(new NewCase(1, CaseType.Complaint, CaseChannel.Phone, CaseLocation.OwnUnit, "漏水", UnitId: 1), "HY-2026-00001",
            CaseDeadlines.ForReceipt(t0, new CompanySettings { Name = "x" }, WorkingCalendar.For("Asia/Shanghai", [])), t0, Actor.System);
        var dispatcher = new Actor(ActorKind.Staff, "d", 1, Role: StaffRole.Dispatcher);
        c.Acknowledge(dispatcher, t0, "收到");
        c.Assign(dispatcher, t0, new Assignment(department, null, CaseCategory.Facilities, ComplaintClass.Service), 1000m);
        return c;
    }

    [Fact]
    public void A_supervisor_works_only_on_cases_of_their_own_department()
    {
        var c = AssignedCase(Engineering);
        var supervisor = new Actor(ActorKind.Staff, "s", 2, Role: StaffRole.DepartmentSupervisor);
        Assert.Contains(CaseAction.Plan, CaseAccess.Offered(c, supervisor, Engineering));
        Assert.Contains(CaseAction.HandBack, CaseAccess.Offered(c, supervisor, Engineering));
        var other = CaseAccess.Offered(c, supervisor, Cleaning);
        Assert.DoesNotContain(CaseAction.Plan, other);
        Assert.DoesNotContain(CaseAction.HandBack, other);
        Assert.Contains(CaseAction.Comment, other); // anyone on the estate may leave a note
        var manager = new Actor(ActorKind.Staff, "m", 3, Role: StaffRole.EstateManager);
        Assert.Contains(CaseAction.Plan, CaseAccess.Offered(c, manager, null));
        Assert.DoesNotContain(CaseAction.AnswerSuggestion, CaseAccess.Offered(c, manager, null)); // a complaint
    }

    [Fact]
    public void Differences_list_what_someone_else_changed()
    {
        var deadline = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        var loaded = new CaseSnapshot(CaseStatus.Assigned, Engineering, null, null, null, null);
        var now = new CaseSnapshot(CaseStatus.Planned, Engineering, null, deadline, null, "换水管");
        Assert.Equal(
            [new CaseChange(CaseField.Status, CaseStatus.Assigned, CaseStatus.Planned), new CaseChange(CaseField.Deadline, null, deadline),
             new CaseChange(CaseField.Plan, null, "换水管")],
            CaseSnapshot.Differences(loaded, now));
        Assert.Empty(CaseSnapshot.Differences(now, now with { Plan = "换水管" }));
    }
}
