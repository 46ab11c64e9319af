using OwnerPortal.Core.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Surveys;

namespace OwnerPortal.Core.Surveys;

public enum PublishResult { Published, NotClosed, AlreadyPublished }

/// <summary>
/// Publishing an estate's results (SPEC 4): only after the round closed, only aggregates, and free text only where a
/// staff member approved it. The rectification plan is one tracked item per problem.
/// </summary>
public static class SurveyPublishing
{
    public static Task<bool> IsPublishedAsync(OwnerPortalDbContext db, int roundId, int estateId, CancellationToken ct = default) =>
        db.SurveyPublications.AnyAsync(p => p.RoundId == roundId && p.EstateId == estateId, ct);

    public static async Task<PublishResult> PublishAsync(OwnerPortalDbContext db, SurveyRound round, int estateId, int? staffId,
        DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        if (round.StatusOn(today) != SurveyRoundStatus.Closed) return PublishResult.NotClosed;
        if (await IsPublishedAsync(db, round.Id, estateId, ct)) return PublishResult.AlreadyPublished;
        db.SurveyPublications.Add(new SurveyPublication { RoundId = round.Id, EstateId = estateId, PublishedAt = now, PublishedByStaffId = staffId });
        await db.SaveChangesAsync(ct);
        return PublishResult.Published;
    }

    /// <summary>
    /// Approves (or withdraws approval of) one comment text of an item or question, for every counted answer of the
    /// estate that says exactly that: comments are published grouped, never tied to a household. Returns the answers changed.
    /// </summary>
    public static Task<int> ApproveTextAsync(OwnerPortalDbContext db, int roundId, int estateId, SurveyItem? item, int? questionId, string text,
        bool approved, CancellationToken ct = default)
    {
        var trimmed = text.Trim();
        return db.SurveyAnswers
            .Where(a => a.Item == item && a.QuestionId == questionId && a.Text != null && a.Text.Trim() == trimmed
                        && db.SurveyResponses.Any(r => r.Id == a.ResponseId && r.RoundId == roundId && r.EstateId == estateId && r.IsCurrent))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TextApproved, approved), ct);
    }

    public static async Task<RectificationItem> AddPlanItemAsync(OwnerPortalDbContext db, int roundId, int estateId, SurveyItem? item,
        string problem, string action, DateOnly dueOn, DateTimeOffset now, CancellationToken ct = default)
    {
        var plan = new RectificationItem
        {
            RoundId = roundId, EstateId = estateId, Item = item, Problem = problem.Trim(), Action = action.Trim(), DueOn = dueOn,
            Status = RectificationStatus.Planned, CreatedAt = now, UpdatedAt = now,
        };
        db.RectificationItems.Add(plan);
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>Moves a plan item on, with a progress note; false when it is not in the caller's scope.</summary>
    public static async Task<bool> UpdatePlanItemAsync(OwnerPortalDbContext db, int id, RectificationStatus status, string? progress,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var plan = await db.RectificationItems.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return false;
        plan.Status = status;
        if (!string.IsNullOrWhiteSpace(progress)) plan.Progress = progress.Trim();
        plan.DoneAt = status == RectificationStatus.Done ? plan.DoneAt ?? now : null;
        plan.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public sealed record PlanRow(int Id, SurveyItem? Item, string Problem, string Action, DateOnly DueOn, RectificationStatus Status, string? Progress);

    public static async Task<IReadOnlyList<PlanRow>> PlanAsync(OwnerPortalDbContext db, int roundId, int estateId, CancellationToken ct = default) =>
        await db.RectificationItems.AsNoTracking().Where(p => p.RoundId == roundId && p.EstateId == estateId)
            .OrderBy(p => p.DueOn).ThenBy(p => p.Id)
            .Select(p => new PlanRow(p.Id, p.Item, p.Problem, p.Action, p.DueOn, p.Status, p.Progress)).ToListAsync(ct);
}
