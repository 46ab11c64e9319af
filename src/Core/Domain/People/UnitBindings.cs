using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.People;

public enum BindResult { Bound, InvalidCode, AlreadyLinked }

public enum BindingCodeState { Active, Used, Revoked, Expired }

/// <summary>A code just made for a unit: the plain text goes on the letter and nowhere else.</summary>
public sealed record IssuedCode(int UnitId, string Code, DateTimeOffset ExpiresAt);

/// <summary>Linking people to units: printed one-time codes, requests decided by customer service, revocation.</summary>
public static class UnitBindings
{
    // No 0/O, 1/I/L: the code is read off paper and typed on a phone.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 10;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromDays(90);

    /// <summary>Makes a new code for a unit; the plain code is returned once, to be printed, and only its hash is kept.</summary>
    public static (BindingCode Entity, string Code) NewCode(int unitId, int? staffId, DateTimeOffset now)
    {
        var chars = new char[CodeLength];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        var code = new string(chars);
        return (new BindingCode { UnitId = unitId, CodeHash = Hash(code), CreatedAt = now, ExpiresAt = now + CodeLifetime, CreatedByStaffId = staffId }, code);
    }

    /// <summary>"ABCD-EFGH-JK" as printed: groups of four for reading aloud.</summary>
    public static string Display(string code) => string.Join('-', code.Chunk(4).Select(c => new string(c)));

    public static string Hash(string code)
    {
        var normalized = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(normalized)));
    }

    /// <summary>Uses a code: the person is linked to its unit, and the code can never be used again.</summary>
    public static async Task<(BindResult Result, int? UnitId)> BindWithCodeAsync(
        OwnerPortalDbContext db, int personId, string code, UnitRelation relation, DateTimeOffset now, CancellationToken ct = default)
    {
        var hash = Hash(code);
        var found = await db.BindingCodes.AsNoTracking()
            .Where(b => b.CodeHash == hash && b.UsedAt == null && b.RevokedAt == null && b.ExpiresAt > now)
            .Select(b => new { b.Id, b.UnitId }).FirstOrDefaultAsync(ct);
        if (found is null) return (BindResult.InvalidCode, null);
        if (await IsLinkedAsync(db, personId, found.UnitId, ct)) return (BindResult.AlreadyLinked, found.UnitId);

        return await db.InTransactionAsync(async tx =>
        {
            // Claim the code; of two people typing it at once only one wins.
            var claimed = await db.BindingCodes.Where(b => b.Id == found.Id && b.UsedAt == null && b.RevokedAt == null && b.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.UsedAt, now).SetProperty(b => b.UsedByPersonId, personId), ct);
            if (claimed > 0)
            {
                await LinkAsync(db, personId, found.UnitId, relation, now, ct);
                await tx.CommitAsync(ct);
                return (BindResult.Bound, found.UnitId);
            }
            // A retry after a commit whose acknowledgement was lost: the code is used, by this person, who is linked.
            return await IsLinkedAsync(db, personId, found.UnitId, ct)
                   && await db.BindingCodes.AnyAsync(b => b.Id == found.Id && b.UsedByPersonId == personId, ct)
                ? (BindResult.Bound, found.UnitId)
                : (BindResult.InvalidCode, (int?)null);
        }, ct);
    }

    /// <summary>Adds an active link and makes the unit active for a person who had none. Saves.</summary>
    public static async Task LinkAsync(OwnerPortalDbContext db, int personId, int unitId, UnitRelation relation, DateTimeOffset now, CancellationToken ct = default)
    {
        db.UnitMemberships.Add(new UnitMembership { PersonId = personId, UnitId = unitId, Relation = relation, Since = now });
        // The caller has already found the unit (code or request) in its scope; the person is not a member of the
        // estate yet, so the staff estate filter on people would hide them.
        var person = await db.People.IgnoreQueryFilters().SingleAsync(p => p.Id == personId, ct);
        person.ActiveUnitId ??= unitId;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Prints a new code for each unit and revokes the unit's earlier unused codes, so only the newest letter works.
    /// Null when a unit is outside the caller's scope (or there are none): then nothing changes.
    /// </summary>
    public static async Task<IReadOnlyList<IssuedCode>?> IssueCodesAsync(
        OwnerPortalDbContext db, IReadOnlyCollection<int> unitIds, int? staffId, DateTimeOffset now, CancellationToken ct = default)
    {
        var ids = unitIds.Distinct().ToList();
        if (ids.Count == 0 || await db.Units.CountAsync(u => ids.Contains(u.Id), ct) != ids.Count) return null;

        return await db.InTransactionAsync<IReadOnlyList<IssuedCode>?>(async tx =>
        {
            await db.BindingCodes.Where(b => ids.Contains(b.UnitId) && b.UsedAt == null && b.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.RevokedAt, now), ct);
            var made = ids.Select(id => NewCode(id, staffId, now)).ToList();
            db.BindingCodes.AddRange(made.Select(m => m.Entity));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return made.Select(m => new IssuedCode(m.Entity.UnitId, m.Code, m.Entity.ExpiresAt)).ToList();
        }, ct);
    }

    /// <summary>Revokes one unused code (a lost letter). False when it was already used, revoked, or is not in scope.</summary>
    public static async Task<bool> RevokeCodeAsync(OwnerPortalDbContext db, int codeId, DateTimeOffset now, CancellationToken ct = default) =>
        await db.BindingCodes.Where(b => b.Id == codeId && b.UsedAt == null && b.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.RevokedAt, now), ct) == 1;

    public static BindingCodeState StateOf(DateTimeOffset? usedAt, DateTimeOffset? revokedAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        usedAt is not null ? BindingCodeState.Used
        : revokedAt is not null ? BindingCodeState.Revoked
        : expiresAt <= now ? BindingCodeState.Expired
        : BindingCodeState.Active;

    public static Task<bool> IsLinkedAsync(OwnerPortalDbContext db, int personId, int unitId, CancellationToken ct = default) =>
        db.UnitMemberships.AnyAsync(m => m.PersonId == personId && m.UnitId == unitId && m.RevokedAt == null, ct);
}
