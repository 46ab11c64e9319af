using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Home;

/// <summary>
/// axe-core (WCAG 2 A and AA rules) on the owner's pages, in both languages at phone and desktop width (issue #18):
/// no serious or critical violation.
/// </summary>
public class AccessibilityTests(SitesFixture sites) : BrowserTest(sites)
{
    private static readonly string[] AnonymousPages = ["/Account/Login", "/Account/Register", "/Account/ForgotPassword"];
    private static readonly string[] OwnerPages = ["/", "/Cases", "/Cases/New", "/Notices", "/Account"];

    private static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{page.Url}: {v.Id} ({v.Impact}) {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
    }

    [Theory]
    [InlineData("zh-CN", 375)]
    [InlineData("zh-CN", 1280)]
    [InlineData("en-GB", 375)]
    [InlineData("en-GB", 1280)]
    public Task Owner_pages_have_no_serious_accessibility_violations(string locale, int width) => RunAsync(async s =>
    {
        var found = new List<string>();
        foreach (var path in AnonymousPages)
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + path);
            found.AddRange(await SeriousViolationsAsync(s.Page));
        }
        await s.Page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(s.Page, "owner1.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await Expect(s.Page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        foreach (var path in OwnerPages)
        {
            await s.Page.GotoAsync(Sites.Portal.BaseUrl + path);
            found.AddRange(await SeriousViolationsAsync(s.Page));
        }
        Assert.True(found.Count == 0, string.Join('\n', found));
    }, locale: locale, width: width);
}
