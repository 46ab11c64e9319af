using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Mail;
using OwnerPortal.Ops.Load;

// Deploy-time tasks, kept out of the sites' start-up:
//   migrate                      apply EF Core migrations
//   seed [--estates N] [--units-per-estate N] [--cases N] [--months N] [--seed N] [--anchor yyyy-MM-dd]
//                                load demo data (defaults) or scale data into an empty database
//   rollups                      compute every estate's dashboard cells (after a bulk load)
//   bench-dashboards             issue #9's budget: dashboard queries against count(*) of the cases, and freshness
//   load --portal URL --admin URL [options]
//                                mixed load over HTTP(S) with scripted owner and staff sessions (no database needed)
//   bench-submit --portal URL --owners LIST [--path P] [--photo 0|1] [--duration S]
//                                bench/submit.sh's driver: signed-in owners posting cases back to back (no database needed)
//   draw --admin URL [--runs N] [--company EMAIL] [--manager EMAIL]
//                                issue #17: time until every chart of the company and an estate dashboard is drawn (Chromium)
//   drill-mail N                 enqueue N harmless outbox messages to example.invalid (bench/faults.sh)
//   faults-report DIR SMTP_LOG   bench/faults.sh's table from the load files in DIR, the database and the SMTP log
// The database is ConnectionStrings__Default.
if (args.Length > 0 && args[0] == "bench-submit")
    return SubmitBench.Options.Parse(args[1..], Console.Error) is { } submitOptions ? await new SubmitBench(submitOptions, Console.Out).RunAsync() : 2;
if (args.Length > 0 && args[0] == "load")
    return LoadOptions.Parse(args[1..], Console.Error) is { } loadOptions ? await new LoadDriver(loadOptions, Console.Out).RunAsync() : 2;

if (args.Length > 0 && args[0] == "draw")
{
    var named = Enumerable.Range(1, Math.Max(0, args.Length - 2)).Where(i => args[i].StartsWith("--", StringComparison.Ordinal))
        .ToDictionary(i => args[i], i => args[i + 1]);
    if (!named.TryGetValue("--admin", out var adminUrl)) { Console.Error.WriteLine("usage: OwnerPortal.Ops draw --admin URL [--runs N] [--company EMAIL] [--manager EMAIL]"); return 2; }
    var runs = named.TryGetValue("--runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 5;
    var company = named.GetValueOrDefault("--company", "leader@demo.ownerportal.cn");
    var manager = named.GetValueOrDefault("--manager", "manager.hy@demo.ownerportal.cn");
    return await new OwnerPortal.Ops.Draw.DrawBench(new Uri(adminUrl), [(company, "/Dashboards/Company"), (manager, "/Dashboards/Estate")], runs, Console.Out).RunAsync();
}

var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Default");
if (string.IsNullOrEmpty(connectionString) || args.Length == 0)
{
    Console.Error.WriteLine("usage: ConnectionStrings__Default=... OwnerPortal.Ops migrate | seed [options] | rollups | bench-dashboards | drill-mail N | faults-report DIR SMTP_LOG");
    Console.Error.WriteLine("       OwnerPortal.Ops load --portal URL --admin URL [options]");
    return 2;
}

switch (args[0])
{
    case "migrate":
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, connectionString);
        await using var db = new OwnerPortalDbContext(options.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync();
        Console.WriteLine("migrations applied");
        return 0;
    }
    case "seed":
    {
        var scale = new DemoScale();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            scale = args[i] switch
            {
                "--estates" => scale with { Estates = int.Parse(value, CultureInfo.InvariantCulture) },
                "--units-per-estate" => scale with { UnitsPerEstate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--cases" => scale with { Cases = int.Parse(value, CultureInfo.InvariantCulture) },
                "--months" => scale with { Months = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => scale with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--anchor" => scale with { Anchor = new DateTimeOffset(DateTime.Parse(value, CultureInfo.InvariantCulture), TimeSpan.Zero) },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        var report = await new DemoDataGenerator(scale, Console.Out).LoadAsync(connectionString);
        Console.WriteLine(report.AlreadyLoaded
            ? "data already loaded: nothing to do"
            : $"loaded {report.Rows:N0} rows in {report.Elapsed.TotalSeconds:N1} s: {report.RowsPerSecond:N0} rows/s");
        return 0;
    }
    case "rollups":
    {
        // Recomputes every estate's dashboard cells (after a bulk load; the Admin keeps them current afterwards).
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, connectionString);
        await using var db = new OwnerPortalDbContext(options.Options);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var started = Stopwatch.GetTimestamp();
        await new KpiRollups(db, TimeProvider.System).RebuildAllAsync();
        Console.WriteLine($"dashboard cells of every estate computed in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s");
        return 0;
    }
    case "drill-mail" when args.Length == 2 && int.TryParse(args[1], CultureInfo.InvariantCulture, out var count) && count > 0:
    {
        // Plain bodies (no secret in them): the sender reads unprotected rows as they are (OutboxBodyProtector.IsProtected).
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, connectionString);
        await using var db = new OwnerPortalDbContext(options.Options);
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= count; i++)
            Outbox.Enqueue(db, "drill", $"drill-{i}@example.invalid", null, $"Fault drill {i}", $"Fault drill message {i}.", null, now);
        await db.SaveChangesAsync();
        Console.WriteLine($"{count} drill messages queued");
        return 0;
    }
    case "faults-report" when args.Length == 3:
        return await new FaultReport(connectionString, args[1], args[2], Console.Out).RunAsync();
    case "bench-dashboards":
        return await new OwnerPortal.Ops.DashboardBench(connectionString, Console.Out).RunAsync();
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
