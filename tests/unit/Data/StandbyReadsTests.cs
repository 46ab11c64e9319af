using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Kpis.Rollups;

namespace OwnerPortal.UnitTests.Data;

/// <summary>
/// A primary and a streaming standby of its own (scripts/pg.sh), on free ports, migrated and loaded once for the
/// class; both clusters are stopped and deleted afterwards.
/// </summary>
public sealed class ReplicatedClusters : IAsyncLifetime
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("op-standby-").FullName;
    public int PrimaryPort { get; } = FreePort();
    public int StandbyPort { get; private set; }
    public string Primary => $"Host=127.0.0.1;Port={PrimaryPort};Database=ownerportal;Username=postgres";
    /// <summary>As the contract writes ConnectionStrings:Reads: standby first, the primary when it is down.</summary>
    public string Reads => $"Host=127.0.0.1:{StandbyPort},127.0.0.1:{PrimaryPort};Database=ownerportal;Username=postgres;Target Session Attributes=prefer-standby";
    private string PrimaryDir => Path.Combine(_root, "primary");
    private string StandbyDir => Path.Combine(_root, "standby");

    public async Task InitializeAsync()
    {
        await PgAsync("start", PrimaryDir, PrimaryPort.ToString(), "--fast", "--replicated");
        await using (var db = new OwnerPortalDbContext(Options(Primary))) await db.Database.MigrateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(Primary);
        await using (var db = new OwnerPortalDbContext(Options(Primary)))
            await new KpiRollups(db, new FakeTimeProvider(Anchor)).RebuildAllAsync();
        StandbyPort = FreePort();
        await PgAsync("standby", PrimaryPort.ToString(), StandbyDir, StandbyPort.ToString(), "--fast");
        // Streaming works: a row written on the primary after the base backup shows up on the standby.
        await using (var db = new OwnerPortalDbContext(Options(Primary)))
        {
            db.Estates.Add(new Estate { Code = "RPL", Name = "复制检查", Address = "-", OfficePhone = "-", OfficeHours = "-" });
            await db.SaveChangesAsync();
        }
        var standby = $"Host=127.0.0.1;Port={StandbyPort};Database=ownerportal;Username=postgres;Pooling=false";
        for (var i = 0; ; i++)
        {
            await using var conn = new NpgsqlConnection(standby);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM estates WHERE code = 'RPL'", conn);
            if ((long)(await cmd.ExecuteScalarAsync())! == 1) break;
            if (i == 100) throw new TimeoutException("the standby did not replay the primary's write");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var dir in new[] { StandbyDir, PrimaryDir })
            if (Directory.Exists(dir)) await PgAsync("stop", dir);
        Directory.Delete(_root, recursive: true);
    }

    public Task StopStandbyAsync() => PgAsync("stop", StandbyDir);

    public static DbContextOptions<OwnerPortalDbContext> Options(string cs)
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, cs);
        return options.Options;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task PgAsync(params string[] args)
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "scripts", "pg.sh"))) dir = Path.GetDirectoryName(dir) ?? throw new FileNotFoundException("scripts/pg.sh");
        var start = new ProcessStartInfo(Path.Combine(dir, "scripts", "pg.sh")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"pg.sh {string.Join(' ', args)}: {await output}{await error}");
    }
}

/// <summary>Stale-tolerant reads (StaleReads) go to the standby, fall back to the primary, and writes stay on the primary.</summary>
public class StandbyReadsTests(ReplicatedClusters clusters) : IClassFixture<ReplicatedClusters>
{
    private static async Task<bool> InRecoveryAsync(OwnerPortalDbContext db) =>
        await db.Database.SqlQueryRaw<bool>("SELECT pg_is_in_recovery() AS \"Value\"").SingleAsync();

    [Fact]
    public async Task Dashboard_reads_use_the_standby_fall_back_to_the_primary_and_writes_use_the_primary()
    {
        // Wired as the sites wire it (SiteSetup.AddOwnerPortalCore): the contract's two settings.
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = clusters.Primary, ["ConnectionStrings:Reads"] = clusters.Reads,
        }).Build();
        var services = new ServiceCollection().AddMemoryCache();
        services.AddDbContext<OwnerPortalDbContext>(o => OwnerPortalDbContext.Configure(o, clusters.Primary));
        services.AddStaleReads(config, clusters.Primary);
        services.AddScoped<DashboardData>();
        await using var provider = services.BuildServiceProvider();
        var october = new DashboardFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 1));

        async Task<(bool OnStandby, int Received)> ReadDashboardAsync()
        {
            await using var scope = provider.CreateAsyncScope();
            var dashboard = await scope.ServiceProvider.GetRequiredService<DashboardData>().LoadAsync(null, october);
            var stale = scope.ServiceProvider.GetRequiredKeyedService<OwnerPortalDbContext>(StaleReads.Key);
            return (await InRecoveryAsync(stale), dashboard.Period.Received);
        }

        var (onStandby, received) = await ReadDashboardAsync();
        Assert.True(onStandby, "the stale-tolerant context reads from the standby");
        Assert.True(received > 0, "the dashboard read the replicated KPI cells");

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
            Assert.False(await InRecoveryAsync(db), "the plain context is on the primary");
            db.Estates.Add(new Estate { Code = "NEW", Name = "新项目", Address = "-", OfficePhone = "-", OfficeHours = "-" });
            await db.SaveChangesAsync(); // a standby would refuse this write
        }

        await clusters.StopStandbyAsync();
        var (stillOnStandby, receivedFromPrimary) = await ReadDashboardAsync();
        Assert.False(stillOnStandby, "with the standby down the same read is served by the primary");
        Assert.Equal(received, receivedFromPrimary);
    }
}
