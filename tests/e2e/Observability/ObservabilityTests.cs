using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Mail;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using OwnerPortal.Tests;

namespace OwnerPortal.E2ETests.Observability;

/// <summary>Metrics on the internal port only, the product's own gauges and counters, and the two health probes.</summary>
public class ObservabilityTests
{
    [Fact]
    public async Task Metrics_port_serves_http_outbox_and_job_metrics_and_the_public_port_does_not()
    {
        var cs = await TestDatabase.CreateAsync();
        await EnqueueAsync(cs, 3);
        var metricsPort = SiteFactory<PortalEntry>.FreePort();
        var settings = SitesFixture.PortalSettings(adminPort: SiteFactory<PortalEntry>.FreePort());
        settings["Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        // The sender runs against an SMTP port nobody listens on: every message stays queued.
        settings["Mail:SenderEnabled"] = "true";
        settings["Mail:Port"] = SiteFactory<PortalEntry>.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Mail:PollInterval"] = "00:00:00.200";
        await using var portal = new SiteFactory<PortalEntry>(cs, settings).Start();
        using var http = new HttpClient();
        var metricsUrl = $"http://127.0.0.1:{metricsPort}/metrics";

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(portal.BaseUrl + "/")).StatusCode);
        var scrape = await ScrapeUntilAsync(http, metricsUrl, text => Gauge(text, "ownerportal_outbox_queued") == 3);
        Assert.Contains("http_server_request_duration_seconds_bucket", scrape);
        Assert.Matches(@"ownerportal_job_runs_total\{[^}]*job=""outbox""", scrape);
        Assert.Matches(@"ownerportal_job_runs_total\{[^}]*job=""escalation-sweep""", scrape);
        Assert.Matches(@"ownerportal_job_runs_total\{[^}]*job=""photo-staging-cleanup""", scrape);
        Assert.True(Gauge(scrape, "ownerportal_outbox_oldest_age_seconds") >= 0);
        Assert.Contains("db_client_operation_duration_seconds", scrape); // Npgsql

        // The gauge follows the queue: two more messages are seen by the next pass.
        await EnqueueAsync(cs, 2);
        await ScrapeUntilAsync(http, metricsUrl, text => Gauge(text, "ownerportal_outbox_queued") == 5);

        // Not on the public port; nothing of the site on the metrics port; probes answer on both.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(portal.BaseUrl + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{metricsPort}/")).StatusCode);
        foreach (var probe in new[] { "/healthz/live", "/healthz/ready", "/healthz" })
        {
            var response = await http.GetAsync(portal.BaseUrl + probe);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{metricsPort}/healthz/ready")).StatusCode);
        Assert.DoesNotContain(portal.Logs.Lines, line => line.Contains("@example.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Live_answers_without_the_database_ready_does_not()
    {
        using var http = new HttpClient();
        // A site pointed at a port where no PostgreSQL listens, and without Metrics:Port (so no /metrics at all).
        var closed = new Npgsql.NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString)
            { Port = SiteFactory<OwnerPortal.Admin.AdminEntry>.FreePort(), Timeout = 2 }.ConnectionString;
        await using var down = new SiteFactory<OwnerPortal.Admin.AdminEntry>(closed).Start();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(down.BaseUrl + "/healthz/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(down.BaseUrl + "/healthz/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(down.BaseUrl + "/healthz")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await http.GetAsync(down.BaseUrl + "/metrics")).StatusCode);

        // The same site on a reachable database is ready.
        await using var up = new SiteFactory<OwnerPortal.Admin.AdminEntry>(await TestDatabase.CreateAsync()).Start();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(up.BaseUrl + "/healthz/ready")).StatusCode);
    }

    [Fact]
    public async Task Http_spans_carry_the_path_but_not_the_query_string()
    {
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>(); // other sites' spans too
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var settings = SitesFixture.PortalSettings(adminPort: SiteFactory<PortalEntry>.FreePort());
        settings["OpenTelemetry:OtlpEndpoint"] = $"http://127.0.0.1:{SiteFactory<PortalEntry>.FreePort()}"; // nobody listens: spans are dropped
        await using var portal = new SiteFactory<PortalEntry>(await TestDatabase.CreateAsync(), settings).Start();
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(portal.BaseUrl + "/?email=private.owner@example.com")).StatusCode);

        // The span ends just after the response is sent: wait for it.
        List<System.Diagnostics.Activity> mine = [];
        for (var i = 0; i < 50 && mine.Count == 0; i++, await Task.Delay(100))
            mine = spans.Where(a => Convert.ToString(a.GetTagItem("server.port"), CultureInfo.InvariantCulture) == portal.Port.ToString(CultureInfo.InvariantCulture)
                                    && (a.GetTagItem("url.path") as string) == "/").ToList(); // tagged by the instrumentation
        Assert.True(mine.Count > 0, "no span; seen: " + string.Join(" | ", spans.Take(5).Select(a => string.Join(",", a.TagObjects.Select(t => $"{t.Key}={t.Value}")))));
        Assert.DoesNotContain(mine.SelectMany(a => a.TagObjects), t => t.Value?.ToString()?.Contains("private.owner", StringComparison.Ordinal) == true);
    }

    private static async Task EnqueueAsync(string cs, int count)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        for (var i = 0; i < count; i++)
            Outbox.Enqueue(db, "test", $"owner{i}@example.com", $"业主{i}", "Notice", "Text", null, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the sender's pass and the exporter's cache take a moment).</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient http, string url, Func<string, bool> done)
    {
        var text = "";
        for (var i = 0; i < 300; i++) // up to a minute on a busy machine
        {
            var response = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (done(text)) return text;
            await Task.Delay(200);
        }
        Assert.Fail("metrics never showed the expected value:\n" + text);
        return text;
    }

    private static double? Gauge(string scrape, string name)
    {
        var match = Regex.Match(scrape, "^" + Regex.Escape(name) + @"(\{[^}]*\})? (\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : null;
    }
}
