using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Observability;

/// <summary>What Npgsql puts in spans and metric tags (Observability/Telemetry.cs exports both): never values or passwords.</summary>
public class NpgsqlTelemetryTests
{
    [Fact]
    public async Task Spans_carry_the_sql_text_but_not_parameter_values_and_pool_names_no_password()
    {
        const string email = "li.wei.private@example.com";
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>(); // other tests query meanwhile
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var tags = new List<string>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Npgsql") l.EnableMeasurementEvents(instrument); };
        meters.SetMeasurementEventCallback<double>((_, _, t, _) => { foreach (var tag in t) lock (tags) tags.Add($"{tag.Key}={tag.Value}"); });
        meters.Start();

        // Trust authentication ignores the password: it is here to prove it never reaches a tag.
        var cs = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateAsync()) { Password = "pw-not-for-tags" }.ConnectionString;
        await using (var conn = new NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM people WHERE email = @email", conn);
            cmd.Parameters.AddWithValue("email", email);
            await cmd.ExecuteScalarAsync();
        }
        meters.RecordObservableInstruments();

        var span = Assert.Single(spans, s => s.Tags.Any(t => t.Value?.Contains("SELECT count(*) FROM people WHERE email", StringComparison.Ordinal) == true));
        Assert.Contains(span.Tags, t => t.Value!.Contains("email = $1", StringComparison.Ordinal) || t.Value!.Contains("@email", StringComparison.Ordinal));
        Assert.DoesNotContain(spans.SelectMany(s => s.Tags), t => t.Value?.Contains(email, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(spans.SelectMany(s => s.Tags), t => t.Value?.Contains("pw-not-for-tags", StringComparison.Ordinal) == true);
        Assert.NotEmpty(tags);
        Assert.DoesNotContain(tags, t => t.Contains("pw-not-for-tags", StringComparison.Ordinal));
    }
}
