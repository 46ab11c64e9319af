using System.Security.Cryptography;

namespace OwnerPortal.Core.Identity;

/// <summary>
/// Passwords an administrator hands over once (new staff account, reset): read aloud or typed from a note, so no
/// look-alike characters (0/o, 1/l/i) and no upper case. 12 characters from 31 give about 59 bits; the first sign-in
/// replaces it anyway.
/// </summary>
public static class OneTimePassword
{
    public const int Length = 12;
    public const string Letters = "abcdefghjkmnpqrstuvwxyz";
    public const string Digits = "23456789";
    private const string Alphabet = Letters + Digits;
    /// <summary>At least this many digits and this many letters, so it reads as a mix and meets any digit rule.</summary>
    public const int MinOfEach = 3;

    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        while (true)
        {
            // Rejection keeps every accepted password equally likely.
            for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            var digits = 0;
            foreach (var c in chars) if (char.IsAsciiDigit(c)) digits++;
            if (digits >= MinOfEach && Length - digits >= MinOfEach) return new string(chars);
        }
    }
}
