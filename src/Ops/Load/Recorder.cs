using System.Globalization;
using System.Text;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// Every request the driver makes, one line each in requests.csv (epoch ms, class, page, status, error kind, ms), so a
/// later step can cut the run into windows (bench/faults.sh per fault); every acknowledged submission in acks.csv; and
/// the per-class summary at the end. Lines are flushed as they are written: a killed driver keeps what it saw.
/// </summary>
public sealed class Recorder : IDisposable
{
    public const string RequestsHeader = "at_ms,class,page,status,error,ms";
    public const string AcksHeader = "at_ms,case_id,idempotency_key,owner,marker,photo,attempts";

    private readonly object _gate = new();
    private readonly StreamWriter _requests;
    private readonly StreamWriter _acks;
    private readonly Dictionary<ActionClass, ClassStats> _stats = Enum.GetValues<ActionClass>().ToDictionary(c => c, _ => new ClassStats());
    private long _skipped;

    private sealed class ClassStats
    {
        public long Requests;
        public long NotOk;
        public readonly List<double> Latencies = [];
        public readonly SortedDictionary<string, long> Errors = new(StringComparer.Ordinal);
    }

    public Recorder(string outDir)
    {
        Directory.CreateDirectory(outDir);
        _requests = new StreamWriter(Path.Combine(outDir, "requests.csv"), append: false, new UTF8Encoding(false)) { AutoFlush = true };
        _acks = new StreamWriter(Path.Combine(outDir, "acks.csv"), append: false, new UTF8Encoding(false)) { AutoFlush = true };
        _requests.WriteLine(RequestsHeader);
        _acks.WriteLine(AcksHeader);
    }

    /// <summary>
    /// One request: <paramref name="status"/> 0 when no answer came; <paramref name="error"/> null when the answer was
    /// what a user expects, else its kind ("http 503", "connection", "timeout", "sent to sign-in", …).
    /// </summary>
    public void Request(ActionClass kind, string page, int status, string? error, double ms)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},{kind.ToString().ToLowerInvariant()},{page},{status},{error},{ms:F1}");
        lock (_gate)
        {
            _requests.WriteLine(line);
            var stats = _stats[kind];
            stats.Requests++;
            if (status > 0 && status is not (>= 200 and < 400)) stats.NotOk++; // answers only; no answer is an error kind
            if (status > 0) stats.Latencies.Add(ms);
            if (error is not null) stats.Errors[error] = stats.Errors.GetValueOrDefault(error) + 1;
        }
    }

    /// <summary>
    /// An answer that was well-formed but not what the user wanted ("sent to sign-in", "form refused"): a line with
    /// status "-" that counts among the errors, not as a request (the request itself was recorded).
    /// </summary>
    public void Problem(ActionClass kind, string page, string what)
    {
        var line = $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},{kind.ToString().ToLowerInvariant()},{page},-,{what},0";
        lock (_gate)
        {
            _requests.WriteLine(line);
            _stats[kind].Errors[what] = _stats[kind].Errors.GetValueOrDefault(what) + 1;
        }
    }

    public void Acknowledged(long caseId, Guid key, string owner, string marker, bool photo, int attempts)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()},{caseId},{key},{owner},{marker},{(photo ? 1 : 0)},{attempts}");
        lock (_gate) _acks.WriteLine(line);
    }

    /// <summary>An action not started because too many were still waiting for answers (the sites fell behind).</summary>
    public void Skipped() => Interlocked.Increment(ref _skipped);

    public string Summary(TimeSpan elapsed)
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"load: {elapsed.TotalSeconds:F0} s, {_stats.Values.Sum(s => s.Requests)} requests, {_skipped} actions skipped (too many in flight)");
            text.AppendLine("class       requests  req/s  non-2xx/3xx     p50 ms    p95 ms    p99 ms  errors by kind");
            foreach (var (kind, s) in _stats.Where(p => p.Value.Requests > 0))
            {
                var sorted = s.Latencies.Order().ToArray();
                var errors = s.Errors.Count == 0 ? "-" : string.Join(", ", s.Errors.Select(e => $"{e.Key}: {e.Value}"));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{kind.ToString().ToLowerInvariant(),-10} {s.Requests,9} {s.Requests / elapsed.TotalSeconds,6:F1} {s.NotOk,12} {Percentile(sorted, 0.50),10:F1}{Percentile(sorted, 0.95),10:F1}{Percentile(sorted, 0.99),10:F1}  {errors}");
            }
        }
        return text.ToString();
    }

    /// <summary>Nearest-rank percentile of sorted values (NaN when there are none).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public void Dispose()
    {
        lock (_gate)
        {
            _requests.Dispose();
            _acks.Dispose();
        }
    }
}
