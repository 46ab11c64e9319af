using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>Tests that watch the server's WAL, so no other test may write meanwhile.</summary>
[CollectionDefinition(nameof(AloneOnTheServer), DisableParallelization = true)]
public class AloneOnTheServer;

/// <summary>
/// The reference counter's row lock is held for microseconds (bench/submit.sh, one estate): on its own the increment
/// commits without waiting for a WAL flush, and inside a caller's transaction it leaves the caller's commit as it was.
/// </summary>
[Collection(nameof(AloneOnTheServer))]
public class ReferenceCounterCommitTests
{
    [Fact]
    public async Task The_counter_commits_without_a_wal_flush_on_its_own_and_leaves_a_callers_commit_synchronous()
    {
        const int n = 30;
        var cs = await TestDatabase.CreateAsync();
        // One session, committing synchronously whatever the test cluster's default (it runs with synchronous_commit off).
        var session = new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = 1, Options = "-c synchronous_commit=on" }.ConnectionString;
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(session));
        var estate = new Estate { Code = "WAL", Name = "提交检查", Address = "-", OfficePhone = "-", OfficeHours = "-" };
        db.Estates.Add(estate);
        await db.SaveChangesAsync();

        // A synchronous commit returns once the WAL is flushed past its commit record, so past where the WAL ended before
        // it; after an asynchronous one the flush lags until the WAL writer's next round (200 ms). Compared with the
        // position before the commit, not the WAL's end after it: other databases' autovacuum writes WAL meanwhile.
        async Task<string> WalEndAsync() => await db.Database
            .SqlQueryRaw<string>("SELECT pg_current_wal_insert_lsn()::text AS \"Value\"").SingleAsync();
        async Task<bool> FlushLagsAsync(string before) => await db.Database
            .SqlQuery<bool>($"SELECT pg_current_wal_flush_lsn() <= {before}::pg_lsn AS \"Value\"").SingleAsync();

        var lagsAlone = 0;
        for (var i = 0; i < n; i++)
        {
            var before = await WalEndAsync();
            await CaseReferenceCounter.NextAsync(db, estate.Id, estate.Code, 2026);
            if (await FlushLagsAsync(before)) lagsAlone++;
        }

        var (lagsAfterTransactions, settingsInside) = (0, new List<string>());
        for (var i = 0; i < n; i++)
        {
            var before = await WalEndAsync();
            await db.InTransactionAsync(async tx =>
            {
                await CaseReferenceCounter.NextAsync(db, estate.Id, estate.Code, 2026);
                settingsInside.Add(await db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync());
                await tx.CommitAsync();
            });
            if (await FlushLagsAsync(before)) lagsAfterTransactions++;
        }

        Assert.All(settingsInside, s => Assert.Equal("on", s));
        Assert.True(lagsAlone >= n / 2, $"the WAL flush lagged after {lagsAlone} of {n} increments on their own");
        Assert.True(lagsAfterTransactions <= n / 10, $"the WAL flush lagged after {lagsAfterTransactions} of {n} synchronous commits");
        Assert.Equal("WAL-2026-00060", CaseReferenceCounter.Format(estate.Code, 2026,
            await db.Set<CaseReferenceCounter>().Where(c => c.EstateId == estate.Id).Select(c => c.LastNumber).SingleAsync()));
        Assert.Equal("on", await db.Database.SqlQueryRaw<string>("SELECT current_setting('synchronous_commit') AS \"Value\"").SingleAsync());
    }
}
