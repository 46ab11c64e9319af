using System.Diagnostics;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// Mixed load over HTTP(S) with scripted sessions: owners reading and submitting, staff working queues, dashboards.
/// Open loop: actions start at a steady rate whatever the answers take (so an outage shows as errors and late answers,
/// not as a pause in the offered load), up to <see cref="MaxInFlight"/> waiting at once. Writes requests.csv,
/// acks.csv and summary.txt (see <see cref="Recorder"/>).
/// </summary>
public sealed class LoadDriver(LoadOptions options, TextWriter output)
{
    private const int MaxInFlight = 200;

    public async Task<int> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        // Ctrl-C and SIGTERM (bench/faults.sh ends the run so) stop starting actions; the summary is still written.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        using var recorder = new Recorder(options.OutDir);
        var runId = DateTimeOffset.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var owners = options.Owners.Select(e => new OwnerSession(recorder, options.Portal, e, options.Password, runId)).ToArray();
        var staff = options.Staff.Select(e => new StaffSession(recorder, options.Admin, e, options.Password)).ToArray();
        var dashboards = options.Dashboards.Select(e => new StaffSession(recorder, options.Admin, e, options.Password)).ToArray();
        var photo = Photo();
        output.WriteLine($"load: {options.Rate} actions/s against {options.Portal} and {options.Admin}, " +
                         $"{(options.Duration > TimeSpan.Zero ? $"{options.Duration.TotalSeconds:F0} s" : "until stopped")}; files in {options.OutDir}");

        // Sign everyone in first, so the steady part measures the work and not a burst of sign-ins.
        var signedIn = await Task.WhenAll(owners.Cast<BrowserSession>().Concat(staff).Concat(dashboards).Select(s => s.EnsureSignedInAsync(stop.Token)));
        output.WriteLine($"load: {signedIn.Count(ok => ok)} of {signedIn.Length} sessions signed in");
        if (options.Duration > TimeSpan.Zero) stop.CancelAfter(options.Duration);

        var classes = options.Mix.Where(p => p.Value > 0).ToArray();
        var total = classes.Sum(p => p.Value);
        var inFlight = 0;
        var running = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        for (long n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds(n / options.Rate) - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                try { await Task.Delay(due, stop.Token); }
                catch (OperationCanceledException) { break; }
            }
            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                recorder.Skipped();
                continue;
            }
            var kind = Pick(classes, total);
            Interlocked.Increment(ref inFlight);
            // Actions already started finish (a submit keeps retrying) even after the stop: no half-recorded post.
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await (kind switch
                    {
                        ActionClass.Owner => owners[Random.Shared.Next(owners.Length)].ViewAsync(CancellationToken.None),
                        ActionClass.Submit => owners[Random.Shared.Next(owners.Length)]
                            .SubmitAsync(Random.Shared.NextDouble() < options.PhotoShare ? photo : null, CancellationToken.None),
                        ActionClass.Staff => staff[Random.Shared.Next(staff.Length)].WorkAsync(CancellationToken.None),
                        _ => dashboards[Random.Shared.Next(dashboards.Length)].DashboardAsync(CancellationToken.None),
                    });
                }
                catch (Exception e)
                {
                    recorder.Problem(kind, "action", "driver " + e.GetType().Name);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
            if (running.Count > 1000) running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running);
        var summary = recorder.Summary(Stopwatch.GetElapsedTime(started));
        output.Write(summary);
        await File.WriteAllTextAsync(Path.Combine(options.OutDir, "summary.txt"), summary);
        foreach (var session in owners.Cast<BrowserSession>().Concat(staff).Concat(dashboards)) session.Dispose();
        return 0;
    }

    private static ActionClass Pick(KeyValuePair<ActionClass, double>[] classes, double total)
    {
        var roll = Random.Shared.NextDouble() * total;
        foreach (var (kind, share) in classes)
            if ((roll -= share) < 0) return kind;
        return classes[^1].Key;
    }

    /// <summary>A small real JPEG (about 10 KB), as a phone's photo would be after the Portal's own checks.</summary>
    internal static byte[] Photo()
    {
        using var bitmap = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0x30, 0x80, 0xC0));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(320, 240, 160, paint);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }
}
