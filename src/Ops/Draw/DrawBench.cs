using System.Globalization;
using Microsoft.Playwright;

namespace OwnerPortal.Ops.Draw;

/// <summary>
/// Issue #17 item 4: how long a dashboard takes to draw in Chromium. Signs a company-level staff member and an estate
/// manager in to the Admin (the OpenID Connect round trip through the Portal's form), then times, from navigation start
/// (performance.now() in the page), until every chart the page declares ([data-testid=chart]) holds its Plotly SVG.
/// Charts drawn only when scrolled into view are scrolled to, one after the other, as soon as the page has them.
/// Cold: a new browser context (empty HTTP cache) with the signed-in cookies; warm: a second visit in that context.
/// </summary>
public sealed class DrawBench(Uri admin, IReadOnlyList<(string Email, string Path)> visits, int runs, TextWriter output)
{
    public const string Password = "Demo2026";

    // Resolves with the milliseconds since navigation start when every declared chart has its SVG; the first screen's
    // charts are timed too. Charts not yet drawn are scrolled to in page order (lazy charts draw when in view).
    private const string WaitForCharts = """
        async () => {
          const charts = () => [...document.querySelectorAll('[data-testid=chart]')];
          const drawn = c => c.querySelector('.main-svg') !== null;
          const inView = c => c.getBoundingClientRect().top < innerHeight;
          let firstScreen = null;
          const deadline = performance.now() + 60000;
          while (performance.now() < deadline) {
            const all = charts();
            if (firstScreen === null && all.filter(inView).every(drawn)) firstScreen = performance.now();
            const next = all.find(c => !drawn(c));
            if (all.length > 0 && next === undefined) {
              const all = performance.now();
              const bytes = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((s, e) => s + e.transferSize, 0);
              return { all, firstScreen, count: charts().length, bytes };
            }
            if (next !== undefined && firstScreen !== null) next.scrollIntoView({ block: 'center' });
            await new Promise(r => requestAnimationFrame(r));
          }
          return { all: -1, firstScreen, count: charts().length, bytes: 0, drawn: charts().filter(drawn).length };
        }
        """;

    private sealed record Timing(double All, double? FirstScreen, int Count, long Bytes);

    public async Task<int> RunAsync()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        var status = 0;
        output.WriteLine("| dashboard | charts | cold: all drawn (first screen) | warm: all drawn (first screen) | transferred cold / warm |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (email, path) in visits)
        {
            var state = await SignInAsync(browser, email);
            var cold = new List<Timing>();
            var warm = new List<Timing>();
            for (var run = 0; run < runs; run++)
            {
                await using var context = await browser.NewContextAsync(new() { StorageState = state, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
                var page = await context.NewPageAsync();
                page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"  console error on {path}: {m.Text}"); };
                page.PageError += (_, e) => output.WriteLine($"  page error on {path}: {e}");
                cold.Add(await VisitAsync(page, path));
                warm.Add(await VisitAsync(page, path));
            }
            if (cold.Concat(warm).Any(t => t.All < 0)) { status = 1; output.WriteLine($"{path}: not every chart was drawn within 60 s"); }
            output.WriteLine($"| {path} ({email}) | {cold[0].Count} | {Median(cold)} | {Median(warm)} | {Kb(cold)} / {Kb(warm)} |");
            output.WriteLine($"  runs cold: {string.Join(", ", cold.Select(t => Ms(t.All)))}; warm: {string.Join(", ", warm.Select(t => Ms(t.All)))}");
        }
        return status;
    }

    private async Task<Timing> VisitAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(new Uri(admin, path).ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        if (response is null || !response.Ok || new Uri(page.Url).Authority != admin.Authority)
            throw new InvalidOperationException($"{path}: answered {response?.Status} at {page.Url}");
        var result = await page.EvaluateAsync<System.Text.Json.JsonElement>(WaitForCharts);
        if (result.GetProperty("all").GetDouble() < 0) output.WriteLine($"  {path}: {result.GetProperty("drawn")} of {result.GetProperty("count")} charts drawn after 60 s");
        double? first = result.GetProperty("firstScreen").ValueKind == System.Text.Json.JsonValueKind.Number ? result.GetProperty("firstScreen").GetDouble() : null;
        return new Timing(result.GetProperty("all").GetDouble(), first, result.GetProperty("count").GetInt32(), (long)result.GetProperty("bytes").GetDouble());
    }

    /// <summary>The Admin sends the browser to the Portal's form; back in the Admin, the cookies are the session.</summary>
    private async Task<string> SignInAsync(IBrowser browser, string email)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(admin.ToString());
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).Authority == admin.Authority && !url.Contains("signin-oidc", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    private static string Median(List<Timing> timings)
    {
        static double Mid(IEnumerable<double> values) { var s = values.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
        var firsts = timings.Where(t => t.FirstScreen is not null).Select(t => t.FirstScreen!.Value).ToList();
        return $"{Ms(Mid(timings.Select(t => t.All)))} ({(firsts.Count > 0 ? Ms(Mid(firsts)) : "—")})";
    }

    private static string Kb(List<Timing> timings) => (timings.Select(t => t.Bytes).Order().ElementAt(timings.Count / 2) / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " KB";

    private static string Ms(double ms) => ms < 0 ? "timeout" : (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
