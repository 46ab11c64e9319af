using OwnerPortal.Core.Text;

namespace OwnerPortal.UnitTests.Text;

public class NaturalOrderTests
{
    [Fact]
    public void Digits_compare_as_numbers_and_the_rest_as_text()
    {
        string[] shuffled = ["3-1-1001", "10", "3-2-101", "2", "3-1-902", "紫荆阁", "3-1-101", "A2", "A10", "1"];
        Assert.Equal(["1", "2", "3-1-101", "3-1-902", "3-1-1001", "3-2-101", "10", "A2", "A10", "紫荆阁"],
            shuffled.Order(NaturalOrder.Instance));
    }

    [Fact]
    public void Leading_zeros_do_not_change_the_order_but_keep_it_stable()
    {
        Assert.True(NaturalOrder.Instance.Compare("0501", "502") < 0);
        Assert.True(NaturalOrder.Instance.Compare("0501", "501") != 0);
        Assert.Equal(0, NaturalOrder.Instance.Compare("3-1-101", "3-1-101"));
    }
}
