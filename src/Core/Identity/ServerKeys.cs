using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Identity;

/// <summary>
/// The OpenID Connect server's signing and encryption certificates, made once and kept in the database so that
/// tokens survive restarts and every instance of the Portal signs with the same key.
/// </summary>
public static class ServerKeys
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public static async Task<(X509Certificate2 Signing, X509Certificate2 Encryption)> LoadOrCreateAsync(string connectionString, TimeProvider clock)
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, connectionString);
        await using var db = new OwnerPortalDbContext(options.Options);
        return (await GetAsync(db, Signing, X509KeyUsageFlags.DigitalSignature, clock),
                await GetAsync(db, Encryption, X509KeyUsageFlags.KeyEncipherment, clock));
    }

    private static async Task<X509Certificate2> GetAsync(OwnerPortalDbContext db, string use, X509KeyUsageFlags usage, TimeProvider clock)
    {
        var stored = await db.ServerKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Use == use);
        if (stored is null)
        {
            var now = clock.GetUtcNow();
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest($"CN=OwnerPortal {use}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
            // Two instances starting together: the unique index on "use" lets one win; the other reads its key.
            await db.Database.ExecuteSqlAsync($"INSERT INTO server_keys (use, pfx, created_at) VALUES ({use}, {certificate.Export(X509ContentType.Pfx)}, {now}) ON CONFLICT (use) DO NOTHING");
            stored = await db.ServerKeys.AsNoTracking().SingleAsync(k => k.Use == use);
        }
        return X509CertificateLoader.LoadPkcs12(stored.Pfx, null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
