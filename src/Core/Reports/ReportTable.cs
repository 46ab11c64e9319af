using OwnerPortal.Core.Text;

namespace OwnerPortal.Core.Reports;

/// <summary>A report as rows: the page shows it, and the same rows download as CSV and XLSX.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    private IEnumerable<IReadOnlyList<object?>> WithHeader() => [[Title], [.. Columns], .. Rows];

    public byte[] ToCsv() => SheetWriters.Csv(WithHeader());

    public byte[] ToXlsx(string sheetName) => SheetWriters.Xlsx(sheetName, WithHeader());
}
