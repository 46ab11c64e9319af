using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>
/// Opens a page the way a user would (locale, screen width), records console errors, and on failure keeps a
/// screenshot and a Playwright trace under artifacts/ at the repository root.
/// </summary>
[Collection(SitesCollection.Name)]
public abstract class BrowserTest(SitesFixture sites)
{
    protected SitesFixture Sites { get; } = sites;
    public static readonly string Artifacts = Path.Combine(RepoRoot(), "artifacts");

    protected sealed record Session(IPage Page, List<string> ConsoleErrors);

    protected async Task RunAsync(Func<Session, Task> body, string locale = "zh-CN", int width = 1280, [CallerMemberName] string name = "")
    {
        await using var context = await Sites.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        try
        {
            await body(new Session(page, errors));
            await context.Tracing.StopAsync();
        }
        catch
        {
            Directory.CreateDirectory(Path.Combine(Artifacts, "failures"));
            var stem = Path.Combine(Artifacts, "failures", $"{GetType().Name}.{name}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = stem + ".png", FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = stem + ".trace.zip" });
            throw;
        }
    }

    /// <summary>Keeps a full-page picture for people to look at (artifacts/screenshots, git-ignored).</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Path.Combine(Artifacts, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts, "screenshots", name + ".png"), FullPage = true });
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OwnerPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
