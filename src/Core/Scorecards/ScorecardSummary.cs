using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Notices;

namespace OwnerPortal.Core.Scorecards;

/// <summary>
/// A summary of the committee scorecard the estate manager published to every owner of the estate: the figures as
/// they were at publication (a snapshot, so later corrections of cases do not rewrite what owners were told) and the
/// manager's note, Markdown rendered and sanitized once when published (as notices are).
/// </summary>
public class ScorecardSummary
{
    public long Id { get; set; }
    public int EstateId { get; set; }
    /// <summary>The month the figures are of (first day).</summary>
    public DateOnly Month { get; set; }
    /// <summary><see cref="ScorecardFigures"/> as JSON.</summary>
    public string Figures { get; set; } = "{}";
    public string NoteMarkdown { get; set; } = "";
    public string NoteHtml { get; set; } = "";
    public DateTimeOffset PublishedAt { get; set; }
    public int? PublishedByStaffId { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ScorecardFigures ReadFigures() => JsonSerializer.Deserialize<ScorecardFigures>(Figures, Json)!;

    /// <summary>The longest note accepted (a summary is a paragraph or two, not a report).</summary>
    public const int MaxNoteLength = 4000;

    /// <summary>Publishes a snapshot of <paramref name="figures"/> with the note to the estate's owners. Saves.</summary>
    public static async Task<ScorecardSummary> PublishAsync(OwnerPortalDbContext db, ScorecardFigures figures, string? note, int? staffId,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var markdown = (note ?? "").Trim();
        if (markdown.Length > MaxNoteLength) throw new ArgumentException($"note longer than {MaxNoteLength}", nameof(note));
        var summary = new ScorecardSummary
        {
            EstateId = figures.EstateId, Month = figures.Month, Figures = JsonSerializer.Serialize(figures, Json),
            NoteMarkdown = markdown, NoteHtml = NoticeMarkdown.ToSafeHtml(markdown), PublishedAt = now, PublishedByStaffId = staffId,
        };
        db.ScorecardSummaries.Add(summary);
        await db.SaveChangesAsync(ct);
        return summary;
    }

    /// <summary>The estate's latest published summary, or null.</summary>
    public static Task<ScorecardSummary?> LatestAsync(OwnerPortalDbContext db, int estateId, CancellationToken ct = default) =>
        db.ScorecardSummaries.AsNoTracking().Where(s => s.EstateId == estateId).OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
}
