using System.Text.RegularExpressions;

namespace OwnerPortal.Core.Notices;

/// <summary>
/// Removes what identifies a person from staff-written text before it goes into a published notice: the names,
/// phone numbers and unit numbers known from the cases, and anything shaped like a phone or a unit number.
/// </summary>
public sealed partial class PersonalDataScrubber(IEnumerable<string> knownValues)
{
    public const string Mask = "***";

    // Longest first, so "张三丰" is masked whole rather than leaving "丰" after "张三".
    private readonly string[] _known = knownValues.Where(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length >= 2)
        .Select(v => v.Trim()).Distinct().OrderByDescending(v => v.Length).ToArray();

    public string Scrub(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var result = text;
        foreach (var value in _known)
            result = result.Replace(value, Mask, StringComparison.OrdinalIgnoreCase);
        result = PhoneLike().Replace(result, Mask);
        result = UnitLike().Replace(result, Mask);
        return result;
    }

    /// <summary>Seven or more digits, possibly split by spaces or dashes (mobile, landline, with area code).</summary>
    [GeneratedRegex(@"\+?\d[\d\s-]{5,}\d")]
    private static partial Regex PhoneLike();

    /// <summary>Unit numbers as written here: 3-2-1203, 3-1203, 3栋1203, 1203室, 3号楼2单元1203.</summary>
    [GeneratedRegex(@"\d+\s*-\s*\d+(\s*-\s*\d+)?|\d+\s*(栋|号楼|幢|座)\s*(\d+\s*单元)?\s*\d+\s*(室|号)?|\d{3,4}\s*(室|房|号房)")]
    private static partial Regex UnitLike();
}
