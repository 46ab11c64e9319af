using System.Diagnostics.Metrics;

namespace OwnerPortal.Core.Observability;

/// <summary>
/// The product's own meter ("OwnerPortal"): background job runs and failures, the outbox queue and the KPI refresh lag.
/// Nothing here queries the database when Prometheus scrapes: the jobs record what their own passes saw, and the
/// gauges only turn those values into ages at scrape time. A gauge stays silent in a process that does not run the job.
/// </summary>
public sealed class OwnerPortalMetrics
{
    public const string MeterName = "OwnerPortal";

    private readonly TimeProvider _clock;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _duration;
    private readonly object _gate = new();
    private OutboxReading? _outbox;
    private DateTimeOffset? _kpiRefreshedAt;

    public OwnerPortalMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _runs = meter.CreateCounter<long>("ownerportal.job.runs", "{run}", "Passes of a background job (success or failure).");
        _failures = meter.CreateCounter<long>("ownerportal.job.failures", "{run}", "Passes of a background job that failed.");
        _duration = meter.CreateHistogram<double>("ownerportal.job.duration", "s", "How long a pass of a background job took.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300] });
        meter.CreateObservableGauge("ownerportal.outbox.queued", () => Outbox(r => r.Queued), "{message}",
            "Outbox messages waiting to be sent (seen by this instance's last sender pass).");
        meter.CreateObservableGauge("ownerportal.outbox.oldest_age", () => Outbox(r => r.OldestQueuedAt is { } at ? Age(at) : 0), "s",
            "Age of the oldest queued outbox message (0 when the queue is empty).");
        meter.CreateObservableGauge("ownerportal.kpi.refresh_lag", KpiLag, "s",
            "Time since this instance's last successful KPI refresh pass: how stale the dashboards' cells may be.");
    }

    /// <summary>Times one pass of <paramref name="job"/>; dispose the result after the pass, call <see cref="JobPass.Failed"/> on failure.</summary>
    public JobPass Start(string job) => new(this, job, _clock.GetTimestamp());

    /// <summary>What the outbox sender saw at the end of a pass.</summary>
    public void RecordOutbox(long queued, DateTimeOffset? oldestQueuedAt)
    {
        lock (_gate) _outbox = new OutboxReading(queued, oldestQueuedAt);
    }

    public void RecordKpiRefresh(DateTimeOffset at)
    {
        lock (_gate) _kpiRefreshedAt = at;
    }

    private IEnumerable<Measurement<double>> Outbox(Func<OutboxReading, double> value)
    {
        OutboxReading? reading;
        lock (_gate) reading = _outbox;
        return reading is null ? [] : [new Measurement<double>(value(reading))];
    }

    private IEnumerable<Measurement<double>> KpiLag()
    {
        DateTimeOffset? at;
        lock (_gate) at = _kpiRefreshedAt;
        return at is null ? [] : [new Measurement<double>(Age(at.Value))];
    }

    private double Age(DateTimeOffset at) => Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds);

    private sealed record OutboxReading(long Queued, DateTimeOffset? OldestQueuedAt);

    /// <summary>One pass of a job: counted as a run when disposed, and as a failure too if <see cref="Failed"/> was called.</summary>
    public sealed class JobPass(OwnerPortalMetrics metrics, string job, long started) : IDisposable
    {
        private bool _failed;
        private bool _done;

        public void Failed() => _failed = true;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            var tag = new KeyValuePair<string, object?>("job", job);
            metrics._runs.Add(1, tag);
            if (_failed) metrics._failures.Add(1, tag);
            metrics._duration.Record(metrics._clock.GetElapsedTime(started).TotalSeconds, tag);
        }
    }
}
