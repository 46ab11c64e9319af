using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace OwnerPortal.Core.Data;

/// <summary>
/// Explicit transactions under the retrying execution strategy (OwnerPortalDbContext.Configure). EF refuses a
/// BeginTransaction outside the strategy, because after a dropped connection only the whole unit of work can be
/// run again, not its last statement.
/// </summary>
public static class UnitOfWork
{
    // A PostgreSQL restart takes a few seconds; EF's back-off (0, 1, 3 s, then capped) spans about 10 s in all,
    // short enough for a waiting form post.
    public const int MaxRetries = 5;
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Besides Npgsql's transient errors: the server is shutting down or killed this backend (restart, failover,
    /// pg_terminate_backend), or is still starting up.
    /// </summary>
    public static readonly string[] RetriedSqlStates =
        [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow];

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and, after a transient error, again from the start in a new one.
    /// The work commits the transaction itself (returning without a commit rolls back), does its reads inside (a retry
    /// must see the database as it is then) and must not rely on entities tracked before: on a retry the change
    /// tracker is cleared, so nothing half-saved by the failed try is saved again.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this DbContext db, Func<IDbContextTransaction, Task<T>> work,
        CancellationToken ct = default, System.Data.IsolationLevel? isolation = null)
    {
        var tries = 0;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (tries++ > 0) db.ChangeTracker.Clear();
            await using var tx = isolation is { } level
                ? await db.Database.BeginTransactionAsync(level, token)
                : await db.Database.BeginTransactionAsync(token);
            return await work(tx);
        }, ct);
    }

    /// <summary><see cref="InTransactionAsync{T}"/> for work without a result.</summary>
    public static Task InTransactionAsync(this DbContext db, Func<IDbContextTransaction, Task> work, CancellationToken ct = default) =>
        db.InTransactionAsync<bool>(async tx => { await work(tx); return true; }, ct);

    /// <summary>
    /// True for a database failure that outlasted the retries or is transient by nature: the database was
    /// unreachable for a while, and the same request may simply be sent again.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is RetryLimitExceededException) return true;
            if (e is NpgsqlException { IsTransient: true }) return true;
            if (e is PostgresException p && RetriedSqlStates.Contains(p.SqlState)) return true;
        }
        return false;
    }
}
