using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OwnerPortal.Core.Localization;

namespace OwnerPortal.Tests;

/// <summary>The real string table, for Core services that take a localizer.</summary>
public static class TestStrings
{
    public static IStringLocalizer<Strings> Localizer { get; } =
        new StringLocalizer<Strings>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));
}
