using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace OwnerPortal.Ops.Load;

/// <summary>
/// bench/faults.sh's table. The run is cut into windows, one per fault from its start to the next fault's (so each
/// includes its recovery), plus the quiet start. Per window: requests, answers that were not 2xx/3xx, network errors,
/// the span in which clients saw errors, submissions acknowledged against the cases in the database by idempotency
/// key, duplicate cases, mails that fell due against mails in the SMTP log and duplicate Message-Ids.
/// Inputs in DIR: requests.csv and acks.csv (the load driver), faults.tsv ("name TAB start_ms"), outbox-start (the
/// highest outbox id before the run); the SMTP sink's log; the database of ConnectionStrings__Default.
/// </summary>
public sealed partial class FaultReport(string connectionString, string dir, string smtpLog, TextWriter output)
{
    private sealed record Request(long At, string Kind, int? Status, string Error, double Ms)
    {
        public bool Failed => Error.Length > 0;
        public bool IsRequest => Status is not null;
    }

    private sealed record Ack(long At, long CaseId, Guid Key, string Owner, string Marker);

    private sealed record Window(string Name, long Start, long End);

    public async Task<int> RunAsync()
    {
        var requests = ReadCsv("requests.csv").Select(f => new Request(long.Parse(f[0], CultureInfo.InvariantCulture), f[1],
            f[3] == "-" ? null : int.Parse(f[3], CultureInfo.InvariantCulture), f[4], double.Parse(f[5], CultureInfo.InvariantCulture))).ToList();
        var acks = ReadCsv("acks.csv").Select(f => new Ack(long.Parse(f[0], CultureInfo.InvariantCulture),
            long.Parse(f[1], CultureInfo.InvariantCulture), Guid.Parse(f[2]), f[3], f[4])).ToList();
        if (requests.Count == 0)
        {
            output.WriteLine("no requests recorded");
            return 1;
        }
        var windows = Windows(requests[0].At - 1, requests.Max(r => r.At) + 1);
        var outboxStart = long.Parse(File.ReadAllText(Path.Combine(dir, "outbox-start")).Trim(), CultureInfo.InvariantCulture);

        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var inDb = new Dictionary<Guid, List<long>>();
        await using (var cmd = new NpgsqlCommand("SELECT idempotency_key, id FROM cases WHERE idempotency_key = ANY(@keys)", db))
        {
            cmd.Parameters.AddWithValue("keys", acks.Select(a => a.Key).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                (inDb.TryGetValue(reader.GetGuid(0), out var ids) ? ids : inDb[reader.GetGuid(0)] = []).Add(reader.GetInt64(1));
        }
        // Two cases for one form: same reporter and key (the unique index should make it impossible), or same marker.
        var duplicates = new List<(long At, string What)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT max(received_at), 'key' FROM cases WHERE idempotency_key IS NOT NULL
            GROUP BY reporter_person_id, idempotency_key HAVING count(*) > 1
            UNION ALL
            SELECT max(received_at), 'marker' FROM cases WHERE description ~ '^\[load [0-9]+-[0-9]+\]'
            GROUP BY substring(description FROM '^\[load [0-9]+-[0-9]+\]') HAVING count(*) > 1
            """, db))
        {
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                duplicates.Add((reader.GetFieldValue<DateTimeOffset>(0).ToUnixTimeMilliseconds(), reader.GetString(1)));
        }
        var mails = new List<(long Id, long At, int Status)>();
        await using (var cmd = new NpgsqlCommand("SELECT id, created_at, status FROM outbox_messages WHERE id > @start", db))
        {
            cmd.Parameters.AddWithValue("start", outboxStart);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                mails.Add((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1).ToUnixTimeMilliseconds(), reader.GetInt32(2)));
        }
        var delivered = new Dictionary<long, int>();
        foreach (var line in File.ReadLines(smtpLog))
            if (MessageIdLine().Match(line) is { Success: true } m)
            {
                var id = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                delivered[id] = delivered.GetValueOrDefault(id) + 1;
            }

        output.WriteLine("fault                        requests  non-2xx/3xx  net errors  error window  acked  in db  lost  dup cases  mails due  delivered  dup mails");
        var totals = new long[10];
        foreach (var w in windows)
        {
            bool In(long at) => at >= w.Start && at < w.End;
            var reqs = requests.Where(r => In(r.At)).ToList();
            var failed = reqs.Where(r => r.Failed).ToList();
            var errorWindow = failed.Count == 0 ? "-" : $"{(failed.Max(r => r.At) - failed.Min(r => r.At - (long)r.Ms)) / 1000.0:F1} s";
            var acked = acks.Where(a => In(a.At)).ToList();
            var found = acked.Count(a => inDb.TryGetValue(a.Key, out var ids) && ids.Contains(a.CaseId));
            var dupCases = duplicates.Count(d => In(d.At));
            var due = mails.Where(m => In(m.At)).ToList();
            var sent = due.Count(m => delivered.ContainsKey(m.Id));
            var dupMails = due.Sum(m => Math.Max(0, delivered.GetValueOrDefault(m.Id) - 1));
            long[] row = [reqs.Count(r => r.IsRequest), reqs.Count(r => r.Status is > 0 and not (>= 200 and < 400)),
                reqs.Count(r => r.Status == 0), acked.Count, found, acked.Count - found, dupCases, due.Count, sent, dupMails];
            for (var i = 0; i < row.Length; i++) totals[i] += row[i];
            output.WriteLine(Row(w.Name, row, errorWindow));
        }
        output.WriteLine(Row("whole run", totals, ""));
        var queued = mails.Count(m => m.Status == 0);
        var failedMails = mails.Count(m => m.Status == 2);
        output.WriteLine($"outbox after the run: {queued} still queued, {failedMails} marked failed; cases with a load marker counted by {duplicates.Count} duplicate group(s)");
        var errorsByKind = requests.Where(r => r.Failed).GroupBy(r => $"{r.Kind} {r.Error}").OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine("client-visible errors by class and kind: " + (requests.Any(r => r.Failed) ? string.Join(", ", errorsByKind) : "none"));
        return totals[5] == 0 && totals[6] == 0 && totals[7] == totals[8] && totals[9] == 0 ? 0 : 1;
    }

    private static string Row(string name, long[] v, string errorWindow) => string.Create(CultureInfo.InvariantCulture,
        $"{name,-28} {v[0],9} {v[1],12} {v[2],11} {errorWindow,13} {v[3],6} {v[4],6} {v[5],5} {v[6],10} {v[7],10} {v[8],10} {v[9],10}");

    private List<Window> Windows(long first, long last)
    {
        var marks = File.ReadLines(Path.Combine(dir, "faults.tsv")).Where(l => l.Length > 0)
            .Select(l => l.Split('\t')).Select(f => (Name: f[0], Start: long.Parse(f[1], CultureInfo.InvariantCulture))).ToList();
        var windows = new List<Window> { new("(before the first fault)", first, marks.Count > 0 ? marks[0].Start : last) };
        for (var i = 0; i < marks.Count; i++)
            windows.Add(new Window(marks[i].Name, marks[i].Start, i + 1 < marks.Count ? marks[i + 1].Start : last));
        return windows;
    }

    private IEnumerable<string[]> ReadCsv(string name) =>
        File.ReadLines(Path.Combine(dir, name)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    [GeneratedRegex(@"^Message-I[dD]:\s*<outbox-(\d+)@", RegexOptions.IgnoreCase)]
    private static partial Regex MessageIdLine();
}
