using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Reports;
using OwnerPortal.Core.Kpis;
using OwnerPortal.Core.Reports;
using OwnerPortal.Core.Text;

namespace OwnerPortal.UnitTests.Kpis;

public class ReportRuleTests
{
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly Period Month = new(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private static long _id;

    private static RepeatFlags.Row Complaint(DateTimeOffset at, int? unit, int? area = null, CaseCategory? category = CaseCategory.Facilities) =>
        new(++_id, $"HY-{_id}", CaseType.Complaint, at, unit, area, area is null ? CaseLocation.OwnUnit : CaseLocation.PublicArea, category);

    private static RepeatFlags.Row Repair(DateTimeOffset at, int unit, CaseCategory category = CaseCategory.Facilities) =>
        new(++_id, $"HY-{_id}", CaseType.RepairRequest, at, unit, null, CaseLocation.OwnUnit, category);

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_second_complaint_from_the_same_unit_within_90_days_is_flagged_with_the_earlier_one()
    {
        var earlier = Complaint(Day(8, 1), unit: 7, category: CaseCategory.Security);
        var repeat = Complaint(Day(10, 5), unit: 7, category: CaseCategory.Sanitation); // any category from the same unit
        var tooOld = Complaint(Day(6, 1), unit: 8);
        var afterTooOld = Complaint(Day(10, 6), unit: 8); // 127 days after: not a repeat
        var groups = RepeatFlags.Find([earlier, repeat, tooOld, afterTooOld], Month, October);
        var group = Assert.Single(groups);
        Assert.Equal(RepeatKind.RepeatComplaint, group.Kind);
        Assert.Equal("2026-10|unit:7", group.Key);
        Assert.Equal([earlier.Reference, repeat.Reference], group.Cases.Select(c => c.Reference));
    }

    [Fact]
    public void Complaints_about_the_same_public_area_count_only_in_the_same_category()
    {
        var lift1 = Complaint(Day(10, 2), unit: 1, area: 5, category: CaseCategory.Facilities);
        var lift2 = Complaint(Day(10, 20), unit: 2, area: 5, category: CaseCategory.Facilities);
        var cleaning = Complaint(Day(10, 21), unit: 3, area: 5, category: CaseCategory.Sanitation);
        var groups = RepeatFlags.Find([lift1, lift2, cleaning], Month, October);
        var group = Assert.Single(groups);
        Assert.Equal("2026-10|area:5:Facilities", group.Key);
        Assert.Equal(2, group.Cases.Count);
    }

    [Fact]
    public void A_repair_is_flagged_from_the_third_time_within_90_days()
    {
        var rows = new[] { Repair(Day(8, 20), 9), Repair(Day(9, 15), 9), Repair(Day(10, 3), 9), Repair(Day(10, 3), 10), Repair(Day(10, 4), 10) };
        var group = Assert.Single(RepeatFlags.Find(rows, Month, October));
        Assert.Equal(RepeatKind.RepeatRepair, group.Kind);
        Assert.Equal(3, group.Cases.Count);
        Assert.Empty(RepeatFlags.Find(rows.Take(2).ToArray(), Month, October));
    }

    [Fact]
    public void A_corrective_action_is_done_once_with_what_was_done_and_is_overdue_only_while_open()
    {
        var item = new Rectification { Problem = "电梯反复故障", Action = "更换控制板", ResponsibleName = "王工", DueOn = new DateOnly(2026, 11, 1) };
        Assert.True(item.IsOverdue(new DateOnly(2026, 11, 2)));
        Assert.Throws<ArgumentException>(() => item.Complete(" ", DateTimeOffset.UtcNow));
        item.Complete("控制板已更换，连续两周无故障", DateTimeOffset.UtcNow);
        Assert.False(item.IsOverdue(new DateOnly(2026, 11, 2)));
        Assert.Throws<InvalidOperationException>(() => item.Complete("again", DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Quarters_are_calendar_quarters_in_the_estate_zone()
    {
        var q = CaseStatistics.Quarter(new DateOnly(2026, 11, 1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), q.From);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero), q.Until);
    }

    [Fact]
    public void Report_tables_export_as_csv_and_as_xlsx_with_numbers_as_numbers()
    {
        var table = new ReportTable("投诉汇总", ["项目", "本月"], [["受理投诉", 12], ["=HYPERLINK(\"x\")", "a,b"]]);
        var csv = System.Text.Encoding.UTF8.GetString(table.ToCsv());
        Assert.StartsWith("\uFEFF投诉汇总\r\n项目,本月\r\n受理投诉,12\r\n", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\",\"a,b\"", csv); // no formula, quoted properly

        using var doc = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("2026-10")), false);
        var rows = doc.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        var number = rows[2].Elements<Cell>().ElementAt(1);
        Assert.True(number.DataType is null || number.DataType.Value == CellValues.Number); // no type = a number
        Assert.Equal("12", number.CellValue!.Text);
        Assert.Equal("受理投诉", rows[2].Elements<Cell>().First().InnerText);
        Assert.Equal("2026-10", doc.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
    }
}
