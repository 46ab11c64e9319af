using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.UnitTests.Identity;

/// <summary>Finding 6 of issue #15: sessions follow the staff record and end after an absolute lifetime.</summary>
public class SessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_ends_at_its_absolute_lifetime_however_often_it_was_renewed()
    {
        var properties = new AuthenticationProperties();
        Assert.True(SessionLifetime.Start(properties, T0));
        Assert.False(SessionLifetime.Start(properties, T0.AddHours(11))); // a renewal keeps the first sign-in time
        Assert.False(SessionLifetime.IsOver(properties, T0.AddHours(11).AddMinutes(59), TimeSpan.FromHours(12)));
        Assert.True(SessionLifetime.IsOver(properties, T0.AddHours(12), TimeSpan.FromHours(12)));
    }

    [Fact]
    public void The_security_stamp_is_checked_once_its_interval_is_over_and_for_a_cookie_without_an_issue_time()
    {
        var interval = TimeSpan.FromMinutes(5);
        Assert.False(SessionLifetime.StampCheckDue(T0, T0.AddMinutes(5), interval));
        Assert.True(SessionLifetime.StampCheckDue(T0, T0.AddMinutes(5).AddSeconds(1), interval));
        Assert.True(SessionLifetime.StampCheckDue(null, T0, interval));
    }

    private static ClaimsPrincipal Session(StaffRole role, int? estate, string? stamp)
    {
        var identity = new ClaimsIdentity("test");
        identity.AddClaim(new Claim(AppClaims.StaffId, "7"));
        identity.AddClaim(new Claim(AppClaims.StaffRole, role.ToString()));
        if (estate is { } e) identity.AddClaim(new Claim(AppClaims.EstateId, e.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (stamp is not null) identity.AddClaim(new Claim(StaffSession.StampClaim, stamp));
        return new ClaimsPrincipal(identity);
    }

    [Fact]
    public void A_session_that_matches_its_record_is_kept()
    {
        Assert.Equal(StaffSessionVerdict.Keep, StaffSession.Check(Session(StaffRole.Dispatcher, 2, "s1"), new StaffRecord(StaffRole.Dispatcher, 2, "s1")));
        Assert.Equal(StaffSessionVerdict.Keep, StaffSession.Check(Session(StaffRole.Leadership, null, "s1"), new StaffRecord(StaffRole.Leadership, null, "s1")));
    }

    [Fact]
    public void Deactivation_or_a_new_password_ends_the_session()
    {
        Assert.Equal(StaffSessionVerdict.SignOut, StaffSession.Check(Session(StaffRole.Dispatcher, 2, "s1"), null));
        Assert.Equal(StaffSessionVerdict.SignOut, StaffSession.Check(Session(StaffRole.Dispatcher, 2, "s1"), new StaffRecord(StaffRole.Dispatcher, 2, "s2")));
        // A session from before stamps were recorded cannot prove it is current.
        Assert.Equal(StaffSessionVerdict.SignOut, StaffSession.Check(Session(StaffRole.Dispatcher, 2, null), new StaffRecord(StaffRole.Dispatcher, 2, "s1")));
    }

    [Fact]
    public void A_new_role_or_estate_rescopes_the_session()
    {
        var session = Session(StaffRole.EstateManager, 2, "s1");
        Assert.Equal(StaffSessionVerdict.Rescope, StaffSession.Check(session, new StaffRecord(StaffRole.Dispatcher, 2, "s1")));
        Assert.Equal(StaffSessionVerdict.Rescope, StaffSession.Check(session, new StaffRecord(StaffRole.EstateManager, 3, "s1")));
        Assert.Equal(StaffSessionVerdict.Rescope, StaffSession.Check(session, new StaffRecord(StaffRole.EstateManager, null, "s1")));

        var rescoped = StaffSession.Rescope(session, new StaffRecord(StaffRole.Dispatcher, 3, "s1"));
        Assert.Equal(StaffRole.Dispatcher, rescoped.StaffRoleOf());
        Assert.Equal(3, rescoped.EstateIdOf());
        Assert.Equal(7, rescoped.StaffIdOf());
        Assert.Single(rescoped.FindAll(AppClaims.StaffRole));
        Assert.Null(StaffSession.Rescope(session, new StaffRecord(StaffRole.Leadership, null, "s1")).EstateIdOf());
    }
}
