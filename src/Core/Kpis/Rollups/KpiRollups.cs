using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>
/// Keeps the KPI cells current. Triggers on cases and callbacks mark an estate dirty in the same transaction as the
/// change; each pass recomputes the dirty estates and those where a deadline or an age limit has passed since, and
/// adds the difference to the company cells. Per estate this reads only that estate's cases, so a pass costs the
/// changes, not the table. It runs without a user (a background service), so every read ignores the estate query
/// filters, which would otherwise hide everything.
/// </summary>
public sealed class KpiRollups(OwnerPortalDbContext db, TimeProvider clock)
{
    /// <summary>Recomputes every estate that needs it; returns how many were recomputed.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = await db.Database.SqlQuery<int>($"""
            SELECT estate_id AS "Value" FROM kpi_dirty_estates
            UNION SELECT estate_id FROM kpi_refresh WHERE next_change_at <= {now}
            UNION SELECT e.id FROM estates e WHERE NOT EXISTS (SELECT 1 FROM kpi_refresh r WHERE r.estate_id = e.id)
            """).ToListAsync(ct);
        await RefreshEstatesAsync(due, ct);
        await SurveyCells.RefreshAsync(db, ct: ct);
        return due.Count;
    }

    /// <summary>Recomputes every estate (after a bulk load).</summary>
    public async Task RebuildAllAsync(CancellationToken ct = default)
    {
        await RefreshEstatesAsync(await db.Estates.IgnoreQueryFilters().Select(e => e.Id).ToListAsync(ct), ct);
        await SurveyCells.RefreshAsync(db, all: true, ct);
        // Fresh statistics and visibility map: the dashboards' first queries are planned on what is there now, and the
        // estates' totals are read by index-only scans.
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) kpi_case_cells, kpi_callback_cells, kpi_refresh", ct);
    }

    private async Task RefreshEstatesAsync(IReadOnlyList<int> estateIds, CancellationToken ct)
    {
        if (estateIds.Count == 0) return;
        // The refresher runs without a user: the query filters would hide every estate.
        var zones = await EstateTimeZones.LoadUnscopedAsync(db, estateIds, ct);
        foreach (var id in estateIds.Order())
            if (zones.TryGetValue(id, out var zone)) await RefreshEstateAsync(id, zone, ct);
        // The company's row: when a pass that changed its cells (through its estates) ended. Its version is what the
        // company dashboard's reuse is keyed by (DashboardData.CompanyCachedAsync): readers see a pass's changes
        // together, at its end, rather than recomputing the company after every estate of a long pass.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO kpi_refresh (estate_id, refreshed_at, next_change_at) VALUES ({Dim.Company}, {clock.GetUtcNow()}, NULL)
            ON CONFLICT (estate_id) DO UPDATE SET refreshed_at = excluded.refreshed_at
            """, ct);
    }

    private Task RefreshEstateAsync(int estateId, TimeZoneInfo zone, CancellationToken ct)
        => db.InTransactionAsync(async tx =>
        {
            // One refresher per estate at a time: the company cells get each estate's difference exactly once.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(7301, {estateId})", ct);
            // Claimed before reading: a change committed after this read marks the estate dirty again.
            await db.Database.ExecuteSqlAsync($"DELETE FROM kpi_dirty_estates WHERE estate_id = {estateId}", ct);
            var at = clock.GetUtcNow();
            var cases = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.EstateId == estateId).Select(KpiFacts.FromCase).ToListAsync(ct);
            var callbacks = await db.Callbacks.IgnoreQueryFilters().AsNoTracking().Where(b => b.EstateId == estateId).Select(KpiFacts.FromCallback).ToListAsync(ct);
            var built = KpiCellBuilder.Build(estateId, zone, at, cases, callbacks);

            var oldCases = await db.CaseCells.IgnoreQueryFilters().AsNoTracking().Where(c => c.EstateId == estateId).ToListAsync(ct);
            var oldCallbacks = await db.CallbackCells.IgnoreQueryFilters().AsNoTracking().Where(c => c.EstateId == estateId).ToListAsync(ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM kpi_case_cells WHERE estate_id = {estateId}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM kpi_callback_cells WHERE estate_id = {estateId}", ct);
            var conn = (NpgsqlConnection)db.Database.GetDbConnection();
            await WriteCaseCellsAsync(conn, "kpi_case_cells", built.Cases, ct);
            await WriteCallbackCellsAsync(conn, "kpi_callback_cells", built.Callbacks, ct);

            // The company cells change by what this estate's fine cells changed: cases summed over departments, callbacks
            // over staff members (both belong to one estate), and the company's totals per category and in all.
            var caseDelta = Difference(built.Cases, oldCases, c => c.Type != Dim.All, c => c.Key, c => c.Counts, (c, counts) =>
            [
                new CaseCell { EstateId = Dim.Company, Month = c.Month, Type = c.Type, Category = c.Category, Class = c.Class, Channel = c.Channel, DepartmentId = Dim.All, Counts = counts() },
                new CaseCell { EstateId = Dim.Company, Month = c.Month, Type = Dim.All, Category = c.Category, Class = Dim.All, Channel = Dim.All, DepartmentId = Dim.All, Counts = counts() },
                new CaseCell { EstateId = Dim.Company, Month = c.Month, Type = Dim.All, Category = Dim.All, Class = Dim.All, Channel = Dim.All, DepartmentId = Dim.All, Counts = counts() },
            ]);
            var callbackDelta = Difference(built.Callbacks, oldCallbacks, c => c.DepartmentId != Dim.All, c => c.Key, c => c.Counts, (c, counts) =>
            [
                new CallbackCell { EstateId = Dim.Company, Month = c.Month, Category = c.Category, DepartmentId = c.DepartmentId, StaffId = Dim.All, Counts = counts() },
                new CallbackCell { EstateId = Dim.Company, Month = c.Month, Category = c.Category, DepartmentId = Dim.All, StaffId = Dim.All, Counts = counts() },
                new CallbackCell { EstateId = Dim.Company, Month = c.Month, Category = Dim.All, DepartmentId = Dim.All, StaffId = Dim.All, Counts = counts() },
            ]);
            if (caseDelta.Count > 0)
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE IF NOT EXISTS kpi_case_delta (LIKE kpi_case_cells) ON COMMIT DELETE ROWS", ct);
                await WriteCaseCellsAsync(conn, "kpi_case_delta", caseDelta, ct);
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO kpi_case_cells AS c SELECT * FROM kpi_case_delta
                    ON CONFLICT (estate_id, month, type, category, class, channel, department_id) DO UPDATE SET counts = kpi_add(c.counts, excluded.counts)
                    """, ct);
            }
            if (callbackDelta.Count > 0)
            {
                await db.Database.ExecuteSqlRawAsync("CREATE TEMP TABLE IF NOT EXISTS kpi_callback_delta (LIKE kpi_callback_cells) ON COMMIT DELETE ROWS", ct);
                await WriteCallbackCellsAsync(conn, "kpi_callback_delta", callbackDelta, ct);
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO kpi_callback_cells AS c SELECT * FROM kpi_callback_delta
                    ON CONFLICT (estate_id, month, category, department_id, staff_id) DO UPDATE SET counts = kpi_add(c.counts, excluded.counts)
                    """, ct);
            }
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO kpi_refresh (estate_id, refreshed_at, next_change_at) VALUES ({estateId}, {at}, {built.NextChangeAt})
                ON CONFLICT (estate_id) DO UPDATE SET refreshed_at = excluded.refreshed_at, next_change_at = excluded.next_change_at
                """, ct);
            await tx.CommitAsync(ct);
        }, ct);

    /// <summary>New minus old counts of the fine cells (not the estate's totals), per company cell they add to; unchanged ones left out.</summary>
    private static List<T> Difference<T, TKey>(IEnumerable<T> now, IEnumerable<T> before, Func<T, bool> fine, Func<T, TKey> key,
        Func<T, int[]> counts, Func<T, Func<int[]>, T[]> companyCells) where TKey : notnull
    {
        var delta = new Dictionary<TKey, T>();
        void Add(T cell, int sign)
        {
            if (!fine(cell)) return;
            var c = counts(cell);
            foreach (var company in companyCells(cell, () => new int[c.Length]))
            {
                if (!delta.TryGetValue(key(company), out var d)) delta[key(company)] = d = company;
                var sum = counts(d);
                for (var i = 0; i < c.Length && i < sum.Length; i++) sum[i] += sign * c[i];
            }
        }
        foreach (var cell in now) Add(cell, 1);
        foreach (var cell in before) Add(cell, -1);
        return delta.Values.Where(d => counts(d).Any(n => n != 0)).ToList();
    }

    private static async Task WriteCaseCellsAsync(NpgsqlConnection conn, string table, IEnumerable<CaseCell> cells, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY {table} (estate_id, month, type, category, class, channel, department_id, counts) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in cells)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(c.EstateId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Month, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(c.Type, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Category, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Class, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Channel, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.DepartmentId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Counts, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task WriteCallbackCellsAsync(NpgsqlConnection conn, string table, IEnumerable<CallbackCell> cells, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync(
            $"COPY {table} (estate_id, month, category, department_id, staff_id, counts) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var c in cells)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(c.EstateId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Month, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(c.Category, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.DepartmentId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.StaffId, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(c.Counts, NpgsqlDbType.Array | NpgsqlDbType.Integer, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
