using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Surveys;
using OwnerPortal.E2ETests.Identity;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Home;

/// <summary>
/// Issue #18 item 11 beyond axe: an owner files a case and answers a survey with the keyboard alone (focus always
/// visible, in document order), and every owner page reflows at 320 CSS px and survives text at 200% (WCAG 2.1.1,
/// 2.4.3, 2.4.7, 1.4.4, 1.4.10).
/// </summary>
public class KeyboardAndReflowTests(SitesFixture sites, ITestOutputHelper output) : BrowserTest(sites)
{
    /// <summary>The focused element: its description, whether a focus style shows (on it or its label), and whether it follows the last one in the document.</summary>
    public sealed class Focus { public string What { get; set; } = ""; public bool Styled { get; set; } public bool Visible { get; set; } public int Order { get; set; } }

    private static Task<Focus> FocusedAsync(IPage page) => page.EvaluateAsync<Focus>("""
        () => {
          const el = document.activeElement;
          if (!el || el === document.body) return { what: 'body', styled: false, visible: false, order: -1 };
          const shows = e => { if (!e) return false; const s = getComputedStyle(e);
            return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; };
          const label = el.closest('label') || (el.id ? document.querySelector(`label[for="${el.id}"]`) : null);
          const box = (el.closest('label') || el).getBoundingClientRect();
          const all = [...document.querySelectorAll('a[href],button,input,select,textarea,[tabindex]')];
          return { what: el.tagName.toLowerCase() + (el.name ? `[name=${el.name}]` : '') + (el.value && el.type === 'radio' ? `=${el.value}` : '') + (el.textContent ? ' ' + el.textContent.trim().slice(0, 30) : ''),
                   styled: shows(el) || shows(el.closest('label')) || (label !== el.closest('label') && shows(label)),
                   visible: box.width > 0 && box.height > 0, order: all.indexOf(el) };
        }
        """);

