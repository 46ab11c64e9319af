using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Cases;

/// <summary>A past case the learner counts: its description and where the dispatcher sent it.</summary>
public sealed record PastCase(string Description, CaseCategory? Category, int? DepartmentId);

/// <summary>What the keyword rules suggest for a description; the dispatcher always decides.</summary>
public sealed record Suggestion(CaseCategory? Category, int? DepartmentId);

/// <summary>
/// Keyword rules learned from one estate's past assigned cases: for every word (Latin text) or pair of
/// neighbouring characters (Chinese text) how often it led to each category and department. A new description is
/// scored by adding, for each of its keywords, the share of that keyword's past cases that went each way, so a
/// keyword seen everywhere (如 "你好") weighs little and a telling one ("漏水") weighs much.
/// </summary>
public sealed class KeywordSuggester
{
    private readonly Dictionary<string, Dictionary<CaseCategory, int>> _categories = [];
    private readonly Dictionary<string, Dictionary<int, int>> _departments = [];

    public static KeywordSuggester Learn(IEnumerable<PastCase> cases)
    {
        var s = new KeywordSuggester();
        foreach (var c in cases)
            foreach (var k in Keywords(c.Description))
            {
                if (c.Category is { } cat) Bump(s._categories, k, cat);
                if (c.DepartmentId is { } dep) Bump(s._departments, k, dep);
            }
        return s;
    }

    public Suggestion Suggest(string description)
    {
        var keys = Keywords(description);
        return new Suggestion(Best(_categories, keys), Best(_departments, keys));
    }

    private static void Bump<T>(Dictionary<string, Dictionary<T, int>> table, string key, T value) where T : notnull
    {
        if (!table.TryGetValue(key, out var counts)) table[key] = counts = [];
        counts[value] = counts.GetValueOrDefault(value) + 1;
    }

    private static T? Best<T>(Dictionary<string, Dictionary<T, int>> table, IReadOnlySet<string> keys) where T : struct
    {
        var scores = new Dictionary<T, double>();
        foreach (var k in keys)
        {
            if (!table.TryGetValue(k, out var counts)) continue;
            double total = counts.Values.Sum();
            foreach (var (value, n) in counts) scores[value] = scores.GetValueOrDefault(value) + n / total;
        }
        if (scores.Count == 0) return null;
        // Highest score; ties go to the smaller value so the answer never depends on dictionary order.
        return scores.OrderByDescending(x => x.Value).ThenBy(x => x.Key).First().Key;
    }

    /// <summary>Lower-case Latin words and digits runs of 2+ letters; for Chinese, every pair of neighbouring characters.</summary>
    public static IReadOnlySet<string> Keywords(string text)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        char? previousHan = null;
        foreach (var ch in text ?? "")
        {
            if (IsHan(ch))
            {
                Flush();
                if (previousHan is { } p) keys.Add(string.Concat(p, ch));
                previousHan = ch;
            }
            else
            {
                previousHan = null;
                if (char.IsLetterOrDigit(ch)) word.Append(char.ToLowerInvariant(ch));
                else Flush();
            }
        }
        Flush();
        return keys;

        void Flush()
        {
            if (word.Length >= 2) keys.Add(word.ToString());
            word.Clear();
        }
    }

    private static bool IsHan(char ch) => ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    /// <summary>Learns from the estate's most recent assigned cases (up to <paramref name="take"/>).</summary>
    public static async Task<KeywordSuggester> ForEstateAsync(OwnerPortalDbContext db, int estateId, long excludeCaseId, int take = 2000, CancellationToken ct = default)
    {
        var past = await db.Cases.AsNoTracking()
            .Where(c => c.EstateId == estateId && c.Id != excludeCaseId && c.AssignedDepartmentId != null && c.Category != null)
            .OrderByDescending(c => c.Id).Take(take)
            .Select(c => new PastCase(c.Description, c.Category, c.AssignedDepartmentId))
            .ToListAsync(ct);
        return Learn(past);
    }
}
