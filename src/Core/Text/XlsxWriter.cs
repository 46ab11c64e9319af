using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace OwnerPortal.Core.Text;

/// <summary>A one-sheet .xlsx: numbers stay numbers (so a spreadsheet can sum them), everything else is text.</summary>
public static class XlsxWriter
{
    public static byte[] Write(string sheetName, IEnumerable<IEnumerable<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in rows)
            {
                var line = new Row();
                foreach (var value in row) line.AppendChild(CellOf(value));
                data.AppendChild(line);
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            // Excel refuses sheet names over 31 characters or with []:*?/\
            var name = new string(sheetName.Where(c => !"[]:*?/\\".Contains(c)).Take(31).ToArray());
            sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = name.Length == 0 ? "Sheet1" : name });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Cell CellOf(object? value) => value switch
    {
        null => new Cell(),
        int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)) },
        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value.ToString() ?? "")) },
    };
}
