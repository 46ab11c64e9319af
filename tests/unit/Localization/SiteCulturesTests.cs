using System.Globalization;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Time;

namespace OwnerPortal.UnitTests.Localization;

public class SiteCulturesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Both_languages_write_dates_the_same_unambiguous_way()
    {
        var shanghai = LocalTime.Zone("Asia/Shanghai");
        foreach (var culture in SiteCultures.All)
        {
            using var _ = new Tests.CultureScope(culture.Name);
            CultureInfo.CurrentCulture = culture;
            Assert.Equal("2026-12-03 18:05", LocalTime.Format(At, shanghai));
            Assert.Equal("2026-12-03", LocalTime.Format(At, shanghai, "d"));
            Assert.Equal("18:05", LocalTime.Format(At, shanghai, "t"));
        }
    }

    [Fact]
    public void Mail_for_owners_is_written_with_chinese_words_and_the_same_dates_whatever_the_writers_culture()
    {
        using var _ = new Tests.CultureScope("en-US");
        var (words, date) = OwnerLanguage.Write(() => (CultureInfo.CurrentUICulture.Name, At.ToString("g")));
        Assert.Equal("zh-Hans", words);
        Assert.Equal("2026-12-03 10:05", date);
        Assert.Equal("en-US", CultureInfo.CurrentCulture.Name); // restored
    }
}
