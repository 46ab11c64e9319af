using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>
/// The retrying execution strategy (OwnerPortalDbContext.Configure) against real faults: a commit whose
/// acknowledgement is lost, and a backend killed in the middle of a unit of work.
/// </summary>
public class TransientFaultTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first commit reaches the database, then the client hears only a dropped connection.</summary>
    private sealed class LoseFirstCommitAcknowledgement : DbTransactionInterceptor
    {
        public int Lost { get; private set; }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
        {
            if (Lost++ > 0) return Task.CompletedTask;
            throw new NpgsqlException("Exception while reading from stream", new IOException("connection reset after COMMIT"));
        }
    }

    /// <summary>Kills this connection's backend (pg_terminate_backend) right after the first query matching <paramref name="marker"/>.</summary>
    private sealed class KillBackendAfter(string marker, string connectionString) : DbCommandInterceptor
    {
        public int Seen { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
        {
            if (command.CommandText.Contains(marker, StringComparison.Ordinal) && Seen++ == 0)
            {
                var pid = ((NpgsqlConnection)command.Connection!).ProcessID;
                await using var killer = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
                await killer.OpenAsync(ct);
                await using var kill = new NpgsqlCommand($"SELECT pg_terminate_backend({pid})", killer);
                Assert.True((bool)(await kill.ExecuteScalarAsync(ct))!);
            }
            return result;
        }
    }

    private static OwnerPortalDbContext Db(string cs, params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, cs);
        options.AddInterceptors(interceptors);
        return new OwnerPortalDbContext(options.Options);
    }

    private static async Task<(string Cs, NewCase Details)> DemoAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        await using var db = Db(cs);
        var member = await db.UnitMemberships.Include(m => m.Unit).FirstAsync(m => m.RevokedAt == null);
        return (cs, new NewCase(member.Unit!.EstateId, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit, "厨房漏水",
            UnitId: member.UnitId, ReporterPersonId: member.PersonId, IdempotencyKey: Guid.NewGuid()));
    }

    private static Actor Owner(NewCase d) => new(ActorKind.Owner, "业主", PersonId: d.ReporterPersonId);

    private static async Task<int> CasesWithKeyAsync(string cs, Guid key)
    {
        await using var db = Db(cs);
        return await db.Cases.CountAsync(c => c.IdempotencyKey == key);
    }

    [Fact]
    public async Task A_submit_whose_commit_acknowledgement_was_lost_is_retried_into_the_same_case()
    {
        var (cs, details) = await DemoAsync();
        var lost = new LoseFirstCommitAcknowledgement();
        CaseIntake.Filed filed;
        await using (var db = Db(cs, lost))
            filed = await CaseIntake.FileAsync(db, details, Owner(details), Now);

        // The retry met the committed row (unique reference and key), rolled back, and answered with that case.
        Assert.True(lost.Lost >= 1, "the first commit's acknowledgement was lost");
        Assert.Equal(1, await CasesWithKeyAsync(cs, details.IdempotencyKey!.Value));
        await using (var db = Db(cs))
        {
            var stored = await db.Cases.SingleAsync(c => c.IdempotencyKey == details.IdempotencyKey);
            Assert.Equal(stored.Id, filed.Case.Id);
            Assert.Equal(stored.Reference, filed.Case.Reference);
        }
    }

    [Fact]
    public async Task The_same_submit_sent_twice_at_once_or_one_after_the_other_files_one_case()
    {
        var (cs, details) = await DemoAsync();
        async Task<CaseIntake.Filed> FileAsync()
        {
            await using var db = Db(cs);
            return await CaseIntake.FileAsync(db, details, Owner(details), Now);
        }
        var both = await Task.WhenAll(FileAsync(), FileAsync());
        var again = await FileAsync();

        Assert.Equal(1, await CasesWithKeyAsync(cs, details.IdempotencyKey!.Value));
        Assert.Single(both.Concat([again]).Select(f => f.Case.Id).Distinct());
        Assert.Equal(1, both.Count(f => f.Created));
        Assert.False(again.Created);
    }

    [Fact]
    public async Task A_unit_of_work_whose_backend_is_killed_midway_runs_again_whole_and_once()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(cs);
        long complaint;
        await using (var db = Db(cs))
        {
            var unit = await db.Units.FirstAsync();
            complaint = (await CaseIntake.FileAsync(db, new NewCase(unit.EstateId, CaseType.Complaint, CaseChannel.Phone,
                CaseLocation.OwnUnit, "投诉", UnitId: unit.Id), Actor.System, Now.AddDays(-8))).Case.Id;
        }
        var t = TestStrings.Localizer;
        var kill = new KillBackendAfter("FROM cases", cs);
        int escalated;
        await using (var db = Db(cs, kill))
            escalated = await EscalationSweep.RunOnceAsync(db, new CaseMail(db, t, new ConfigurationBuilder().Build()), t, Now);

        Assert.True(kill.Seen >= 2, "the sweep's read ran again after the kill, in a new transaction");
        Assert.Equal(1, escalated);
        await using (var db = Db(cs))
        {
            var c = await db.Cases.Include(x => x.Events).SingleAsync(x => x.Id == complaint);
            Assert.Equal(Now, c.EscalatedAt);
            Assert.Single(c.Events, e => e.Kind == CaseEventKind.Escalated);
        }
    }
}
