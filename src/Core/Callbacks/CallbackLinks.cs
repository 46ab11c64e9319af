using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Callbacks;

namespace OwnerPortal.Core.Callbacks;

/// <summary>
/// Signed, time-limited links for answering a callback online: the case and round of the callback (known before the
/// save, so the invitation goes out in the same transaction), the one-tap answer (or none) and the expiry, with an HMAC-SHA256 over them. The Admin writes them (invitation mail) and the Portal checks them, so the key
/// is one both sites share: a random key kept in server_keys. Single use comes from the callback itself: once answered
/// it is no longer open, and a second answer is refused.
/// </summary>
public static class CallbackLinks
{
    public const string KeyUse = "callback-links";
    private const int MacBytes = 16;

    public static async Task<byte[]> KeyAsync(OwnerPortalDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var key = await db.ServerKeys.AsNoTracking().Where(k => k.Use == KeyUse).Select(k => k.Pfx).FirstOrDefaultAsync(ct);
        if (key is not null) return key;
        // Two requests at once: the unique index on "use" lets one win; the other reads its key.
        await db.Database.ExecuteSqlAsync($"INSERT INTO server_keys (use, pfx, created_at) VALUES ({KeyUse}, {RandomNumberGenerator.GetBytes(32)}, {now}) ON CONFLICT (use) DO NOTHING", ct);
        return await db.ServerKeys.AsNoTracking().Where(k => k.Use == KeyUse).Select(k => k.Pfx).SingleAsync(ct);
    }

    private const int PayloadBytes = 19;

    public static string Create(byte[] key, long caseId, int round, CallbackOutcome? outcome, DateTimeOffset expires)
    {
        var payload = new byte[PayloadBytes];
        BinaryPrimitives.WriteInt64BigEndian(payload, caseId);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(8), checked((ushort)round));
        payload[10] = outcome is { } o ? (byte)(o + 1) : (byte)0;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(11), expires.ToUnixTimeSeconds());
        return WebEncoders.Base64UrlEncode([.. payload, .. Mac(key, payload)]);
    }

    public sealed record Link(long CaseId, int Round, CallbackOutcome? Outcome);

    /// <summary>The link's content, or null when it was altered, made with another key, or has expired.</summary>
    public static Link? Read(byte[] key, string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); }
        catch (FormatException) { return null; }
        if (bytes.Length != PayloadBytes + MacBytes) return null;
        var payload = bytes.AsSpan(0, PayloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(Mac(key, payload.ToArray()), bytes.AsSpan(PayloadBytes))) return null;
        if (DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(payload[11..])) < now) return null;
        var outcome = payload[10] is var b and > 0 and <= 3 ? (CallbackOutcome?)(b - 1) : null;
        return new(BinaryPrimitives.ReadInt64BigEndian(payload), BinaryPrimitives.ReadUInt16BigEndian(payload[8..]), outcome);
    }

    private static byte[] Mac(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload)[..MacBytes];
}
