using System.Security.Claims;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Web;

namespace OwnerPortal.UnitTests.Identity;

public class SignedInActorTests
{
    private static ClaimsPrincipal Signed(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

    [Fact]
    public void An_owner_is_named_by_person_id_even_when_also_staff()
    {
        Assert.Equal("person:7", SignedInActor.Of(Signed((AppClaims.PersonId, "7"), (AppClaims.StaffId, "3"), (ClaimTypes.NameIdentifier, "u1"))));
    }

    [Fact]
    public void A_staff_member_is_named_by_staff_id()
    {
        Assert.Equal("staff:3", SignedInActor.Of(Signed((AppClaims.StaffId, "3"), (ClaimTypes.NameIdentifier, "sub"))));
    }

    [Fact]
    public void An_account_without_person_or_staff_is_named_by_user_id()
    {
        Assert.Equal("user:u1", SignedInActor.Of(Signed((ClaimTypes.NameIdentifier, "u1"))));
    }

    [Fact]
    public void Anonymous_requests_and_background_work_have_no_name()
    {
        Assert.Null(SignedInActor.Of(null));
        Assert.Null(SignedInActor.Of(new ClaimsPrincipal(new ClaimsIdentity([new Claim(AppClaims.PersonId, "7")]))));
    }
}
