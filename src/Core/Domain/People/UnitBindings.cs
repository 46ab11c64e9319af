using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.People;

public enum BindResult { Bound, InvalidCode, AlreadyLinked }

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

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Claim the code; of two people typing it at once only one wins.
        var claimed = await db.BindingCodes.Where(b => b.Id == found.Id && b.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.UsedAt, now).SetProperty(b => b.UsedByPersonId, personId), ct);
        if (claimed == 0) return (BindResult.InvalidCode, null);
        await LinkAsync(db, personId, found.UnitId, relation, now, ct);
        await tx.CommitAsync(ct);
        return (BindResult.Bound, found.UnitId);
    }

    /// <summary>Adds an active link and makes the unit active for a person who had none. Saves.</summary>
    public static async Task LinkAsync(OwnerPortalDbContext db, int personId, int unitId, UnitRelation relation, DateTimeOffset now, CancellationToken ct = default)
    {
        db.UnitMemberships.Add(new UnitMembership { PersonId = personId, UnitId = unitId, Relation = relation, Since = now });
        var person = await db.People.SingleAsync(p => p.Id == personId, ct);
        person.ActiveUnitId ??= unitId;
        await db.SaveChangesAsync(ct);
    }

    public static Task<bool> IsLinkedAsync(OwnerPortalDbContext db, int personId, int unitId, CancellationToken ct = default) =>
        db.UnitMemberships.AnyAsync(m => m.PersonId == personId && m.UnitId == unitId && m.RevokedAt == null, ct);
}
