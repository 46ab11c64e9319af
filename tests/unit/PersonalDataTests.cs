using OwnerPortal.Core;

namespace OwnerPortal.UnitTests;

public class PersonalDataTests
{
    [Theory]
    [InlineData("13812341234", "138****1234")]
    [InlineData(" 13812341234 ", "138****1234")]
    [InlineData("0755-28231986", "075******1986")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void Phone_numbers_keep_only_the_first_three_and_last_four_digits(string phone, string masked) =>
        Assert.Equal(masked, PersonalData.MaskPhone(phone));
}
