using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.Domain.People;

public enum LinkDecisionResult { Done, NotFound, AlreadyDecided, ReasonRequired }

/// <summary>What the decision e-mail needs besides the request: the string table and where owners sign in.</summary>
public sealed record DecisionMail(IStringLocalizer Strings, string PortalUrl);

/// <summary>
/// Customer service decides an owner's request to be linked to a unit. The decision, the link and the e-mail to the
/// owner are one transaction; of two clerks deciding the same request at once, only the first decision counts.
/// </summary>
public static class LinkRequestDecisions
{
    public const int MaxReasonLength = 500;

    /// <summary>Links the person to the unit (making it their active unit if they have none) and tells them.</summary>
    public static async Task<LinkDecisionResult> ApproveAsync(
        OwnerPortalDbContext db, int requestId, int staffId, DecisionMail mail, DateTimeOffset now, CancellationToken ct = default)
    {
        var request = await FindAsync(db, requestId, ct);
        if (request is null) return LinkDecisionResult.NotFound;
        if (request.Status != LinkRequestStatus.Pending) return LinkDecisionResult.AlreadyDecided;

        return await db.InTransactionAsync(async tx =>
        {
            if (!await ClaimAsync(db, requestId, LinkRequestStatus.Approved, staffId, null, now, ct)) return LinkDecisionResult.AlreadyDecided;
            await WriteMailAsync(db, request, mail, "link.approved", "Mail.LinkApproved.Subject", "Mail.LinkApproved.Body", null, now, ct);
            if (await UnitBindings.IsLinkedAsync(db, request.PersonId, request.UnitId, ct))
                await db.SaveChangesAsync(ct); // linked meanwhile (for example with a code): approve without a second link
            else
                await UnitBindings.LinkAsync(db, request.PersonId, request.UnitId, request.Relation, now, ct);
            await tx.CommitAsync(ct);
            return LinkDecisionResult.Done;
        }, ct);
    }

    /// <summary>Refuses the request with a reason the owner reads in the Portal and in the e-mail.</summary>
    public static async Task<LinkDecisionResult> RejectAsync(
        OwnerPortalDbContext db, int requestId, int staffId, string? reason, DecisionMail mail, DateTimeOffset now, CancellationToken ct = default)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength) return LinkDecisionResult.ReasonRequired;
        var request = await FindAsync(db, requestId, ct);
        if (request is null) return LinkDecisionResult.NotFound;
        if (request.Status != LinkRequestStatus.Pending) return LinkDecisionResult.AlreadyDecided;

        return await db.InTransactionAsync(async tx =>
        {
            if (!await ClaimAsync(db, requestId, LinkRequestStatus.Rejected, staffId, reason, now, ct)) return LinkDecisionResult.AlreadyDecided;
            await WriteMailAsync(db, request, mail, "link.rejected", "Mail.LinkRejected.Subject", "Mail.LinkRejected.Body", reason, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return LinkDecisionResult.Done;
        }, ct);
    }

    private sealed record Request(int PersonId, int UnitId, UnitRelation Relation, LinkRequestStatus Status);

    // Through the estate query filter: a request of another estate is not found.
    private static Task<Request?> FindAsync(OwnerPortalDbContext db, int requestId, CancellationToken ct) =>
        db.UnitLinkRequests.AsNoTracking().Where(r => r.Id == requestId)
            .Select(r => new Request(r.PersonId, r.UnitId, r.Relation, r.Status)).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Decides only a request that is still pending. A second clerk's UPDATE waits for the first one's row lock and
    /// then finds the request no longer pending, so it changes nothing.
    /// </summary>
    private static async Task<bool> ClaimAsync(OwnerPortalDbContext db, int requestId, LinkRequestStatus status, int staffId,
        string? reason, DateTimeOffset now, CancellationToken ct) =>
        await db.UnitLinkRequests.Where(r => r.Id == requestId && r.Status == LinkRequestStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedAt, now)
                .SetProperty(r => r.DecidedByStaffId, staffId).SetProperty(r => r.Reason, reason), ct) == 1;

    private static async Task WriteMailAsync(OwnerPortalDbContext db, Request request, DecisionMail mail, string kind,
        string subjectKey, string bodyKey, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        // The request was found in scope; its person is not a member of the estate yet (see UnitBindings.LinkAsync).
        var person = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == request.PersonId)
            .Select(p => new { p.FullName, p.Email, p.Language }).SingleAsync(ct);
        if (string.IsNullOrWhiteSpace(person.Email)) return;
        var place = await db.Units.AsNoTracking().Where(u => u.Id == request.UnitId)
            .Select(u => new { u.Number, Estate = db.Estates.Where(e => e.Id == u.EstateId).Select(e => new { e.Name, e.OfficePhone }).First() })
            .SingleAsync(ct);

        // In the person's language, not that of the clerk who happened to decide.
        var (subject, text) = OwnerLanguage.Write(person.Language, () => (mail.Strings[subjectKey].Value,
            mail.Strings[bodyKey, person.FullName, $"{place.Estate.Name} {place.Number}", mail.PortalUrl, place.Estate.OfficePhone, reason ?? ""].Value));
        var html = MailHtml.FromText(text, mail.PortalUrl);
        Outbox.Enqueue(db, kind, person.Email, person.FullName, subject, text, html, now);
    }
}
