using System.Globalization;
using System.Resources;
using OwnerPortal.Core.Cases.Photos;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.UnitTests.Localization;

public class ResourceTests
{
    private static readonly ResourceManager Resources = new("OwnerPortal.Core.Localization.Strings", typeof(Strings).Assembly);

    private static Dictionary<string, string> Table(string culture)
    {
        var set = Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)
                  ?? throw new InvalidOperationException($"no resources for '{culture}'");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    [Fact]
    public void English_and_Chinese_have_the_same_keys()
    {
        var chinese = Table(""); // the neutral resources are zh-Hans, the default language
        var english = Table("en");
        Assert.Empty(chinese.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(chinese.Keys));
        Assert.All(english, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void The_default_strings_are_chinese() =>
        Assert.Contains(Table("")["Portal.Brand"], c => c >= '\u4e00' && c <= '\u9fff');

    public static TheoryData<Type> ShownEnums => new()
    {
        typeof(CaseType), typeof(CaseChannel), typeof(CaseStatus), typeof(ComplaintClass), typeof(CaseCategory),
        typeof(CaseLocation), typeof(CaseEventKind), typeof(ActorKind), typeof(UnitRelation), typeof(StaffRole),
        typeof(DepartmentKind), typeof(PublicAreaKind), typeof(OutboxStatus), typeof(UnitImportProblem),
        typeof(LinkRequestStatus), typeof(BindingCodeState), typeof(PhotoRejection),
        typeof(OwnerPortal.Core.Domain.WorkOrders.WorkOrderStage), typeof(OwnerPortal.Core.Domain.WorkOrders.QuoteStatus),
        typeof(OwnerPortal.Core.Domain.Callbacks.CallbackKind), typeof(OwnerPortal.Core.Domain.Callbacks.WindowUnit),
        typeof(OwnerPortal.Core.Domain.Callbacks.CallbackBy), typeof(OwnerPortal.Core.Domain.Callbacks.CallbackPreset),
        typeof(OwnerPortal.Core.Domain.Callbacks.CallbackStatus), typeof(OwnerPortal.Core.Domain.Callbacks.CallbackReason),
        typeof(OwnerPortal.Core.Domain.Callbacks.CallbackChannel), typeof(OwnerPortal.Core.Domain.Callbacks.CallbackOutcome),
        typeof(OwnerPortal.Core.Callbacks.DueView), typeof(OwnerPortal.Core.Domain.Callbacks.SpecialEventState),
    };

    [Theory]
    [MemberData(nameof(ShownEnums))]
    public void Every_enum_value_shown_to_users_has_a_name(Type enumType)
    {
        var chinese = Table("");
        foreach (var name in Enum.GetNames(enumType))
            Assert.True(chinese.ContainsKey($"{enumType.Name}.{name}"), $"missing {enumType.Name}.{name}");
    }
}

public class OwnerStatusWordsTests
{
    private static readonly ResourceManager Resources = new("OwnerPortal.Core.Localization.Strings", typeof(Strings).Assembly);

    [Theory]
    [InlineData("")]
    [InlineData("en")]
    public void Every_status_has_one_owner_word_and_an_explanation_that_does_not_repeat_it(string culture)
    {
        var set = Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!;
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var word = set.GetString($"Owner.Status.{status}");
            var explained = set.GetString($"Cases.Plain.{status}");
            Assert.False(string.IsNullOrWhiteSpace(word), $"Owner.Status.{status}");
            Assert.False(string.IsNullOrWhiteSpace(explained), $"Cases.Plain.{status}");
            Assert.DoesNotContain(word, explained, StringComparison.OrdinalIgnoreCase);
        }
        // Different statuses never read the same to an owner.
        var words = Enum.GetValues<CaseStatus>().Select(s => set.GetString($"Owner.Status.{s}")).ToList();
        Assert.Equal(words.Count, words.Distinct().Count());
    }
}
