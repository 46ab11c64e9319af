using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.Cases;

/// <summary>The last reference number handed out per estate and year.</summary>
public class CaseReferenceCounter
{
    public int EstateId { get; set; }
    public int Year { get; set; }
    public int LastNumber { get; set; }

    public static string Format(string estateCode, int year, int number) => $"{estateCode}-{year}-{number:D5}";

    /// <summary>Takes the next number atomically (safe across instances) and formats the reference.</summary>
    /// <remarks>
    /// On its own (no transaction open) the statement commits without waiting for its WAL to reach the disk: the
    /// counter's row lock is then held for microseconds rather than a disk flush, so an estate's submits do not queue
    /// behind each other's flushes. Nothing is lost by it: WAL is written in order, so the flush that makes the case
    /// carrying the number durable makes this increment durable first; a crash before that loses both, and the number
    /// was never shown to anyone. Inside a caller's transaction the setting would cover the caller's commit, so it is
    /// not applied there.
    /// </remarks>
    public static async Task<string> NextAsync(OwnerPortalDbContext db, int estateId, string estateCode, int year, CancellationToken ct = default)
    {
        var ownTransaction = db.Database.CurrentTransaction is null;
        var number = await db.Database.SqlQuery<int>($"""
            INSERT INTO case_reference_counters (estate_id, year, last_number)
            SELECT {estateId}, {year}, 1 WHERE (CASE WHEN {ownTransaction} THEN set_config('synchronous_commit', 'off', true) ELSE '' END) IS NOT NULL
            ON CONFLICT (estate_id, year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return Format(estateCode, year, number[0]);
    }
}
