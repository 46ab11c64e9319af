using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Kpis;

namespace OwnerPortal.Core.Reports;

/// <summary>
/// The monthly complaint and suggestion summaries and the quarterly complaint analysis (SPEC 5): counts by category,
/// class (the cause: our service, the developer, outside our jurisdiction), department and outcome, over the cases
/// received in the period (test and withdrawn cases excluded, as everywhere).
/// </summary>
public static class CaseStatistics
{
    public sealed record Complaints(
        int Received, int Closed, int Major, int Escalated, Ratio HandlingTimeliness,
        IReadOnlyDictionary<CaseCategory, int> ByCategory, int Unclassified,
        IReadOnlyDictionary<ComplaintClass, int> ByClass,
        IReadOnlyList<(string Department, int Count)> ByDepartment);

    public sealed record Suggestions(int Received, int Adopted, int NotAdopted, int Pending, IReadOnlyDictionary<CaseCategory, int> ByCategory);

    public static async Task<Complaints> ComplaintsAsync(IQueryable<Case> cases, IQueryable<Domain.Estates.Department> departments,
        Period p, DateTimeOffset at, CancellationToken ct = default)
    {
        var received = cases.Where(CaseKpis.ReceivedIn(p)).Where(c => c.Type == CaseType.Complaint);
        var rows = await received.GroupBy(c => new { c.Category, c.Class, c.AssignedDepartmentId, Closed = c.Status == CaseStatus.Closed, c.IsMajor, Escalated = c.EscalatedAt != null })
            .Select(g => new { g.Key.Category, g.Key.Class, g.Key.AssignedDepartmentId, g.Key.Closed, g.Key.IsMajor, g.Key.Escalated, Count = g.Count() })
            .ToListAsync(ct);
        var ids = rows.Where(r => r.AssignedDepartmentId != null).Select(r => r.AssignedDepartmentId!.Value).Distinct().ToList();
        var names = await departments.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var handled = await received.CountAsync(CaseKpis.HandlingNumerator(p, at), ct);
        var due = await received.CountAsync(CaseKpis.HandlingDenominator(p, at), ct);
        return new Complaints(
            rows.Sum(r => r.Count), rows.Where(r => r.Closed).Sum(r => r.Count), rows.Where(r => r.IsMajor).Sum(r => r.Count),
            rows.Where(r => r.Escalated).Sum(r => r.Count), new Ratio(handled, due),
            Enum.GetValues<CaseCategory>().ToDictionary(c => c, c => rows.Where(r => r.Category == c).Sum(r => r.Count)),
            rows.Where(r => r.Category == null).Sum(r => r.Count),
            Enum.GetValues<ComplaintClass>().ToDictionary(c => c, c => rows.Where(r => r.Class == c).Sum(r => r.Count)),
            rows.GroupBy(r => r.AssignedDepartmentId).OrderByDescending(g => g.Sum(r => r.Count))
                .Select(g => (g.Key is { } id ? names.GetValueOrDefault(id, "?") : "", g.Sum(r => r.Count))).ToList());
    }

    public static async Task<Suggestions> SuggestionsAsync(IQueryable<Case> cases, Period p, CancellationToken ct = default)
    {
        var rows = await cases.Where(CaseKpis.ReceivedIn(p)).Where(c => c.Type == CaseType.Suggestion)
            .GroupBy(c => new { c.Category, c.SuggestionAdopted })
            .Select(g => new { g.Key.Category, g.Key.SuggestionAdopted, Count = g.Count() }).ToListAsync(ct);
        return new Suggestions(rows.Sum(r => r.Count), rows.Where(r => r.SuggestionAdopted == true).Sum(r => r.Count),
            rows.Where(r => r.SuggestionAdopted == false).Sum(r => r.Count), rows.Where(r => r.SuggestionAdopted == null).Sum(r => r.Count),
            Enum.GetValues<CaseCategory>().ToDictionary(c => c, c => rows.Where(r => r.Category == c).Sum(r => r.Count)));
    }

    /// <summary>The quarterly complaint analysis is required for estates over 100,000 m² (004).</summary>
    public const decimal QuarterlyAnalysisFloorArea = 100_000m;

    /// <summary>The quarter containing <paramref name="month"/>, in the estate's time zone.</summary>
    public static Period Quarter(DateOnly month, TimeZoneInfo zone)
    {
        var first = new DateOnly(month.Year, (month.Month - 1) / 3 * 3 + 1, 1);
        return new Period(Period.Month(first, zone).From, Period.Month(first.AddMonths(2), zone).Until);
    }
}
