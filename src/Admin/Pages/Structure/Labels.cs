using Microsoft.Extensions.Localization;

namespace OwnerPortal.Admin.Pages.Structure;

public static class Labels
{
    /// <summary>"3" reads as 3栋 / Building 3; a named building (紫荆阁) keeps its name.</summary>
    public static string Building(IStringLocalizer t, string name) =>
        name.All(char.IsAsciiDigit) ? t["Admin.Structure.BuildingNumber", name] : name;
}
