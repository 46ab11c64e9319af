using OwnerPortal.Core.Identity;

namespace OwnerPortal.UnitTests.Identity;

public class AccountLockTests
{
    [Fact]
    public void Only_a_lock_without_end_is_a_deactivation()
    {
        Assert.True(AccountLock.IsDeactivated(new AppUser { LockoutEnd = AccountLock.Deactivated }));
        Assert.False(AccountLock.IsDeactivated(new AppUser { LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15) }));
        Assert.False(AccountLock.IsDeactivated(new AppUser { LockoutEnd = null }));
    }
}
