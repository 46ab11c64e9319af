using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>The demo data, loaded once for the class (each test files its own cases with its own keys).</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    public string Cs { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Now }).LoadAsync(Cs);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The retrying execution strategy (OwnerPortalDbContext.Configure) against real faults: a commit whose
/// acknowledgement is lost, and a backend killed in the middle of a unit of work.
/// </summary>
public class TransientFaultTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private static readonly DateTimeOffset Now = DemoDatabase.Now;

    /// <summary>
    /// The first commit reaches the database, then the client hears only a dropped connection: an explicit
    /// transaction's COMMIT or, given <paramref name="statement"/>, that statement sent without a transaction (EF sends
    /// a single INSERT on its own; it commits by itself).
    /// </summary>
    private sealed class LoseFirstCommitAcknowledgement(string? statement = null) : IDbTransactionInterceptor, IDbCommandInterceptor
    {
        public int Lost { get; private set; }

        private Exception? LoseOnce() =>
            Lost++ > 0 ? null : new NpgsqlException("Exception while reading from stream", new IOException("connection reset after COMMIT"));

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) =>
            statement is null && LoseOnce() is { } e ? Task.FromException(e) : Task.CompletedTask;

        public async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken ct = default)
        {
            if (statement is not null && command.Transaction is null && command.CommandText.Contains(statement, StringComparison.Ordinal)
                && LoseOnce() is { } e)
            {
                await result.DisposeAsync();
                throw e;
            }
            return result;
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

    private async Task<(string Cs, NewCase Details)> DemoAsync()
    {
        var cs = demo.Cs;
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
        var cs = demo.Cs;
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

    [Fact]
    public async Task A_link_request_saved_again_after_a_lost_acknowledgement_stays_one_pending_request()
    {
        var cs = demo.Cs;
        int personId, unitId;
        await using (var db = Db(cs))
        {
            personId = await db.People.Where(p => p.UserId != null).Select(p => p.Id).FirstAsync();
            unitId = await db.Units.Where(u => !db.UnitMemberships.Any(m => m.UnitId == u.Id && m.PersonId == personId)).Select(u => u.Id).FirstAsync();
        }
        var lost = new LoseFirstCommitAcknowledgement("INSERT INTO unit_link_requests");
        await using (var db = Db(cs, lost))
        {
            db.UnitLinkRequests.Add(new UnitLinkRequest { PersonId = personId, UnitId = unitId, Relation = UnitRelation.Resident,
                Status = LinkRequestStatus.Pending, CreatedAt = Now });
            // The retry meets the committed request: the unique violation the Portal's form answers with "sent".
            var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(e.InnerException).SqlState);
        }
        Assert.Equal(1, lost.Lost);
        await using (var db = Db(cs))
            Assert.Equal(1, await db.UnitLinkRequests.CountAsync(r => r.PersonId == personId && r.UnitId == unitId && r.Status == LinkRequestStatus.Pending));
    }
}
