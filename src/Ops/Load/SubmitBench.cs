using System.Diagnostics;
using System.Globalization;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// bench/submit.sh's driver: every owner signs in and opens /Cases/New once, then posts cases back to back (closed
/// loop, one in flight per owner) for the run's duration, each with a fresh idempotency key and staging token as a
/// new form carries — to the page or to the bare endpoint, with or without a photo. Prints one line:
/// <c>submit path=… owners=N photo=0|1 ok=N failed=N seconds=S rps=X p50=… p95=…</c>.
/// </summary>
public sealed class SubmitBench(SubmitBench.Options options, TextWriter output)
{
    public sealed record Options(Uri Portal, IReadOnlyList<string> Owners, string Path, bool Photo, TimeSpan Duration, string Password, string OutDir)
    {
        public const string Usage = "usage: OwnerPortal.Ops bench-submit --portal URL --owners a@x,b@y [--path /Cases/New] [--photo 0|1] [--duration S] [--password P] [--out DIR]";

        /// <summary>Null and the usage on <paramref name="errors"/> when the arguments do not make sense.</summary>
        public static Options? Parse(IReadOnlyList<string> args, TextWriter errors)
        {
            var values = new Dictionary<string, string>();
            for (var i = 0; i + 1 < args.Count; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal)) break;
                values[args[i][2..]] = args[i + 1];
            }
            if (args.Count % 2 != 0 || values.Count * 2 != args.Count || !values.ContainsKey("portal") || !values.ContainsKey("owners")
                || values.Keys.Except(["portal", "owners", "path", "photo", "duration", "password", "out"]).Any()
                || !Uri.TryCreate(values["portal"], UriKind.Absolute, out var portal)
                || !double.TryParse(values.GetValueOrDefault("duration", "10"), CultureInfo.InvariantCulture, out var seconds) || seconds <= 0
                || values.GetValueOrDefault("photo", "0") is not ("0" or "1")
                || !values.GetValueOrDefault("path", "/Cases/New").StartsWith('/'))
            {
                errors.WriteLine(Usage);
                return null;
            }
            var owners = values["owners"].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (owners.Length == 0)
            {
                errors.WriteLine(Usage);
                return null;
            }
            return new Options(portal, owners, values.GetValueOrDefault("path", "/Cases/New"), values.GetValueOrDefault("photo") == "1",
                TimeSpan.FromSeconds(seconds), values.GetValueOrDefault("password", OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword),
                values.GetValueOrDefault("out", ".run/bench-submit"));
        }
    }

    public async Task<int> RunAsync()
    {
        using var recorder = new Recorder(options.OutDir);
        var runId = DateTimeOffset.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
        var owners = options.Owners.Select(e => new OwnerSession(recorder, options.Portal, e, options.Password, runId)).ToArray();
        var tokens = await Task.WhenAll(owners.Select(o => o.FormTokenAsync(CancellationToken.None)));
        if (tokens.Any(t => t is null))
        {
            output.WriteLine($"submit: {tokens.Count(t => t is null)} of {owners.Length} owners could not sign in or open the form");
            return 1;
        }
        var photo = options.Photo ? LoadDriver.Photo() : null;
        var latencies = new List<double>();
        long ok = 0, failed = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(owners.Select((owner, i) => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(started) < options.Duration)
            {
                var t0 = Stopwatch.GetTimestamp();
                var filed = await owner.PostCaseAsync(options.Path, tokens[i]!, photo, CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                lock (latencies)
                {
                    if (filed) { ok++; latencies.Add(ms); }
                    else failed++;
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (var owner in owners) owner.Dispose();
        output.WriteLine(Line(options, ok, failed, elapsed, latencies));
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The result line bench/submit.sh reads (rps= is what it compares).</summary>
    public static string Line(Options o, long ok, long failed, double seconds, IEnumerable<double> latencies)
    {
        var sorted = latencies.Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"submit path={o.Path} owners={o.Owners.Count} photo={(o.Photo ? 1 : 0)} ok={ok} failed={failed} seconds={seconds:F1} rps={ok / seconds:F1} p50={Recorder.Percentile(sorted, 0.5):F1} p95={Recorder.Percentile(sorted, 0.95):F1}");
    }
}
