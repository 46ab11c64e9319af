using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OwnerPortal.Core.Mail;

public static class MailSetup
{
    /// <summary>Options from "Mail", the SMTP transport and (unless Mail:SenderEnabled is false) the outbox sender.</summary>
    public static IServiceCollection AddOwnerPortalMail(this IServiceCollection services, IConfiguration config)
    {
        var section = config.GetSection(MailOptions.Section);
        services.AddOptions<MailOptions>().Bind(section)
            .Validate(o => o.BatchSize > 0 && o.MaxAttempts > 0 && o.RetryBaseDelay > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero
                           && o.BodyRetention > TimeSpan.Zero,
                "Mail: BatchSize, MaxAttempts, RetryBaseDelay, PollInterval and BodyRetention must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        services.AddSingleton<OutboxSender>();
        if (section.GetValue(nameof(MailOptions.SenderEnabled), defaultValue: true))
            services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return services;
    }
}
