using Npgsql;

namespace OwnerPortal.Core.Data;

/// <summary>
/// Connection settings every deployment gets, whatever <c>ConnectionStrings:Default</c> / <c>:Reads</c> say
/// (docs/decisions/ADR-010). A setting written in the connection string wins.
/// </summary>
public static class ConnectionTuning
{
    /// <summary>Server-side prepared statements kept per physical connection (least recently used ones are closed).</summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>A statement is prepared on its second use: one-off SQL (migrations, ad hoc reports) stays unprepared.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>
    /// Connections one pool of one site instance opens at most (Npgsql's default is 100). Two sites on two instances
    /// with a pool each stay under PostgreSQL's max_connections (200 in scripts/pg.sh); more queries at once than a
    /// few per core only queue inside PostgreSQL, and every new connection starts without prepared statements or
    /// catalog caches (its first plans at 5 M cases take 100–240 ms), so a pool that grows in a slowdown deepens it.
    /// Requests beyond it wait for a connection (Timeout, 15 s).
    /// </summary>
    public const int MaxPoolSize = 32;

    /// <summary>
    /// Auto-prepare: at 5 M cases PostgreSQL spends 3–5 ms planning the owner's queries and 0.1–0.3 ms running them;
    /// a prepared statement is parsed once per connection and, once PostgreSQL settles on a generic plan, no longer
    /// planned. Statements survive the connection's return to the pool.
    /// No Reset On Close: the app keeps no session state on a pooled connection (advisory locks and SET are
    /// transaction-scoped, temp tables are created IF NOT EXISTS … ON COMMIT DELETE/DROP), so the reset Npgsql
    /// sends with the first command after every open (RESET ALL, DISCARD TEMP, unlock all, …) is work for nothing.
    /// EF opens and closes the connection around each query, so a page paid it several times.
    /// </summary>
    public static string Apply(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows: read what was written instead.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(Normalize).ToHashSet();
        if (!written.Contains("maxautoprepare")) b.MaxAutoPrepare = MaxAutoPrepare;
        if (!written.Contains("autoprepareminusages")) b.AutoPrepareMinUsages = AutoPrepareMinUsages;
        if (!written.Contains("noresetonclose")) b.NoResetOnClose = true;
        if (!written.Contains("maxpoolsize") && !written.Contains("maximumpoolsize")) b.MaxPoolSize = MaxPoolSize;
        return b.ConnectionString;
    }

    private static string Normalize(string keyword) => keyword.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
}
