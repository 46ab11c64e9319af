using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Domain.Cases;
using static OwnerPortal.Core.Cases.StaffIntake;

namespace OwnerPortal.UnitTests.Cases;

/// <summary>Who reported a case that staff took in, and which channels staff take cases in from.</summary>
public class StaffIntakeTests
{
    private static readonly LinkedPerson Wang = new(7, "王芳", "13800138000");
    private static readonly LinkedPerson Li = new(8, "李强", "13900139000");
    private static readonly LinkedPerson[] Linked = [Wang, Li];

    [Fact]
    public void A_chosen_linked_person_reports_with_their_own_name_and_phone()
    {
        var (reporter, problem) = ChooseReporter(8, "随便写的", "123", Linked);
        Assert.Equal(ReporterProblem.None, problem);
        Assert.Equal(new Reporter(8, "李强", "13900139000"), reporter);
    }

    [Fact]
    public void A_person_not_linked_to_the_unit_cannot_be_chosen() =>
        Assert.Equal(ReporterProblem.UnknownPerson, ChooseReporter(99, null, null, Linked).Problem);

    [Fact]
    public void A_typed_reporter_needs_a_name_and_a_phone_stored_as_digits()
    {
        Assert.Equal(ReporterProblem.NameRequired, ChooseReporter(null, " ", "13700137000", Linked).Problem);
        Assert.Equal(ReporterProblem.PhoneInvalid, ChooseReporter(null, "赵敏", "", Linked).Problem);
        Assert.Equal(ReporterProblem.PhoneInvalid, ChooseReporter(null, "赵敏", "12-34", Linked).Problem);
        Assert.Equal(ReporterProblem.PhoneInvalid, ChooseReporter(null, "赵敏", "1234567890123456", Linked).Problem);
        Assert.Equal(new Reporter(null, "赵敏", "075512345678"), ChooseReporter(null, " 赵敏 ", "0755-1234 5678", Linked).Reporter);
    }

    [Fact]
    public void A_typed_phone_of_a_linked_person_links_the_case_to_them()
    {
        var (reporter, _) = ChooseReporter(null, "王女士", "+86 138 0013 8000", Linked);
        Assert.Equal(new Reporter(7, "王女士", "13800138000"), reporter);
    }

    [Fact]
    public void Staff_take_cases_in_from_every_channel_but_the_portal() =>
        Assert.Equal(Enum.GetValues<CaseChannel>().Where(c => c != CaseChannel.Portal), Channels);
}
