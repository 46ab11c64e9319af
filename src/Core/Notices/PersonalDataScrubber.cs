using System.Text.RegularExpressions;

namespace OwnerPortal.Core.Notices;

/// <summary>
/// Removes what identifies a person from staff-written text before it goes into a published notice: the names,
/// phone numbers, e-mail addresses and unit numbers known from the estate (every person linked to its units, not only
/// the month's reporters), and anything shaped like an e-mail address, a phone or a unit number. What it removed is
/// kept in <see cref="Removed"/>, so staff can check the draft before publishing.
/// </summary>
public sealed partial class PersonalDataScrubber(IEnumerable<string> knownValues)
{
    public const string Mask = "***";

    // Longest first, so "张三丰" is masked whole rather than leaving "丰" after "张三".
    private readonly string[] _known = knownValues.Where(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length >= 2)
        .Select(v => v.Trim()).Distinct().OrderByDescending(v => v.Length).ToArray();

    private readonly SortedSet<string> _removed = new(StringComparer.Ordinal);

    /// <summary>Everything masked so far by this scrubber, each once.</summary>
    public IReadOnlyCollection<string> Removed => _removed;

    public string Scrub(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // Addresses first: their local part may hold a name or digits that the later steps would only partly mask.
        var result = EmailLike().Replace(text, Remove);
        foreach (var value in _known)
        {
            if (result.Contains(value, StringComparison.OrdinalIgnoreCase)) _removed.Add(value);
            result = result.Replace(value, Mask, StringComparison.OrdinalIgnoreCase);
        }
        result = MobileLike().Replace(result, Remove);
        result = LandlineLike().Replace(result, Remove);
        result = PhoneLike().Replace(result, Remove);
        result = UnitLike().Replace(result, Remove);
        return result;
    }

    private string Remove(Match match)
    {
        _removed.Add(match.Value.Trim());
        return Mask;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailLike();

    /// <summary>Chinese mobiles: 1[3-9] and nine digits, spaces or dashes anywhere, with +86 / 0086 / (86) before.</summary>
    [GeneratedRegex(@"(?<!\d)(?:(?:\+|00)\s*86|\(\s*\+?86\s*\))?[\s-]*1[3-9](?:[\s-]*\d){9}(?!\d)")]
    private static partial Regex MobileLike();

    /// <summary>Landlines with an area code: 0755-12345678, (0755) 1234 5678, +86 755 1234 5678.</summary>
    [GeneratedRegex(@"(?:(?:\+|00)\s*86[\s-]*\(?0?|\(\s*0|(?<!\d)0)\d{2,3}\)?[\s-]*\d{3,4}[\s-]*\d{4}(?!\d)")]
    private static partial Regex LandlineLike();

    /// <summary>Seven or more digits, possibly split by spaces or dashes (mobile, landline, with area code).</summary>
    [GeneratedRegex(@"\+?\d[\d\s-]{5,}\d")]
    private static partial Regex PhoneLike();

    /// <summary>Unit numbers as written here: 3-2-1203, 3-1203, 3栋1203, 1203室, 3号楼2单元1203.</summary>
    [GeneratedRegex(@"\d+\s*-\s*\d+(\s*-\s*\d+)?|\d+\s*(栋|号楼|幢|座)\s*(\d+\s*单元)?\s*\d+\s*(室|号)?|\d{3,4}\s*(室|房|号房)")]
    private static partial Regex UnitLike();
}
