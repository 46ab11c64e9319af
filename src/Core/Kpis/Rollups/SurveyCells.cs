using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Surveys;

namespace OwnerPortal.Core.Kpis.Rollups;

/// <summary>
/// One estate's survey result in one round, as the survey tile measures it (<see cref="SurveyResults"/>: Part A answers
/// 4-5 over all Part A answers, one counted answer per household). One cell per participation; the company ranking
/// reads the latest closed round's cell of each estate instead of every estate's answers.
/// </summary>
public sealed class SurveyCell
{
    public int EstateId { get; set; }
    public int RoundId { get; set; }
    public int Satisfied { get; set; }
    public int Answered { get; set; }
    /// <summary>Households with a counted answer.</summary>
    public int Returned { get; set; }

    public Ratio Overall => new(Satisfied, Answered);
}

/// <summary>A round of an estate whose responses or participation changed since its cell was computed (database triggers).</summary>
public sealed class SurveyCellDirty
{
    public int EstateId { get; set; }
    public int RoundId { get; set; }
}

/// <summary>Recomputes the survey cells that changed: a pass costs the rounds answered since, not every answer.</summary>
public static class SurveyCells
{
    /// <summary>Recomputes the dirty cells (all of them when <paramref name="all"/>); returns how many.</summary>
    public static async Task<int> RefreshAsync(OwnerPortalDbContext db, bool all = false, CancellationToken ct = default)
    {
        if (all)
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO kpi_survey_dirty (estate_id, round_id)
                SELECT estate_id, round_id FROM survey_participations UNION SELECT estate_id, round_id FROM kpi_survey_cells
                ON CONFLICT DO NOTHING
                """, ct);
        var due = await db.SurveyCellsDirty.AsNoTracking().OrderBy(d => d.EstateId).ThenBy(d => d.RoundId).ToListAsync(ct);
        foreach (var d in due) await RefreshCellAsync(db, d.EstateId, d.RoundId, ct);
        return due.Count;
    }

    private static Task RefreshCellAsync(OwnerPortalDbContext db, int estateId, int roundId, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            // One refresher per cell; claimed before reading, so an answer committed after the read marks it again.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(7302, {estateId * 100_000 + roundId})", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM kpi_survey_dirty WHERE estate_id = {estateId} AND round_id = {roundId}", ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM kpi_survey_cells WHERE estate_id = {estateId} AND round_id = {roundId}", ct);
            // Runs without a user: the estate query filters would hide everything.
            if (await db.SurveyParticipations.IgnoreQueryFilters().AnyAsync(p => p.EstateId == estateId && p.RoundId == roundId, ct))
            {
                var result = await SurveyReport.CalculateAsync(db, roundId, estateId, ct, ignoreScope: true);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO kpi_survey_cells (estate_id, round_id, satisfied, answered, returned)
                    VALUES ({estateId}, {roundId}, {(int)result.Overall.Numerator}, {(int)result.Overall.Denominator}, {result.Returned})
                    """, ct);
            }
            await tx.CommitAsync(ct);
        }, ct);
}