    /// <summary>Presses Tab until the focused element matches; every stop must show its focus and come later in the document.</summary>
    private async Task TabToAsync(IPage page, string selector, List<Focus> trail, int max = 40)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await FocusedAsync(page);
            Assert.True(focus.Styled && focus.Visible, $"focus not visible on {focus.What}");
            if (trail.Count > 0 && trail[^1].Order >= 0)
                Assert.True(focus.Order > trail[^1].Order, $"focus went back from {trail[^1].What} to {focus.What}");
            trail.Add(focus);
            if (await page.EvaluateAsync<bool>("s => document.activeElement.matches(s)", selector)) return;
        }
        throw new Xunit.Sdk.XunitException($"{selector} never took the focus; stops: {string.Join(" > ", trail.Select(f => f.What))}");
    }

    private async Task OwnerSignInAsync(IPage page, string email)
    {
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(page, email, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
    }

    [Fact]
    public Task An_owner_files_a_case_with_the_keyboard_alone() => RunAsync(async s =>
    {
        var page = s.Page;
        await OwnerSignInAsync(page, "owner1.czy@demo.ownerportal.cn");
        await page.GotoAsync(Sites.Portal.BaseUrl + "/");
        var trail = new List<Focus>();
        await TabToAsync(page, "a[href='/Cases/New']", trail);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Cases/New");

        trail.Clear();
        await TabToAsync(page, "input[name='Input.Type']", trail);
        // The form starts on "repair request"; arrows move within the group and choose.
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(page.Locator("input[name='Input.Type'][value='Suggestion']")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator("input[name='Input.Type'][value='RepairRequest']")).ToBeCheckedAsync();
        await TabToAsync(page, "select[name='Input.Category']", trail);
        await page.Keyboard.PressAsync("ArrowDown");             // the first category after "choose"
        Assert.NotEqual("", await page.Locator("select[name='Input.Category']").InputValueAsync());
        await TabToAsync(page, "input[name='Input.Location']", trail);
        await page.Keyboard.PressAsync("Space");                 // my own flat
        await Expect(page.Locator("input[name='Input.Location'][value='OwnUnit']")).ToBeCheckedAsync();
        await TabToAsync(page, "textarea[name='Input.Description']", trail);
        var description = "键盘报事：卫生间水龙头一直滴水 " + Guid.NewGuid().ToString("N")[..6];
        await page.Keyboard.TypeAsync(description);
        // Shift+Tab goes back to where it came from, Tab forward again.
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("Input.PublicAreaId", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Input.Description", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        await TabToAsync(page, "[data-testid=submit-case]", trail);
        output.WriteLine("case form: " + string.Join(" > ", trail.Select(f => f.What)));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"{Sites.Portal.BaseUrl}/Cases/Detail/\\d+"));
        await Expect(page.Locator("main")).ToContainTextAsync(description);
    });

    [Fact]
    public Task An_owner_answers_a_survey_with_the_keyboard_alone() => RunAsync(async s =>
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        int roundId;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var round = await SurveyRounds.CreateAsync(db, "键盘问卷 " + Guid.NewGuid().ToString("N")[..6], today.AddDays(-1), today.AddDays(20), [1]);
            await SurveyRounds.AddQuestionAsync(db, round.Id, 1, SurveyQuestionKind.SingleChoice, "最希望改进哪一项？", ["电梯", "停车", "保洁"]);
            roundId = round.Id;
        }
        var page = s.Page;
        await OwnerSignInAsync(page, "owner1.hy@demo.ownerportal.cn");
        await page.GotoAsync($"{Sites.Portal.BaseUrl}/Surveys/Answer/{roundId}");
        var trail = new List<Focus>();
        await TabToAsync(page, "[data-testid=item-PowerSupply] input[type=radio]", trail);
        await page.Keyboard.PressAsync("Space");                 // 1
        for (var i = 0; i < 3; i++) await page.Keyboard.PressAsync("ArrowRight"); // 4
        await Expect(page.GetByTestId("item-PowerSupply").Locator("input[type=radio][value='4']")).ToBeCheckedAsync();
        await TabToAsync(page, "[data-testid=item-WaterSupply] input[type=radio]", trail);
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowRight");            // 2
        await TabToAsync(page, "[data-testid=item-WaterSupply] input[name$='.Comment']", trail);
        await page.Keyboard.TypeAsync("高峰期水压低");
        await TabToAsync(page, "[data-testid=question-1] input", trail);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "[data-testid=submit]", trail);
        output.WriteLine("survey form: " + string.Join(" > ", trail.Select(f => f.What)));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("status")).ToContainTextAsync("问卷已提交");
        await Expect(page.GetByTestId("item-WaterSupply").Locator("input[type=radio][value='2']")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("item-WaterSupply").Locator("input[name$='.Comment']")).ToHaveValueAsync("高峰期水压低");
    });

    /// <summary>The owner's pages (the sweep's Portal pages an owner opens, with the records filled in).</summary>
    private async Task<List<string>> OwnerPagesAsync()
    {
        var (ids, _) = await AuthorizationMatrixTests.HyRecordsAsync(Sites);
        var owner = AuthorizationMatrixTests.Personas.Single(p => p.Name == "owner of the unit");
        return AuthorizationMatrixTests.PortalPages
            .Where(p => p.Value.Rule(owner) == AuthorizationMatrixTests.Outcome.Ok && p.Key is not "/Cases/Photo" and not "/Account/Logout")
            .Select(p => ids.Aggregate(p.Value.Url, (u, id) => u.Replace("{" + id.Key + "}", id.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)))
            .ToList();
    }

    /// <summary>How far the page scrolls sideways, and the elements whose text is cut off by a box too small for it.</summary>
    private const string Overflow = """
        () => {
          const clipped = [];
          for (const el of document.querySelectorAll('main *, header *')) {
            const s = getComputedStyle(el);
            if (el.closest('.visually-hidden') || s.display === 'none' || s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none') continue;
            const hides = v => v === 'hidden' || v === 'clip';
            if (!(hides(s.overflowX) || hides(s.overflowY)) || !el.textContent.trim()) continue;
            if ((hides(s.overflowY) && el.scrollHeight > el.clientHeight + 2) || (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 2))
              clipped.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40));
          }
          // What sticks out on the right, for the message (the innermost such elements).
          const wide = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
              && ![...el.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
            .slice(0, 3).map(el => el.tagName.toLowerCase() + '.' + el.className + ': ' + (el.textContent || '').trim().slice(0, 30));
          return { scroll: document.documentElement.scrollWidth - window.innerWidth, clipped, wide };
        }
        """;

    public sealed class OverflowResult { public int Scroll { get; set; } public string[] Clipped { get; set; } = []; public string[] Wide { get; set; } = []; }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-GB")]
    public Task Owner_pages_reflow_at_320_px_and_keep_everything_at_200_percent_text(string locale) => RunAsync(async s =>
    {
        var page = s.Page;
        var pages = await OwnerPagesAsync();
        await OwnerSignInAsync(page, "owner1.hy@demo.ownerportal.cn");
        var failures = new List<string>();
        foreach (var (width, zoom) in new[] { (320, 1), (1280, 2) })
        {
            await page.SetViewportSizeAsync(width, 800);
            foreach (var path in pages)
            {
                await page.GotoAsync(Sites.Portal.BaseUrl + path);
                if (zoom == 2) await page.EvaluateAsync("() => document.documentElement.style.fontSize = '200%'");
                var result = await page.EvaluateAsync<OverflowResult>(Overflow);
                var what = $"{width}px text {zoom * 100}% {path}";
                if (result.Scroll > 0) failures.Add($"{what}: the page scrolls sideways by {result.Scroll}px ({string.Join("; ", result.Wide)})");
                failures.AddRange(result.Clipped.Select(c => $"{what}: clipped {c}"));
                // The main actions are still there to press.
                foreach (var action in await page.Locator("main button[type=submit], main a.button").AllAsync())
                    if (await action.IsVisibleAsync())
                    {
                        var box = await action.BoundingBoxAsync();
                        if (box is null || box.X < 0 || box.X + box.Width > width + 1) failures.Add($"{what}: action off screen: {await action.TextContentAsync()}");
                    }
                output.WriteLine($"{what}: {(result.Scroll > 0 || result.Clipped.Length > 0 ? "FAIL" : "ok")}");
            }
            if (width == 320) await ScreenshotAsync(page, $"reflow-320-{locale}");
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }, locale: locale);
}
