using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Tests;

/// <summary>
/// Real PostgreSQL for tests (docs/decisions/ADR-003). The test script starts a throwaway cluster and sets
/// OWNERPORTAL_TEST_PG; the schema is migrated once into a template, and every test database is a cheap
/// copy of it, so tests never see each other's rows.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("OWNERPORTAL_TEST_PG")
        ?? throw new InvalidOperationException(
            "OWNERPORTAL_TEST_PG is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    /// <summary>A new, migrated, empty database; returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var template = await TemplateAsync();
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await ExecAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        return For(name);
    }

    public static DbContextOptions<OwnerPortalDbContext> Options(string connectionString)
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, connectionString);
        return options.Options;
    }

    private static async Task<string> TemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            // One template per test process: the unit and browser test assemblies may run side by side.
            var name = $"tpl_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..6]}";
            await ExecAsync($"CREATE DATABASE {name}");
            await using (var db = new OwnerPortalDbContext(Options(For(name, pooling: false))))
                await db.Database.MigrateAsync();
            return _template = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string For(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    private static async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(For("postgres", pooling: false));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
