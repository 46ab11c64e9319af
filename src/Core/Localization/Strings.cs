using Microsoft.Extensions.Localization;

namespace OwnerPortal.Core.Localization;

/// <summary>
/// Marker for the one UI string table both sites share: Strings.resx holds zh-Hans (the default language),
/// Strings.en.resx English (docs/decisions/ADR-004).
/// </summary>
public sealed class Strings;

public static class StringLocalizerExtensions
{
    /// <summary>The display name of an enum value: key "TypeName.Value".</summary>
    public static string Enum<TEnum>(this IStringLocalizer localizer, TEnum value) where TEnum : struct, System.Enum =>
        localizer[$"{typeof(TEnum).Name}.{value}"];

    /// <summary>
    /// A case's status in the owner's words: the same short label on "my cases", the case page and the "already
    /// reported?" offer (Cases.Plain.* explains it on the case page). Staff pages keep the workflow's names (CaseStatus.*).
    /// </summary>
    public static string OwnerStatus(this IStringLocalizer localizer, OwnerPortal.Core.Domain.Cases.CaseStatus status) =>
        localizer[$"Owner.Status.{status}"];
}
