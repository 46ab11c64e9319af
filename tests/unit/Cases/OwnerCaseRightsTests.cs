using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.UnitTests.Cases;

/// <summary>
/// What an owner may do to a case, as a matrix (issue #15 finding 1): the reporter's household decides, an owner who
/// joined reads and comments, anyone else nothing.
/// </summary>
public class OwnerCaseRightsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private const int Reporter = 10, Follower = 20, Estate = 1;

    private static readonly CaseDueTimes Due = new(Now.AddHours(24), Now.AddHours(30), Now.AddDays(7));

    private static Case PublicComplaint(int estateId = Estate) => Case.Receive(
        new NewCase(estateId, CaseType.Complaint, CaseChannel.Portal, CaseLocation.PublicArea, "电梯坏了", UnitId: 5, PublicAreaId: 7,
            Category: CaseCategory.Facilities, ReporterPersonId: Reporter, ReporterName: "张三"),
        "HY-2026-00001", Due, Now, new Actor(ActorKind.Owner, "张三", PersonId: Reporter));

    public static TheoryData<OwnerStanding, OwnerRight, bool> Matrix()
    {
        var data = new TheoryData<OwnerStanding, OwnerRight, bool>();
        foreach (var right in Enum.GetValues<OwnerRight>())
        {
            data.Add(OwnerStanding.Household, right, true);
            data.Add(OwnerStanding.Follower, right, right is OwnerRight.ReadPublicTimeline or OwnerRight.Comment);
            data.Add(OwnerStanding.None, right, false);
        }
        return data;
    }

    [Theory]
    [InlineData(true, true, OwnerStanding.Household)]
    [InlineData(true, false, OwnerStanding.Household)]
    [InlineData(false, true, OwnerStanding.Follower)]
    [InlineData(false, false, OwnerStanding.None)]
    public void The_household_outranks_following(bool household, bool follower, OwnerStanding expected) =>
        Assert.Equal(expected, OwnerCaseRights.StandingOf(household, follower));

    [Theory, MemberData(nameof(Matrix))]
    public void Each_standing_has_exactly_its_rights(OwnerStanding standing, OwnerRight right, bool expected) =>
        Assert.Equal(expected, OwnerCaseRights.May(standing, right));

    [Fact]
    public void A_follower_of_an_open_complaint_may_only_comment_while_the_household_may_withdraw_and_escalate()
    {
        var c = PublicComplaint();
        Assert.Equal([CaseAction.Comment], OwnerCaseRights.AllowedActions(c, OwnerStanding.Follower, Follower));
        Assert.Equal([CaseAction.Withdraw, CaseAction.Escalate, CaseAction.Comment],
            OwnerCaseRights.AllowedActions(c, OwnerStanding.Household, Reporter));
        Assert.Empty(OwnerCaseRights.AllowedActions(c, OwnerStanding.None, 99));
    }

    [Theory]
    [InlineData(CaseStatus.Resolved)]
    [InlineData(CaseStatus.Closed)]
    public void Every_owner_step_of_the_workflow_needs_a_right_a_follower_lacks_except_comment(CaseStatus status)
    {
        foreach (var action in Enum.GetValues<CaseAction>())
        {
            var ownerMay = CaseWorkflow.CanPerform(action, status, new Actor(ActorKind.Owner, "", PersonId: Follower));
            if (!ownerMay) continue;
            var right = OwnerCaseRights.RightFor(action);
            Assert.NotNull(right); // a new owner step without a right would be open to followers by omission
            Assert.Equal(action == CaseAction.Comment, OwnerCaseRights.May(OwnerStanding.Follower, right.Value));
        }
    }

    [Fact]
    public void Only_open_public_area_cases_of_the_owners_estate_can_be_joined()
    {
        Assert.True(OwnerCaseRights.MayJoin(PublicComplaint(), Estate));
        Assert.False(OwnerCaseRights.MayJoin(PublicComplaint(), Estate + 1));

        var withdrawn = PublicComplaint();
        withdrawn.Withdraw(new Actor(ActorKind.Owner, "张三", PersonId: Reporter), Now, null);
        Assert.False(OwnerCaseRights.MayJoin(withdrawn, Estate));

        var ownFlat = Case.Receive(new NewCase(Estate, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit, "漏水", UnitId: 5,
            ReporterPersonId: Reporter), "HY-2026-00002", Due, Now, new Actor(ActorKind.Owner, "张三", PersonId: Reporter));
        Assert.False(OwnerCaseRights.MayJoin(ownFlat, Estate));
    }

    [Fact]
    public void Owners_names_show_to_themselves_and_the_household_never_to_followers()
    {
        var c = PublicComplaint();
        c.Comment(new Actor(ActorKind.Owner, "李四", PersonId: Follower), Now, "我也遇到了", isPublic: true);
        c.Comment(new Actor(ActorKind.Staff, "客服小王", StaffId: 3, Role: Core.Domain.People.StaffRole.Dispatcher), Now, "已收到", isPublic: true);
        var (filed, byFollower, byStaff) = (c.Events[0], c.Events[1], c.Events[2]);
        var followers = new HashSet<int> { Follower };

        Assert.False(OwnerCaseRights.ShowsActorName(filed, Follower, OwnerStanding.Follower, followers));
        Assert.True(OwnerCaseRights.ShowsActorName(byFollower, Follower, OwnerStanding.Follower, followers));
        Assert.True(OwnerCaseRights.ShowsActorName(byStaff, Follower, OwnerStanding.Follower, followers));

        Assert.True(OwnerCaseRights.ShowsActorName(filed, Reporter + 1, OwnerStanding.Household, followers));
        Assert.False(OwnerCaseRights.ShowsActorName(byFollower, Reporter, OwnerStanding.Household, followers));
    }
}
