using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>Hot queries are prepared on the server and stay prepared across the pool (ConnectionTuning, ADR-010).</summary>
public class PreparedStatementTests
{
    [Fact]
    public void Every_connection_string_gets_auto_prepare_and_keeps_what_it_states()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ConnectionTuning.Apply("Host=db;Database=ownerportal;Username=app"));
        Assert.Equal(ConnectionTuning.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(ConnectionTuning.AutoPrepareMinUsages, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(ConnectionTuning.MaxPoolSize, tuned.MaxPoolSize);
        Assert.Equal("db", tuned.Host);

        // An operator's own values win, however the keyword is spelled.
        var own = new NpgsqlConnectionStringBuilder(ConnectionTuning.Apply(
            "Host=db;MaxAutoPrepare=0;auto prepare min usages=5;No Reset On Close=false;Maximum Pool Size=7;Target Session Attributes=prefer-standby"));
        Assert.Equal(0, own.MaxAutoPrepare);
        Assert.Equal(5, own.AutoPrepareMinUsages);
        Assert.False(own.NoResetOnClose);
        Assert.Equal(7, own.MaxPoolSize);
        Assert.Equal("prefer-standby", own.TargetSessionAttributes);
    }

    [Fact]
    public async Task The_owner_case_list_runs_as_a_prepared_statement_that_survives_the_pool()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero) }).LoadAsync(cs);
        // One physical connection, so every context below gets the same server session.
        var single = new NpgsqlConnectionStringBuilder(cs) { MaxPoolSize = 1 }.ConnectionString;
        int owner, unit;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(single)))
            (owner, unit) = await db.People.Where(p => p.Email == "owner1.hy@demo.ownerportal.cn")
                .Select(p => new ValueTuple<int, int>(p.Id, p.ActiveUnitId!.Value)).SingleAsync();

        List<long> first = [];
        for (var i = 0; i < 3; i++)
        {
            // A new context each time, as each request gets: the connection goes back to the pool in between.
            await using var db = new OwnerPortalDbContext(TestDatabase.Options(single));
            var ids = await OwnerCases.ListFor(db, owner).OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
                .Take(20).Select(c => c.Id).ToListAsync();
            if (i == 0) first = ids; else Assert.Equal(first, ids);
        }
        Assert.NotEmpty(first);

        await using var check = new OwnerPortalDbContext(TestDatabase.Options(single));
        var prepared = await check.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync();
        Assert.Contains(prepared, s => s.Contains("FROM cases", StringComparison.Ordinal) && s.Contains("UNION", StringComparison.Ordinal)
                                       && s.Contains("ORDER BY", StringComparison.Ordinal));
    }
}
