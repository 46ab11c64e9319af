using System.Text.Json;
using Npgsql;

namespace OwnerPortal.Tests;

/// <summary>
/// Runs EF's SQL under EXPLAIN ANALYZE: the plan's nodes and the buffers (8 kB pages) it touched — a measure of the
/// work that, unlike the time, does not depend on how busy the machine is. Tests assert the work; benches the speed.
/// </summary>
public static class QueryPlans
{
    public sealed record PlanNode(string Type, string? Relation, long Rows);

    public sealed record Measured(string Plan, IReadOnlyList<PlanNode> Nodes, long Buffers)
    {
        public bool Scans(string table) => Nodes.Any(n => n.Type == "Seq Scan" && n.Relation == table);

        /// <summary>The rows the plan's scans of the table kept, over every loop.</summary>
        public long RowsFrom(string table) => Nodes.Where(n => n.Relation == table).Sum(n => n.Rows);
    }

    /// <param name="sql">The output of EF's ToQueryString(); its parameters are inlined.</param>
    public static async Task<Measured> ExplainAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + InlineParameters(sql), conn);
        var plan = (string)(await explain.ExecuteScalarAsync())!;
        using var json = JsonDocument.Parse(plan);
        var top = json.RootElement[0].GetProperty("Plan");
        var buffers = top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64();
        return new Measured(plan, Nodes(top).ToList(), buffers);
    }

    private static IEnumerable<PlanNode> Nodes(JsonElement node)
    {
        yield return new PlanNode(node.GetProperty("Node Type").GetString()!,
            node.TryGetProperty("Relation Name", out var r) ? r.GetString() : null,
            node.GetProperty("Actual Rows").GetInt64() * node.GetProperty("Actual Loops").GetInt64());
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
