using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Scorecards;

namespace OwnerPortal.UnitTests.Scorecards;

/// <summary>The standing a page works out from what it read itself (the Portal home) follows the same rules as ScorecardAccess.StandingAsync.</summary>
public class ScorecardStandingTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    [InlineData(false, false, ScorecardStanding.OtherEstate)]
    [InlineData(false, true, ScorecardStanding.OtherEstate)] // a seat without a unit of the estate is no standing
    [InlineData(true, false, ScorecardStanding.Owner)]
    [InlineData(true, true, ScorecardStanding.CommitteeMember)]
    public void Standing_from_a_link_and_a_seat(bool linked, bool seat, ScorecardStanding expected) =>
        Assert.Equal(expected, ScorecardAccess.StandingOf(linked, seat));

    [Theory]
    [InlineData("2026-12-03", null, true)]
    [InlineData("2026-12-04", null, false)]   // not yet
    [InlineData("2025-01-01", "2026-12-04", true)]
    [InlineData("2025-01-01", "2026-12-03", false)] // a membership ending today no longer counts
    public void A_committee_seat_counts_from_its_first_day_until_the_day_before_it_ends(string from, string? until, bool current) =>
        Assert.Equal(current, Committee.IsCurrent(DateOnly.Parse(from), until is null ? null : DateOnly.Parse(until), Today));
}
