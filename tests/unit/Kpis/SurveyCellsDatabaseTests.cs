using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Kpis.Rollups;
using OwnerPortal.Core.Surveys;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Kpis;

/// <summary>
/// Survey satisfaction per estate in the company ranking (issue #18 item 14): read from survey cells kept by the
/// refresher, equal to the survey tile's figure and to hand-written SQL over the answers, and recomputed per round
/// when answers change.
/// </summary>
public class SurveyCellsDatabaseTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Each estate's latest round closed by <paramref name="lastDay"/> and before <paramref name="today"/>: Part A answers 4-5 / all, one counted (latest) answer per household.</summary>
    private static async Task<Dictionary<int, (int Round, long Satisfied, long Answered)>> SqlAsync(string cs, DateOnly lastDay, DateOnly today)
    {
        var sql = $"""
            WITH latest AS (
              SELECT DISTINCT ON (p.estate_id) p.estate_id, p.round_id FROM survey_participations p JOIN survey_rounds r ON r.id = p.round_id
              WHERE r.closes_on <= '{lastDay:yyyy-MM-dd}' AND r.closes_on < '{today:yyyy-MM-dd}'
              ORDER BY p.estate_id, r.closes_on DESC, r.id DESC),
            counted AS (
              SELECT DISTINCT ON (s.estate_id, s.unit_id) s.id, s.estate_id
              FROM survey_responses s JOIN latest l ON l.estate_id = s.estate_id AND l.round_id = s.round_id
              WHERE s.is_current AND s.submitted_at IS NOT NULL
              ORDER BY s.estate_id, s.unit_id, s.submitted_at DESC, s.id DESC)
            SELECT l.estate_id, l.round_id,
                   count(a.id) FILTER (WHERE a.rating >= 4), count(a.id)
            FROM latest l LEFT JOIN counted c ON c.estate_id = l.estate_id
                 LEFT JOIN survey_answers a ON a.response_id = c.id AND a.item IS NOT NULL AND a.rating BETWEEN 1 AND 5
            GROUP BY l.estate_id, l.round_id
            """;
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<int, (int, long, long)>();
        while (await reader.ReadAsync()) rows[reader.GetInt32(0)] = (reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3));
        return rows;
    }

    [Fact]
    public async Task Each_estates_survey_satisfaction_in_the_ranking_is_the_tiles_figure_and_agrees_with_sql()
    {
        var (cs, _) = await DashboardRollupDatabaseTests.DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var data = new DashboardData(db);
        // October (both demo rounds closed) and an earlier month (only the older round closed by then).
        foreach (var lastDay in new[] { new DateOnly(2026, 10, 31), new DateOnly(2026, 3, 31) })
        {
            var ranking = await data.EstateSurveysAsync(lastDay, Today);
            var expected = await SqlAsync(cs, lastDay, Today);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Keys.Order(), ranking.Keys.Order());
            foreach (var (estate, (round, satisfied, answered)) in expected)
            {
                Assert.True(answered > 0, $"estate {estate}: the demo answers every round");
                Assert.Equal((round, new Ratio(satisfied, answered)), ranking[estate]);
                // The estate dashboard's survey tile shows the same round and figure.
                var tile = (await data.LatestSurveysAsync(estate, lastDay, Today))[0];
                Assert.Equal((round, tile.Result.Overall), ranking[estate]);
            }
        }
    }

    [Fact]
    public async Task An_answer_marks_only_its_rounds_cell_and_the_next_pass_recomputes_it()
    {
        var (cs, clock) = await DashboardRollupDatabaseTests.DemoWithCellsAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        Assert.Equal(0, await db.SurveyCellsDirty.CountAsync());
        var round = await SurveyRounds.CreateAsync(db, "增量测试", Today.AddDays(-3), Today.AddDays(5), [1]);
        await new KpiRollups(db, clock).RefreshAsync();
        Assert.Equal((0, 0, 0), await CellAsync(db, round.Id));

        var questions = await SurveyRounds.QuestionsAsync(db, round.Id, 1);
        var clerk = await db.Staff.Where(x => x.EstateId == 1).Select(x => x.Id).FirstAsync();
        var units = await db.Units.Where(u => u.EstateId == 1).OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToListAsync();
        async Task Answer(int unit, int rating, int minutes)
        {
            var input = SurveyForm.Blank(questions);
            input.Items.ForEach(i => i.Rating = rating);
            Assert.Equal(AnswerResult.Submitted, await SurveyAnswers.SaveAsync(db, round, 1, unit, Respondent.Paper(clerk), input, questions, true, Today, clock.GetUtcNow().AddMinutes(minutes)));
        }
        await Answer(units[0], 5, 1);
        await Answer(units[1], 2, 2);
        Assert.Equal([(1, round.Id)], (await db.SurveyCellsDirty.ToListAsync()).Select(d => (d.EstateId, d.RoundId)));
        await new KpiRollups(db, clock).RefreshAsync();
        Assert.Equal(0, await db.SurveyCellsDirty.CountAsync());
        var items = Enum.GetValues<SurveyItem>().Length;
        Assert.Equal((items, 2 * items, 2), await CellAsync(db, round.Id));

        // The second household answers again: its later answer is the counted one.
        await Answer(units[1], 4, 3);
        await new KpiRollups(db, clock).RefreshAsync();
        Assert.Equal((2 * items, 2 * items, 2), await CellAsync(db, round.Id));

        // Still open today: not in the ranking; once closed, it is the estate's figure there.
        var data = new DashboardData(db);
        Assert.NotEqual(round.Id, (await data.EstateSurveysAsync(Today.AddDays(30), Today))[1].RoundId);
        Assert.Equal((round.Id, new Ratio(2 * items, 2 * items)), (await data.EstateSurveysAsync(Today.AddDays(30), Today.AddDays(6)))[1]);
        Assert.Equal(await SqlAsync(cs, Today.AddDays(30), Today.AddDays(6)) is var sql ? (sql[1].Round, new Ratio(sql[1].Satisfied, sql[1].Answered)) : default,
            (await data.EstateSurveysAsync(Today.AddDays(30), Today.AddDays(6)))[1]);
    }

    private static async Task<(int Satisfied, int Answered, int Returned)> CellAsync(OwnerPortalDbContext db, int roundId) =>
        await db.SurveyCells.AsNoTracking().Where(c => c.EstateId == 1 && c.RoundId == roundId)
            .Select(c => new { c.Satisfied, c.Answered, c.Returned }).SingleAsync() is var cell ? (cell.Satisfied, cell.Answered, cell.Returned) : default;
}
