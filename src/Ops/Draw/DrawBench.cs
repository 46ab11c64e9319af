using System.Globalization;
using Microsoft.Playwright;

namespace OwnerPortal.Ops.Draw;

/// <summary>
/// Issue #17 item 4: how long a dashboard takes to draw in Chromium. Signs a company-level staff member and an estate
/// manager in to the Admin (the OpenID Connect round trip through the Portal's form), then times, from navigation start
/// (performance.now() in the page), until every chart the page declares ([data-testid=chart], [data-testid=svg-chart]) is
/// drawn: its bar rows or its SVG are in the document (both come drawn from the server; when charts were drawn by Plotly
/// in the browser, this waited for Plotly's SVG).
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
          const charts = () => [...document.querySelectorAll('[data-testid=chart], [data-testid=svg-chart]')];
          // Bar rows, or a trend's SVG (a chart drawn by a script would have neither until drawn).
          const drawn = c => c.querySelector('.bar-chart .bar-row, .trend-chart svg') !== null;
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
              const nav = performance.getEntriesByType('navigation')[0];
              const plotly = performance.getEntriesByType('resource').some(e => e.name.includes('/lib/plotly'));
              return { all, firstScreen, count: charts().length, bytes, ttfb: nav.responseStart, html: nav.responseEnd,
                dcl: nav.domContentLoadedEventEnd, plotly };
            }
            if (next !== undefined && firstScreen !== null) next.scrollIntoView({ block: 'center' });
            await new Promise(r => requestAnimationFrame(r));
          }
          return { all: -1, firstScreen, count: charts().length, bytes: 0, drawn: charts().filter(drawn).length };
        }
        """;

    /// <summary>Chromium's sampling profiler over one visit (CDP), reported as the functions with the most time, inclusive and self.</summary>
    private sealed class CpuProfile(ICDPSession cdp)
    {
        public static async Task<CpuProfile> StartAsync(IPage page)
        {
            var cdp = await page.Context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Profiler.enable");
            await cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 200 });
            await cdp.SendAsync("Profiler.start");
            return new CpuProfile(cdp);
        }

        public async Task StopAndReportAsync(TextWriter output)
        {
            var profile = (await cdp.SendAsync("Profiler.stop"))!.Value.GetProperty("profile");
            var nodes = new Dictionary<int, (string Name, int Parent)>();
            var parents = new Dictionary<int, int>();
            foreach (var node in profile.GetProperty("nodes").EnumerateArray())
                if (node.TryGetProperty("children", out var children))
                    foreach (var child in children.EnumerateArray()) parents[child.GetInt32()] = node.GetProperty("id").GetInt32();
            foreach (var node in profile.GetProperty("nodes").EnumerateArray())
            {
                var frame = node.GetProperty("callFrame");
                var url = frame.GetProperty("url").GetString() ?? "";
                var name = $"{(frame.GetProperty("functionName").GetString() is { Length: > 0 } f ? f : "(anonymous)")} {url[(url.LastIndexOf('/') + 1)..]}:{frame.GetProperty("lineNumber").GetInt32() + 1}";
                var id = node.GetProperty("id").GetInt32();
                nodes[id] = (name, parents.GetValueOrDefault(id));
            }
            var samples = profile.GetProperty("samples").EnumerateArray().Select(x => x.GetInt32()).ToList();
            var deltas = profile.GetProperty("timeDeltas").EnumerateArray().Select(x => x.GetInt32() / 1000.0).ToList();
            var self = new Dictionary<string, double>();
            var total = new Dictionary<string, double>();
            for (var i = 0; i < samples.Count; i++)
            {
                var ms = i + 1 < deltas.Count ? deltas[i + 1] : 0;
                self[nodes[samples[i]].Name] = self.GetValueOrDefault(nodes[samples[i]].Name) + ms;
                var seen = new HashSet<string>();
                for (var id = samples[i]; id != 0; id = nodes[id].Parent)
                    if (seen.Add(nodes[id].Name)) total[nodes[id].Name] = total.GetValueOrDefault(nodes[id].Name) + ms;
            }
            output.WriteLine($"  CPU profile of a warm visit ({deltas.Sum():0} ms sampled): inclusive");
            foreach (var (name, ms) in total.OrderByDescending(x => x.Value).Take(40)) output.WriteLine($"    {ms,7:0} ms  {name}");
            output.WriteLine("  self");
            foreach (var (name, ms) in self.OrderByDescending(x => x.Value).Take(20)) output.WriteLine($"    {ms,7:0} ms  {name}");
            await cdp.DetachAsync();
        }
    }

    private sealed record Timing(double All, double? FirstScreen, int Count, long Bytes, Profile? Profile = null);

    /// <summary>Where the time went, in ms since navigation start: the page's first byte and last byte, DOMContentLoaded;
    /// and whether Plotly's script was fetched (it should not be: it is for the PNG button only).</summary>
    private sealed record Profile(double FirstByte, double Html, double DomContentLoaded, bool PlotlyLoaded);

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
                // DRAW_PROFILE=1: a CPU profile of the first warm visit, time per function (what the drawing is spent on).
                var profiler = run == 0 && Environment.GetEnvironmentVariable("DRAW_PROFILE") == "1" ? await CpuProfile.StartAsync(page) : null;
                var timeline = profiler is null ? null : await Timeline.StartAsync(page);
                warm.Add(await VisitAsync(page, path));
                if (timeline is not null) output.WriteLine("  main thread of a warm visit: " + await timeline.StopAsync());
                if (profiler is not null)
                {
                    await profiler.StopAndReportAsync(output);
                    await ReportHeaviestPartsAsync(page);
                }
            }
            if (cold.Concat(warm).Any(t => t.All < 0)) { status = 1; output.WriteLine($"{path}: not every chart was drawn within 60 s"); }
            output.WriteLine($"| {path} ({email}) | {cold[0].Count} | {Median(cold)} | {Median(warm)} | {Kb(cold)} / {Kb(warm)} |");
            output.WriteLine($"  runs cold: {string.Join(", ", cold.Select(t => Ms(t.All)))}; warm: {string.Join(", ", warm.Select(t => Ms(t.All)))}");
            output.WriteLine($"  where the time goes, cold: {Breakdown(cold)}");
            output.WriteLine($"  where the time goes, warm: {Breakdown(warm)}");
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
        var profile = result.TryGetProperty("ttfb", out var ttfb)
            ? new Profile(ttfb.GetDouble(), result.GetProperty("html").GetDouble(), result.GetProperty("dcl").GetDouble(), result.GetProperty("plotly").GetBoolean())
            : null;
        return new Timing(result.GetProperty("all").GetDouble(), first, result.GetProperty("count").GetInt32(), (long)result.GetProperty("bytes").GetDouble(), profile);
    }

    /// <summary>DRAW_PROFILE=1: the browser's main-thread work of a visit by kind (parsing, style, layout, paint, script), from a CDP trace.</summary>
    private sealed class Timeline(ICDPSession cdp)
    {
        private static readonly HashSet<string> Kinds = ["ParseHTML", "ParseAuthorStyleSheet", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "EvaluateScript", "FunctionCall"];
        private readonly Dictionary<string, (double Ms, int Count)> byKind = [];
        private readonly TaskCompletionSource done = new();

        public static async Task<Timeline> StartAsync(IPage page)
        {
            var cdp = await page.Context.NewCDPSessionAsync(page);
            var timeline = new Timeline(cdp);
            cdp.Event("Tracing.dataCollected").OnEvent += (_, e) => timeline.Collect(e);
            cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => timeline.done.TrySetResult();
            await cdp.SendAsync("Tracing.start", new Dictionary<string, object> { ["categories"] = "devtools.timeline", ["transferMode"] = "ReportEvents" });
            return timeline;
        }

        private void Collect(System.Text.Json.JsonElement? message)
        {
            if (message is not { } m || !m.TryGetProperty("value", out var events)) return;
            foreach (var e in events.EnumerateArray())
            {
                if (!e.TryGetProperty("ph", out var ph) || ph.GetString() != "X" || !e.TryGetProperty("dur", out var dur)) continue;
                var name = e.GetProperty("name").GetString()!;
                if (!Kinds.Contains(name)) continue;
                var (ms, count) = byKind.GetValueOrDefault(name);
                byKind[name] = (ms + dur.GetDouble() / 1000, count + 1);
            }
        }

        public async Task<string> StopAsync()
        {
            await cdp.SendAsync("Tracing.end");
            await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await cdp.DetachAsync();
            return string.Join(", ", byKind.OrderByDescending(x => x.Value.Ms).Select(x => $"{x.Key} {x.Value.Ms:0} ms ({x.Value.Count})"));
        }
    }

    /// <summary>DRAW_PROFILE=1: the parts of the page with the most markup (the browser parses, styles and lays out all of it).</summary>
    private async Task ReportHeaviestPartsAsync(IPage page)
    {
        var parts = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
            () => [...document.querySelectorAll('main > *, main section, main table, main details')]
              .map(e => ({ what: e.tagName.toLowerCase() + (e.dataset.testid ? '[' + e.dataset.testid + ']' : '') + (e.dataset.file ? '[' + e.dataset.file + ']' : '')
                  + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''),
                size: e.outerHTML.length, elements: e.getElementsByTagName('*').length }))
              .sort((a, b) => b.size - a.size).slice(0, 12)
            """);
        var html = await page.EvaluateAsync<int>("() => document.documentElement.outerHTML.length");
        var elements = await page.EvaluateAsync<int>("() => document.getElementsByTagName('*').length");
        output.WriteLine($"  the page: {html / 1024} K characters, {elements} elements; the heaviest parts:");
        foreach (var part in parts.EnumerateArray())
            output.WriteLine($"    {part.GetProperty("size").GetInt32() / 1024,6} K  {part.GetProperty("elements").GetInt32(),6} elements  {part.GetProperty("what").GetString()}");
    }

    /// <summary>The Admin sends the browser to the Portal's form; back in the Admin, the cookies are the session.</summary>
    private async Task<string> SignInAsync(IBrowser browser, string email)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(admin.ToString());
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).Authority == admin.Authority && !url.Contains("signin-oidc", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    private static string Median(List<Timing> timings)
    {
        var firsts = timings.Where(t => t.FirstScreen is not null).Select(t => t.FirstScreen!.Value).ToList();
        return $"{Ms(Mid(timings.Select(t => t.All)))} ({(firsts.Count > 0 ? Ms(Mid(firsts)) : "—")})";
    }

    private static double Mid(IEnumerable<double> values) { var s = values.Order().ToList(); return s.Count == 0 ? 0 : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }

    /// <summary>Medians of the profile: first byte, HTML done, DOMContentLoaded; and whether any visit fetched Plotly.</summary>
    private static string Breakdown(List<Timing> timings)
    {
        var p = timings.Where(t => t.Profile is not null).Select(t => t.Profile!).ToList();
        if (p.Count == 0) return "—";
        return $"first byte {Ms(Mid(p.Select(x => x.FirstByte)))}, HTML {Ms(Mid(p.Select(x => x.Html)))}, DOMContentLoaded {Ms(Mid(p.Select(x => x.DomContentLoaded)))}, " +
            (p.Any(x => x.PlotlyLoaded) ? "Plotly's script fetched" : "no Plotly");
    }

    private static string Kb(List<Timing> timings) => (timings.Select(t => t.Bytes).Order().ElementAt(timings.Count / 2) / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " KB";

    private static string Ms(double ms) => ms < 0 ? "timeout" : (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
