using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Kpis;

namespace OwnerPortal.Core.Reports;

public enum RepeatKind { RepeatComplaint, RepeatRepair, FailedCallback }

/// <summary>One finding: the cases behind it (within the 90-day window), where, and about what.</summary>
public sealed record RepeatGroup(RepeatKind Kind, string Key, int? UnitId, int? PublicAreaId, CaseCategory? Category,
    IReadOnlyList<RepeatGroup.Item> Cases)
{
    public sealed record Item(long Id, string Reference, DateTimeOffset ReceivedAt);
}

/// <summary>
/// SPEC 5 and 7 monthly analysis flags. Repeat complaint: a complaint received in the month from the same unit, or
/// about the same public area and category, within 90 days after an earlier complaint. Repeat repair: the third or
/// later repair request of the same unit (or public area) and category within 90 days. Failed callback: a callback
/// made in the month answered "not fixed" or rated 1-2 overall (<see cref="CallbackKpis.Failed"/>).
/// </summary>
public static class RepeatFlags
{
    public const int WindowDays = 90;
    public const int RepairRepeats = 3;

    public static async Task<IReadOnlyList<RepeatGroup>> FindAsync(OwnerPortalDbContext db, int estateId, DateOnly month, TimeZoneInfo zone, CancellationToken ct = default)
    {
        var p = Period.Month(month, zone);
        var windowStart = p.From.AddDays(-WindowDays);
        // The month's cases and the 90 days before them: small per estate, so the grouping happens here.
        var rows = await db.Cases.AsNoTracking()
            .Where(c => c.EstateId == estateId && !c.IsTest && c.Status != CaseStatus.Withdrawn && c.Type != CaseType.Suggestion
                        && c.ReceivedAt >= windowStart && c.ReceivedAt < p.Until)
            .Select(c => new Row(c.Id, c.Reference, c.Type, c.ReceivedAt, c.UnitId, c.PublicAreaId, c.Location, c.Category))
            .ToListAsync(ct);
        var failed = await db.Callbacks.AsNoTracking().Where(b => b.EstateId == estateId).Where(CallbackKpis.Failed(p))
            .Join(db.Cases, b => b.CaseId, c => c.Id, (b, c) => new { c.Id, c.Reference, c.ReceivedAt, c.UnitId, c.PublicAreaId, c.Category })
            .Distinct().ToListAsync(ct);
        var prefix = month.ToString("yyyy-MM");
        return [.. Find(rows, p, month), .. failed.OrderBy(f => f.ReceivedAt).Select(f => new RepeatGroup(RepeatKind.FailedCallback, $"{prefix}|callback:{f.Id}",
            f.UnitId, f.PublicAreaId, f.Category, [new RepeatGroup.Item(f.Id, f.Reference, f.ReceivedAt)]))];
    }

    /// <summary>The complaints that repeat an earlier one of their group within the window (the dashboards count them).</summary>
    public static HashSet<long> RepeatComplaints(IReadOnlyList<Row> rows) =>
        ComplaintGroups(rows).SelectMany(g => g.Members.Where(m => RepeatsAnEarlier(m, g.Members))).Select(m => m.Id).ToHashSet();

    /// <summary>Complaints from the same unit (any category), and about the same public area and category, oldest first.</summary>
    private static IEnumerable<(string Key, int? Unit, int? Area, CaseCategory? Category, List<Row> Members)> ComplaintGroups(IReadOnlyList<Row> rows)
    {
        var complaints = rows.Where(r => r.Type == CaseType.Complaint).OrderBy(r => r.ReceivedAt).ToList();
        return complaints.Where(r => r.UnitId != null).GroupBy(r => r.UnitId).Select(g => ($"unit:{g.Key}", g.Key, (int?)null, (CaseCategory?)null, g.ToList()))
            .Concat(complaints.Where(r => r.PublicAreaId != null && r.Category != null).GroupBy(r => (r.PublicAreaId, r.Category))
                .Select(g => ($"area:{g.Key.PublicAreaId}:{g.Key.Category}", (int?)null, g.Key.PublicAreaId, g.Key.Category, g.ToList())));
    }

    private static bool RepeatsAnEarlier(Row m, List<Row> members) =>
        members.Any(e => e.ReceivedAt < m.ReceivedAt && m.ReceivedAt - e.ReceivedAt <= TimeSpan.FromDays(WindowDays));

    public sealed record Row(long Id, string Reference, CaseType Type, DateTimeOffset ReceivedAt, int? UnitId, int? PublicAreaId, CaseLocation Location, CaseCategory? Category);

    /// <summary>The rule itself, over plain rows (unit-tested).</summary>
    public static IReadOnlyList<RepeatGroup> Find(IReadOnlyList<Row> rows, Period p, DateOnly month)
    {
        var groups = new List<RepeatGroup>();
        var window = TimeSpan.FromDays(WindowDays);
        var prefix = month.ToString("yyyy-MM");

        // Complaints: by unit (any category), and by public area and category.
        foreach (var (key, unit, area, category, members) in ComplaintGroups(rows))
        {
            var flagged = members.Where(m => m.ReceivedAt >= p.From && m.ReceivedAt < p.Until && RepeatsAnEarlier(m, members)).ToList();
            if (flagged.Count == 0) continue;
            var first = flagged[0].ReceivedAt - window;
            groups.Add(new RepeatGroup(RepeatKind.RepeatComplaint, $"{prefix}|{key}", unit, area, category,
                members.Where(m => m.ReceivedAt >= first && m.ReceivedAt <= flagged[^1].ReceivedAt).Select(ItemOf).ToList()));
        }

        // Repairs: the same place (own unit, or public area) and category, three or more within 90 days.
        var repairs = rows.Where(r => r.Type == CaseType.RepairRequest && r.Category != null).OrderBy(r => r.ReceivedAt).ToList();
        foreach (var g in repairs.GroupBy(r => r.Location == CaseLocation.PublicArea ? (Unit: (int?)null, Area: r.PublicAreaId, r.Category) : (Unit: r.UnitId, Area: (int?)null, r.Category))
                     .Where(g => g.Key.Unit != null || g.Key.Area != null))
        {
            var members = g.ToList();
            var flagged = members.Where(m => m.ReceivedAt >= p.From && m.ReceivedAt < p.Until
                                             && members.Count(e => e.ReceivedAt <= m.ReceivedAt && m.ReceivedAt - e.ReceivedAt <= window) >= RepairRepeats).ToList();
            if (flagged.Count == 0) continue;
            var first = flagged[0].ReceivedAt - window;
            var key = g.Key.Unit is { } u ? $"repair:unit:{u}:{g.Key.Category}" : $"repair:area:{g.Key.Area}:{g.Key.Category}";
            groups.Add(new RepeatGroup(RepeatKind.RepeatRepair, $"{prefix}|{key}", g.Key.Unit, g.Key.Area, g.Key.Category,
                members.Where(m => m.ReceivedAt >= first && m.ReceivedAt <= flagged[^1].ReceivedAt).Select(ItemOf).ToList()));
        }
        return groups.OrderBy(g => g.Kind).ThenByDescending(g => g.Cases.Count).ToList();
    }

    private static RepeatGroup.Item ItemOf(Row r) => new(r.Id, r.Reference, r.ReceivedAt);
}
