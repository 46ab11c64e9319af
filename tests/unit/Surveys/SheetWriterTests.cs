using System.IO.Compression;
using System.Text;
using OwnerPortal.Core.Text;

namespace OwnerPortal.UnitTests.Surveys;

public class SheetWriterTests
{
    private static readonly IReadOnlyList<object?>[] Rows =
    [
        ["项目", "满意率", null],
        ["供电, 供水", 0.875, 12],
        ["=HYPERLINK(\"x\")", -1, "say \"hi\"\nbye"],
    ];

    [Fact]
    public void Csv_is_utf8_with_bom_quoted_where_needed_and_never_a_formula()
    {
        var bytes = SheetWriters.Csv(Rows);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Equal("项目,满意率,\r\n\"供电, 供水\",0.875,12\r\n\"'=HYPERLINK(\"\"x\"\")\",-1,\"say \"\"hi\"\"\nbye\"\r\n", text);
    }

    [Fact]
    public void Xlsx_is_a_workbook_with_numbers_as_numbers_and_text_inline()
    {
        using var zip = new ZipArchive(new MemoryStream(SheetWriters.Xlsx("2026年7月: 结果/汇总", Rows)));
        Assert.Contains(zip.Entries, e => e.FullName == "[Content_Types].xml");
        using var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
        Assert.Contains("name=\"2026年7月 结果汇总\"", workbook.ReadToEnd());
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = sheet.ReadToEnd();
        Assert.Contains("<c r=\"B2\"><v>0.875</v></c>", xml);
        Assert.Contains("<c r=\"A1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">项目</t></is></c>", xml);
        Assert.Contains("say &quot;hi&quot;", xml);
        Assert.DoesNotContain("r=\"C1\"", xml); // empty cells are left out
        System.Xml.Linq.XDocument.Parse(xml);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Columns_are_lettered_like_spreadsheets(int index, string letters) => Assert.Equal(letters, SheetWriters.Column(index));
}
