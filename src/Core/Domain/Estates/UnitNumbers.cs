using System.Text.RegularExpressions;

namespace OwnerPortal.Core.Domain.Estates;

public static partial class UnitNumbers
{
    /// <summary>Orders "3-2-1203" by its numbers, not its characters: 3-1-201 before 3-1-1001, building 9 before 10.</summary>
    public static string SortKey(string number) => Digits().Replace(number, m => m.Value.PadLeft(10, '0'));

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
