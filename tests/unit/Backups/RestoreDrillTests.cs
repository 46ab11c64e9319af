using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using OwnerPortal.Core.Demo;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Backups;

/// <summary>
/// scripts/backup.sh and scripts/restore-drill.sh end to end, on a throwaway primary with WAL archiving: a base backup
/// restored with archive replay brings back a case written after the backup; a dump restores as it was, and the drill
/// fails (exit 1) when the restored copy differs from the source.
/// </summary>
public class RestoreDrillTests
{
    [Fact]
    public async Task Base_backup_with_wal_replay_matches_the_source_and_a_dump_older_than_the_source_fails_the_drill()
    {
        var root = RepoRoot();
        var work = Directory.CreateTempSubdirectory("op-drill-test-").FullName;
        var (primary, archive, backups) = (Path.Combine(work, "primary"), Path.Combine(work, "archive"), Path.Combine(work, "backups"));
        var port = FreePort();
        try
        {
            await RunAsync(root, "scripts/pg.sh", "start", primary, $"{port}", "--fast", "--archive", archive);
            var cs = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString)
                { Port = port, Database = "ownerportal", Pooling = false }.ConnectionString;
            // A little demo data, made in a (migrated) test database and copied over: cheaper than migrating anew.
            var seeded = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateAsync());
            await new DemoDataGenerator(new DemoScale { Estates = 1, UnitsPerEstate = 10, Cases = 30, Months = 2, Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) })
                .LoadAsync(seeded.ConnectionString);
            await RunAsync(root, "-c", "set -o pipefail; pg_dump -h \"$1\" -p \"$2\" -U postgres -Fc \"$3\" | pg_restore -h 127.0.0.1 -p \"$4\" -U postgres -d ownerportal --exit-on-error",
                "copy", seeded.Host!, $"{seeded.Port}", seeded.Database!, $"{port}");

            await RunAsync(root, "scripts/backup.sh", "base", $"{port}", backups);
            var afterBase = await CopyLatestCaseAsync(cs); // only in the WAL archive, not in the base backup
            await RunAsync(root, "scripts/backup.sh", "dump", $"{port}", backups);

            var baseDrill = await RunAsync(root, "scripts/restore-drill.sh", "base", $"{port}", backups, archive, "--port", $"{FreePort()}");
            Assert.Contains("RESTORE DRILL OK", baseDrill);
            Assert.Contains($"restored {afterBase}", baseDrill);

            // The dump restores everything as it was when dumped; a case written since is reported and fails the drill.
            var afterDump = await CopyLatestCaseAsync(cs);
            var dumpDrill = await RunExpectingAsync(1, root, "scripts/restore-drill.sh", "dump", $"{port}", backups, "--port", $"{FreePort()}");
            Assert.Contains($"source {afterDump}, restored {afterBase}  MISMATCH", dumpDrill);
            var mismatched = dumpDrill.Split('\n').Where(line => line.EndsWith("MISMATCH", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, mismatched.Count); // the cases count and the latest case, nothing else
            Assert.StartsWith("cases ", mismatched[0]);
            Assert.Contains("RESTORE DRILL FAILED", dumpDrill);
        }
        finally
        {
            await RunAsync(root, "scripts/pg.sh", "stop", primary);
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Writes a copy of the newest case under the next id and a new reference; returns "id reference".</summary>
    private static async Task<string> CopyLatestCaseAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO cases
            SELECT (jsonb_populate_record(NULL::cases, to_jsonb(c) || jsonb_build_object('id', c.id + 1, 'reference', 'DRILL-' || (c.id + 1)))).*
            FROM cases c ORDER BY id DESC LIMIT 1
            RETURNING id || ' ' || reference
            """, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static Task<string> RunAsync(string root, string script, params string[] args) => RunExpectingAsync(0, root, script, args);

    private static async Task<string> RunExpectingAsync(int exitCode, string root, string script, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.True(process.ExitCode == exitCode, $"{script} {string.Join(' ', args)} exited {process.ExitCode}:\n{text}");
        return text;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OwnerPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("OwnerPortal.sln not found above the test folder");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
