using OwnerPortal.Core.Text;

namespace OwnerPortal.Core.Reports;

/// <summary>A report as rows: the page shows it, and the same rows download as CSV and XLSX.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    private IEnumerable<object?[]> WithHeader() => [[Title], [.. Columns], .. Rows];

    public byte[] ToCsv()
    {
        var csv = new CsvWriter();
        foreach (var row in WithHeader()) csv.Line([.. row.Select(v => Text(v) ?? "")]);
        return csv.ToUtf8Bytes();
    }

    public byte[] ToXlsx(string sheetName) => XlsxWriter.Write(sheetName, WithHeader());

    private static string? Text(object? value) => value switch
    {
        decimal d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };
}
