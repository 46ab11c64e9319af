using System.Text;

namespace OwnerPortal.Core.Text;

/// <summary>RFC 4180 CSV with a UTF-8 byte-order mark, so Excel opens Chinese text correctly.</summary>
public static class CsvWriter
{
    public static byte[] Write(IEnumerable<IEnumerable<string?>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
            sb.Append(string.Join(',', row.Select(Field))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Field(string? value)
    {
        value ??= "";
        // A leading =, +, - or @ would run as a formula in a spreadsheet (CSV injection).
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
