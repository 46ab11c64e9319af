using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Mail;
using OwnerPortal.Ops.Load;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Load;

/// <summary>
/// bench/faults.sh's verdict comes from <see cref="FaultReport"/>: it must see a lost submission, a case filed twice,
/// a mail never delivered and a mail delivered twice, each in the window of the fault it happened in.
/// </summary>
public class FaultReportTests : IDisposable
{
    private static readonly DateTimeOffset Fault = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("faults-report-").FullName;

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    [Fact]
    public async Task Counts_lost_and_duplicated_submissions_and_mails_in_the_window_of_their_fault()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Estates = 1, UnitsPerEstate = 20, Cases = 20, Months = 2, Anchor = Fault.AddDays(-1) }).LoadAsync(cs);
        var keys = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        long[] caseIds;
        long outboxStart;
        long[] mailIds;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(cs)))
        {
            var owner = await db.People.Where(p => p.ActiveUnitId != null).Select(p => new { p.Id, Unit = p.ActiveUnitId!.Value }).FirstAsync();
            var estate = await db.Units.Where(u => u.Id == owner.Unit).Select(u => u.EstateId).SingleAsync();
            async Task<long> File(Guid key, string marker, int secondsAfterFault) => (await CaseIntake.FileAsync(db,
                new NewCase(estate, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit, $"{marker} 楼道灯不亮",
                    UnitId: owner.Unit, Category: CaseCategory.Facilities, ReporterPersonId: owner.Id, IdempotencyKey: key),
                new Actor(ActorKind.Owner, "owner", PersonId: owner.Id), Fault.AddSeconds(secondsAfterFault))).Case.Id;
            caseIds = [await File(keys[0], "[load 7-1]", -20), await File(keys[1], "[load 7-2]", 10)];
            await File(keys[2], "[load 7-2]", 15); // the same form filed again under another key: a duplicate
            outboxStart = await db.Outbox.MaxAsync(m => (long?)m.Id) ?? 0;
            var mails = Enumerable.Range(1, 3).Select(i =>
                Outbox.Enqueue(db, "drill", $"drill-{i}@example.invalid", null, "drill", "drill", null, Fault.AddSeconds(20))).ToList();
            await db.SaveChangesAsync();
            mailIds = mails.Select(m => m.Id).ToArray();
        }

        await System.IO.File.WriteAllLinesAsync(Path.Combine(_dir, "requests.csv"), [
            Recorder.RequestsHeader,
            $"{Ms(Fault.AddSeconds(-30))},owner,/Cases,200,,12.0",
            $"{Ms(Fault.AddSeconds(2))},owner,/Cases,503,http 503,40.0",
            $"{Ms(Fault.AddSeconds(4))},submit,/Cases/New POST,0,connection,1000.0",
            $"{Ms(Fault.AddSeconds(5))},submit,/Cases/New POST,-,form refused,0",
            $"{Ms(Fault.AddSeconds(60))},staff,/Cases?Queue,200,,30.0",
        ]);
        await System.IO.File.WriteAllLinesAsync(Path.Combine(_dir, "acks.csv"), [
            Recorder.AcksHeader,
            $"{Ms(Fault.AddSeconds(-20))},{caseIds[0]},{keys[0]},owner,[load 7-1],0,1",
            $"{Ms(Fault.AddSeconds(10))},{caseIds[1]},{keys[1]},owner,[load 7-2],1,3",
            $"{Ms(Fault.AddSeconds(12))},{caseIds[1] + 1000},{Guid.NewGuid()},owner,[load 7-3],0,1", // acknowledged, never stored
        ]);
        await System.IO.File.WriteAllTextAsync(Path.Combine(_dir, "faults.tsv"), $"PostgreSQL primary restart\t{Ms(Fault)}\n");
        await System.IO.File.WriteAllTextAsync(Path.Combine(_dir, "outbox-start"), $"{outboxStart}\n");
        var smtpLog = Path.Combine(_dir, "smtp.log");
        await System.IO.File.WriteAllLinesAsync(smtpLog, [
            "---------- MESSAGE FOLLOWS ----------", $"Message-Id: <{Outbox.MessageIdFor(mailIds[0])}>", "Subject: drill",
            "---------- MESSAGE FOLLOWS ----------", $"Message-Id: <{Outbox.MessageIdFor(mailIds[1])}>",
            "---------- MESSAGE FOLLOWS ----------", $"Message-ID: <{Outbox.MessageIdFor(mailIds[1])}>", // sent twice
            $"Message-Id: <{Outbox.MessageIdFor(outboxStart)}>", // before the run: not counted
        ]);

        var output = new StringWriter();
        var status = await new FaultReport(cs, _dir, smtpLog, output).RunAsync();

        Assert.Equal(1, status);
        var lines = output.ToString().Split('\n');
        Assert.Equal([1, 0, 0, 1, 1, 0, 0, 0, 0, 0], Figures(lines, "(before the first fault)"));
        // 3 requests (the "form refused" line is an answer's verdict, not a request): 1 answer not 2xx/3xx, 1 network
        // error; 2 acknowledged, 1 of them in the database; the form filed twice; 3 mails due, 2 delivered, 1 twice.
        Assert.Equal([3, 1, 1, 2, 1, 1, 1, 3, 2, 1], Figures(lines, "PostgreSQL primary restart"));
        // Clients saw errors from the 503's start (2 s − 40 ms) to the refused form (5 s).
        Assert.Contains(" 3.0 s ", lines.Single(l => l.StartsWith("PostgreSQL primary restart", StringComparison.Ordinal)));
    }

    /// <summary>The ten numbers of a window's row, the error window left out.</summary>
    private static long[] Figures(string[] lines, string window)
    {
        var cells = lines.Single(l => l.StartsWith(window, StringComparison.Ordinal))[28..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => long.TryParse(c, out _)).ToArray();
        return cells.Select(c => long.Parse(c, CultureInfo.InvariantCulture)).ToArray();
    }

    [Fact]
    public void Load_options_read_the_mix_and_refuse_what_they_cannot_read()
    {
        var options = LoadOptions.Parse(["--portal", "https://127.0.0.1:8443", "--admin", "https://127.0.0.1:9443", "--mix", "owner=70,submit=30", "--rate", "2.5"], TextWriter.Null)!;
        Assert.Equal(2.5, options.Rate);
        Assert.Equal(new Dictionary<ActionClass, double> { [ActionClass.Owner] = 70, [ActionClass.Submit] = 30 }, options.Mix);
        Assert.Null(LoadOptions.Parse(["--portal", "https://x", "--admin", "https://y", "--mix", "owners=70"], TextWriter.Null));
        Assert.Null(LoadOptions.Parse(["--portal", "https://x", "--admin", "https://y", "--rate", "0"], TextWriter.Null));
        Assert.Null(LoadOptions.Parse(["--portal", "https://x"], TextWriter.Null));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, Recorder.Percentile(sorted, 0.50));
        Assert.Equal(10, Recorder.Percentile(sorted, 0.95));
        Assert.Equal(1, Recorder.Percentile([1], 0.99));
        Assert.True(double.IsNaN(Recorder.Percentile([], 0.5)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
