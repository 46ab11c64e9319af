using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Mail;

/// <summary>
/// Mail bodies at rest. They carry live secrets (password-reset, e-mail-confirmation and signed callback links), so
/// the outbox table keeps them encrypted with Data Protection. Both sites write mail and both run the sender, so the
/// protector is not a site's own (the Portal and the Admin have different application names, whose protectors cannot
/// read each other's data): it is a Data Protection system of its own with one application name, on the same key
/// table both sites already keep in the database.
/// </summary>
public sealed class OutboxBodyProtector : IDisposable
{
    public const string ApplicationName = "OwnerPortal.Outbox";
    /// <summary>Marks a protected value, so rows written before protection (or by a bare context) are told apart.</summary>
    public const string Prefix = "dp1:";
    private readonly ServiceProvider _keys;
    private readonly IDataProtector _protector;

    public OutboxBodyProtector(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<OwnerPortalDbContext>(o => OwnerPortalDbContext.Configure(o, connectionString));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<OwnerPortalDbContext>();
        _keys = services.BuildServiceProvider();
        _protector = _keys.GetRequiredService<IDataProtectionProvider>().CreateProtector("OwnerPortal.Core.Mail.OutboxBody");
    }

    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public string? Protect(string? text) => string.IsNullOrEmpty(text) || IsProtected(text) ? text : Prefix + _protector.Protect(text);

    public string? Unprotect(string? stored) => IsProtected(stored) ? _protector.Unprotect(stored![Prefix.Length..]) : stored;

    public void Dispose() => _keys.Dispose();
}

/// <summary>
/// Protects outbox bodies as they are saved (<see cref="OutboxBodyMaterializer"/> unprotects them as messages are
/// loaded), so code and pages work with the text while the table holds only ciphertext. After SaveChanges a tracked
/// message holds the protected text; a projection of the body columns reads the stored form.
/// </summary>
public sealed class OutboxBodyInterceptor(OutboxBodyProtector protector) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Protect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Protect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Protect(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            var added = entry.State == EntityState.Added;
            var text = entry.Property(m => m.TextBody);
            if (added || text.IsModified) text.CurrentValue = protector.Protect(text.CurrentValue)!;
            var html = entry.Property(m => m.HtmlBody);
            if (added || html.IsModified) html.CurrentValue = protector.Protect(html.CurrentValue);
        }
    }

}

/// <summary>
/// Unprotects outbox bodies as messages are loaded. One instance for the process: EF keys its internal service
/// provider (and model) on materialization interceptors, so a per-site instance would rebuild both for every host.
/// The protector comes from the context's application services (registered by AddOwnerPortalCore).
/// </summary>
public sealed class OutboxBodyMaterializer : IMaterializationInterceptor
{
    public static readonly OutboxBodyMaterializer Instance = new();

    private OutboxBodyMaterializer() { }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is OutboxMessage message
            && (OutboxBodyProtector.IsProtected(message.TextBody) || OutboxBodyProtector.IsProtected(message.HtmlBody)))
        {
            var protector = materializationData.Context.GetService<OutboxBodyProtector>();
            message.TextBody = protector.Unprotect(message.TextBody)!;
            message.HtmlBody = protector.Unprotect(message.HtmlBody);
        }
        return entity;
    }
}

/// <summary>What staff see of a message: the links (which may carry a token or a signature) replaced.</summary>
public static partial class OutboxRedaction
{
    public static string Redact(string? body, string replacement) =>
        string.IsNullOrEmpty(body) ? "" : Link().Replace(body, replacement);

    /// <summary>An absolute link up to the next space, quote or tag, as in the text and HTML parts we write.</summary>
    [GeneratedRegex(@"(?i)\b(?:https?|ftp)://[^\s""'<>]+|\bwww\.[^\s""'<>]+")]
    private static partial Regex Link();
}
