using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Cases;

/// <summary>The company's rules and the estate's working-day calendar, as needed to compute due times.</summary>
public sealed record EstateRules(CompanySettings Settings, WorkingCalendar Calendar)
{
    public static async Task<EstateRules> LoadAsync(OwnerPortalDbContext db, int estateId, CancellationToken ct = default)
    {
        var settings = await db.CompanySettings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new CompanySettings { Name = "" };
        var zone = await db.Estates.IgnoreQueryFilters().Where(e => e.Id == estateId).Select(e => e.TimeZone).FirstOrDefaultAsync(ct) ?? settings.TimeZone;
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(ct);
        return new EstateRules(settings, WorkingCalendar.For(zone, days));
    }
}

/// <summary>Files new cases from any channel: reference, due times, first timeline entry, and no duplicates on a double submit.</summary>
public static class CaseIntake
{
    /// <summary>
    /// Saves a new case with its photos. With an idempotency key, a second submit (double click, refresh, another
    /// tab) returns the case the first one made instead of filing again; <see cref="Filed.Created"/> is then false
    /// and the photos given were not used.
    /// </summary>
    public static async Task<Filed> FileAsync(OwnerPortalDbContext db, NewCase details, Actor actor, DateTimeOffset now,
        IReadOnlyList<CaseAttachment>? photos = null, CancellationToken ct = default)
    {
        if (await FindExistingAsync(db, details, ct) is { } existing) return new(existing, false);

        var estate = await db.Estates.IgnoreQueryFilters().Where(e => e.Id == details.EstateId).Select(e => new { e.Code }).SingleAsync(ct);
        var rules = await EstateRules.LoadAsync(db, details.EstateId, ct);
        var year = rules.Calendar.ToLocal(now).Year;
        // The number is taken in a statement (and transaction) of its own that commits without waiting for a disk flush
        // (CaseReferenceCounter.NextAsync): its row lock is held for microseconds, not for the whole save or a flush, so
        // an estate's submits do not queue behind each other. The price is a skipped
        // number when the save below fails; numbers never repeat (CaseIntakeConcurrencyTests, bench/submit.sh).
        var reference = await CaseReferenceCounter.NextAsync(db, details.EstateId, estate.Code, year, ct);
        var c = Case.Receive(details, reference, CaseDeadlines.ForReceipt(now, rules.Settings, rules.Calendar), now, actor);
        c.Attachments.AddRange(photos ?? []);
        db.Cases.Add(c);
        try
        {
            await db.SaveChangesAsync(ct);
            return new(c, true);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && details.IdempotencyKey is not null)
        {
            // The other submit won the race between our check and our insert.
            db.ChangeTracker.Clear();
            return new(await FindExistingAsync(db, details, ct) ?? throw new InvalidOperationException("Duplicate submit without a case.", e), false);
        }
    }

    public sealed record Filed(Case Case, bool Created);

    /// <summary>A key is unique per reporting person, and among cases reported by someone without a person record (staff intake).</summary>
    private static Task<Case?> FindExistingAsync(OwnerPortalDbContext db, NewCase details, CancellationToken ct) =>
        details.IdempotencyKey is not { } key ? Task.FromResult<Case?>(null)
        : details.ReporterPersonId is { } person ? db.Cases.FirstOrDefaultAsync(c => c.ReporterPersonId == person && c.IdempotencyKey == key, ct)
        : db.Cases.FirstOrDefaultAsync(c => c.ReporterPersonId == null && c.IdempotencyKey == key, ct);
}
