namespace OwnerPortal.Core;

/// <summary>Showing personal data only as far as a task needs it.</summary>
public static class PersonalData
{
    /// <summary>138****1234: enough to recognise a number in a list, not enough to call it.</summary>
    public static string MaskPhone(string phone)
    {
        var digits = phone.Trim();
        if (digits.Length < 8) return new string('*', digits.Length);
        return string.Concat(digits.AsSpan(0, 3), new string('*', digits.Length - 7), digits.AsSpan(digits.Length - 4));
    }
}
