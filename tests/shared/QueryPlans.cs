using System.Text.Json;
using Npgsql;

namespace OwnerPortal.Tests;

/// <summary>
/// Runs EF's SQL under EXPLAIN ANALYZE: the best execution time of a few runs, the plan's nodes, and the buffers (8 kB
/// pages) the last run touched — a measure of the work that, unlike the time, does not depend on how busy the machine is.
/// </summary>
public static class QueryPlans
{
    public sealed record Measured(double BestMilliseconds, string Plan, IReadOnlyList<(string Node, string? Relation)> Nodes, long Buffers)
    {
        public bool Scans(string table) => Nodes.Contains(("Seq Scan", table));
    }

    /// <param name="sql">The output of EF's ToQueryString(); its parameters are inlined.</param>
    public static async Task<Measured> ExplainAsync(string connectionString, string sql, int runs)
    {
        var best = double.MaxValue;
        var plan = "";
        long buffers = 0;
        for (var run = 0; run < runs; run++)
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + InlineParameters(sql), conn);
            plan = (string)(await explain.ExecuteScalarAsync())!;
            using var json = JsonDocument.Parse(plan);
            best = Math.Min(best, json.RootElement[0].GetProperty("Execution Time").GetDouble());
            var top = json.RootElement[0].GetProperty("Plan");
            buffers = top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
        }
        using var parsed = JsonDocument.Parse(plan);
        return new Measured(best, plan, Nodes(parsed.RootElement[0].GetProperty("Plan")).ToList(), buffers);
    }

    private static IEnumerable<(string Node, string? Relation)> Nodes(JsonElement node)
    {
        yield return (node.GetProperty("Node Type").GetString()!, node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null);
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var n in Nodes(child)) yield return n;
    }

    /// <summary>ToQueryString declares parameters as "-- @p='1'" comments and uses @p in the text; inline them.</summary>
    private static string InlineParameters(string sql)
    {
        var lines = sql.Split('\n');
        var values = lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal))
            .Select(l => l[3..].Split('=', 2))
            .ToDictionary(kv => kv[0].Trim(), kv => Literal(kv[1].Split(" (", 2)[0].Trim()));
        var body = string.Join('\n', lines.Where(l => !l.StartsWith("-- @", StringComparison.Ordinal)));
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length)) body = body.Replace(name, value, StringComparison.Ordinal);
        return body;
    }

    /// <summary>An integer array parameter shows as { '1', '2' }: write it as an array literal.</summary>
    private static string Literal(string value) =>
        value.StartsWith('{')
            ? "ARRAY[" + string.Join(",", value.Trim('{', '}', ' ').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => v.Trim('\''))) + "]::integer[]"
            : value;
}
