using System.Text.RegularExpressions;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Cases;

/// <summary>Issue #18 defect 4: one unambiguous date format (2026-12-03 18:00) in both languages, not "12/3/2026 6:00 PM".</summary>
public class DateFormatTests(SitesFixture sites) : BrowserTest(sites)
{
    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public Task A_case_page_shows_dates_as_year_month_day_and_24_hour_time(string locale) => RunAsync(async s =>
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, "owner1.bhw@demo.ownerportal.cn", "楼道灯不亮");
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner1.bhw@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        await s.Page.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
        var received = await s.Page.GetByTestId("received").InnerTextAsync();
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"), received.Trim());
        Assert.DoesNotMatch(new Regex(@"\b(AM|PM)\b|\d{1,2}/\d{1,2}/\d{4}"), await s.Page.GetByTestId("timeline").InnerTextAsync());
    }, locale: locale);
}
