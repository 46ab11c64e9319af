using System.Text;
using OwnerPortal.Core.Domain.Estates;

namespace OwnerPortal.UnitTests.Estates;

/// <summary>Reading and checking a unit import file (no database).</summary>
public class UnitImportTests
{
    private const string Header = "building,unit,floor,area_m2";

    private static UnitImportResult Read(string text) => UnitImport.Read(Encoding.UTF8.GetBytes(text));

    private static UnitImportError Single(UnitImportResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void A_good_file_gives_one_row_per_unit_with_its_file_row_number()
    {
        var result = Read($"{Header}\r\n3,3-2-1203,12,89.5\r\n3,3-2-1204,12,120\r\n4,4-1-101,1,66.05\r\n");
        Assert.True(result.IsValid);
        Assert.Equal(
        [
            new UnitImportRow(2, "3", "3-2-1203", 12, 89.5m),
            new UnitImportRow(3, "3", "3-2-1204", 12, 120m),
            new UnitImportRow(4, "4", "4-1-101", 1, 66.05m),
        ], result.Rows);
    }

    [Fact]
    public void The_template_is_a_valid_file_with_a_bom()
    {
        var template = UnitImport.Template();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), template[..3]);
        var result = UnitImport.Read(template);
        Assert.True(result.IsValid);
        Assert.Equal(2, result.Rows.Count);
        Assert.Contains(result.Rows, r => r.Building == "紫荆阁");
    }

    [Fact]
    public void A_utf8_bom_is_skipped_so_the_header_is_recognised()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(Encoding.UTF8.GetBytes($"{Header}\n1,1-1-101,1,50\n")).ToArray();
        var result = UnitImport.Read(bytes);
        Assert.True(result.IsValid);
        Assert.Equal("1", Assert.Single(result.Rows).Building);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Any_line_ending_works(string eol)
    {
        var result = Read($"{Header}{eol}1,1-1-101,1,50{eol}1,1-1-102,1,51{eol}");
        Assert.True(result.IsValid);
        Assert.Equal([2, 3], result.Rows.Select(r => r.Row));
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks()
    {
        var result = Read($"{Header}\r\n\"Tower A, East\",\"A-\"\"1\"\"-101\",\"1\",\"50.00\"\r\n\"two\r\nline\",B-1-101,1,50\r\nC,C-1-101,1,50\r\n");
        Assert.True(result.IsValid);
        Assert.Equal("Tower A, East", result.Rows[0].Building);
        Assert.Equal("A-\"1\"-101", result.Rows[0].Unit);
        Assert.Equal("two\r\nline", result.Rows[1].Building);
        Assert.Equal(5, result.Rows[2].Row); // the row after a two-line record keeps the spreadsheet's numbering
    }

    [Fact]
    public void Blank_lines_and_rows_of_empty_fields_are_skipped_but_still_counted()
    {
        var result = Read($"\r\n{Header}\r\n\r\n1,1-1-101,1,50\r\n,,,\r\n   \r\n1,1-1-102,x,50\r\n\r\n");
        var error = Single(result);
        Assert.Equal(new UnitImportError(7, "floor", UnitImportProblem.FloorInvalid, "x"), error);
        Assert.Equal(4, Assert.Single(result.Rows).Row);
    }

    [Fact]
    public void Chinese_building_names_are_kept_and_full_width_digits_and_dashes_are_made_ordinary()
    {
        var result = Read($"{Header}\n紫荆阁,紫荆阁-1-0501,5,120\n３号楼,３－２－１２０３,１２,８９．５\n");
        Assert.True(result.IsValid);
        Assert.Equal(new UnitImportRow(2, "紫荆阁", "紫荆阁-1-0501", 5, 120m), result.Rows[0]);
        Assert.Equal(new UnitImportRow(3, "3号楼", "3-2-1203", 12, 89.5m), result.Rows[1]);
    }

    [Fact]
    public void Spaces_around_fields_and_header_names_and_header_case_do_not_matter_nor_column_order()
    {
        var result = Read(" Area_M2 , UNIT ,Floor,building\n 89.5 , 3-2-1203 , 12 , 3 \n");
        Assert.True(result.IsValid);
        Assert.Equal(new UnitImportRow(2, "3", "3-2-1203", 12, 89.5m), Assert.Single(result.Rows));
    }

    [Fact]
    public void Trailing_empty_columns_from_a_spreadsheet_are_harmless()
    {
        var result = Read($"{Header},,\n1,1-1-101,1,50,,\n1,1-1-102,1,50\n");
        Assert.True(result.IsValid);
        Assert.Equal(2, result.Rows.Count);
    }

    [Theory]
    [InlineData(",1-1-101,1,50", "building")]
    [InlineData("1,,1,50", "unit")]
    [InlineData("1,1-1-101,,50", "floor")]
    [InlineData("1,1-1-101,1,  ", "area_m2")]
    public void Every_field_is_required(string row, string column) =>
        Assert.Equal(new UnitImportError(2, column, UnitImportProblem.Required), Single(Read($"{Header}\n{row}\n")));

    [Fact]
    public void Names_longer_than_the_database_allows_are_refused()
    {
        var longName = new string('楼', UnitImport.MaxNameLength + 1);
        var result = Read($"{Header}\n{longName},1-1-101,1,50\n1,{longName},1,50\n{new string('楼', UnitImport.MaxNameLength)},1-1-102,1,50\n");
        Assert.Equal(
        [
            new UnitImportError(2, "building", UnitImportProblem.TooLong, longName),
            new UnitImportError(3, "unit", UnitImportProblem.TooLong, longName),
        ], result.Errors);
        Assert.Single(result.Rows);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("3.5")]
    [InlineData("12F")]
    [InlineData("十二")]
    [InlineData("201")]
    [InlineData("99999999999")]
    public void A_floor_must_be_a_whole_number_from_1_to_200(string floor) =>
        Assert.Equal(new UnitImportError(2, "floor", UnitImportProblem.FloorInvalid, floor), Single(Read($"{Header}\n1,1-1-101,{floor},50\n")));

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("89,5")]
    [InlineData("1.234")]
    [InlineData("10000")]
    [InlineData("1e3")]
    public void An_area_must_be_a_positive_number_below_10000_with_at_most_two_decimals(string area)
    {
        var field = area.Contains(',') ? $"\"{area}\"" : area;
        Assert.Equal(new UnitImportError(2, "area_m2", UnitImportProblem.AreaInvalid, area), Single(Read($"{Header}\n1,1-1-101,1,{field}\n")));
    }

    [Theory]
    [InlineData("0.01", 0.01)]
    [InlineData("9999.99", 9999.99)]
    [InlineData("89.", 89)]
    [InlineData(".5", 0.5)]
    [InlineData("120.500", 120.5)]
    public void Areas_in_range_are_read_exactly(string area, double expected) =>
        Assert.Equal((decimal)expected, Assert.Single(Read($"{Header}\n1,1-1-101,1,{area}\n").Rows).AreaM2);

    [Fact]
    public void A_unit_number_twice_in_the_file_is_reported_on_each_repeat_with_the_first_row()
    {
        var result = Read($"{Header}\n1,1-1-101,1,50\n1,1-1-102,1,50\n1,1-1-101,1,50\n1, 1-1-101 ,1,50\n");
        Assert.Equal(
        [
            new UnitImportError(4, "unit", UnitImportProblem.DuplicateInFile, "1-1-101", 2),
            new UnitImportError(5, "unit", UnitImportProblem.DuplicateInFile, "1-1-101", 2),
        ], result.Errors);
    }

    [Fact]
    public void Units_the_estate_already_has_are_flagged_in_row_order()
    {
        var read = Read($"{Header}\n1,1-1-101,1,50\n1,1-1-102,x,50\n1,1-1-103,1,50\n");
        var result = UnitImport.FlagExisting(read, new HashSet<string> { "1-1-101", "1-1-103", "9-9-999" });
        Assert.Equal(
        [
            new UnitImportError(2, "unit", UnitImportProblem.AlreadyExists, "1-1-101"),
            new UnitImportError(3, "floor", UnitImportProblem.FloorInvalid, "x"),
            new UnitImportError(4, "unit", UnitImportProblem.AlreadyExists, "1-1-103"),
        ], result.Errors);
        Assert.Same(read, UnitImport.FlagExisting(read, new HashSet<string> { "other" }));
    }

    [Fact]
    public void Every_problem_of_a_row_is_reported_not_only_the_first()
    {
        var result = Read($"{Header}\n,1-1-101,0,-1\n");
        Assert.Equal(
        [
            new UnitImportError(2, "building", UnitImportProblem.Required),
            new UnitImportError(2, "floor", UnitImportProblem.FloorInvalid, "0"),
            new UnitImportError(2, "area_m2", UnitImportProblem.AreaInvalid, "-1"),
        ], result.Errors);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData("1,1-1-101,1", "3")]
    [InlineData("1,1-1-101,1,50,extra", "5")]
    public void A_row_with_too_few_or_too_many_fields_is_refused(string row, string count) =>
        Assert.Equal(new UnitImportError(2, null, UnitImportProblem.FieldCount, count), Single(Read($"{Header}\n{row}\n")));

    [Fact]
    public void A_file_without_the_header_row_is_refused_as_a_whole() =>
        Assert.Equal(new UnitImportError(1, null, UnitImportProblem.NoHeader), Single(Read("3,3-2-1203,12,89.5\n")));

    [Fact]
    public void Missing_unknown_and_repeated_columns_are_each_named()
    {
        var result = Read("building,unit,unit,storey\n1,1-1-101,1,50\n");
        Assert.Equal(
        [
            new UnitImportError(1, "unit", UnitImportProblem.DuplicateColumn, "unit"),
            new UnitImportError(1, null, UnitImportProblem.UnknownColumn, "storey"),
            new UnitImportError(1, "floor", UnitImportProblem.MissingColumn, "floor"),
            new UnitImportError(1, "area_m2", UnitImportProblem.MissingColumn, "area_m2"),
        ], result.Errors);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData(Header + "\r\n")]
    [InlineData(Header + "\r\n,,,\r\n")]
    public void A_file_without_unit_rows_is_refused(string text) =>
        Assert.Equal(UnitImportProblem.NoRows, Single(Read(text)).Problem);

    [Fact]
    public void A_quote_that_never_closes_is_reported_on_its_row()
    {
        var error = Single(Read($"{Header}\n1,1-1-101,1,50\n1,\"1-1-102,1,50\n1,1-1-103,1,50\n"));
        Assert.Equal(new UnitImportError(3, null, UnitImportProblem.UnclosedQuote), error);
    }

    [Fact]
    public void A_file_saved_as_gbk_is_refused_as_not_utf8()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes($"{Header}\n紫荆阁,紫荆阁-1-0501,5,120\n");
        Assert.Equal(new UnitImportError(0, null, UnitImportProblem.NotUtf8), Single(UnitImport.Read(gbk)));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_reading() =>
        Assert.Equal(UnitImportProblem.TooLarge, Single(UnitImport.Read(new byte[UnitImport.MaxBytes + 1])).Problem);

    [Fact]
    public void A_5000_row_file_is_read_and_a_single_bad_row_in_it_is_found()
    {
        var text = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < 5000; i++)
        {
            var (building, entrance, floor, flat) = (i / 200 + 1, i / 100 % 2 + 1, i % 100 / 4 + 1, i % 4 + 1);
            text.Append($"{building}号楼,{building}-{entrance}-{floor}{flat:D2},{floor},{60 + i % 90}.{i % 100:D2}\r\n");
        }
        var good = Read(text.ToString());
        Assert.True(good.IsValid, string.Join("; ", good.Errors.Take(3)));
        Assert.Equal(5000, good.Rows.Count);
        Assert.Equal(25, good.Rows.Select(r => r.Building).Distinct().Count());
        Assert.Equal(5001, good.Rows[^1].Row);

        var bad = Read(text.Append("25号楼,1-1-101,1,50\r\n").ToString());
        Assert.Equal(new UnitImportError(5002, "unit", UnitImportProblem.DuplicateInFile, "1-1-101", 2), Single(bad));
        Assert.Equal(5000, bad.Rows.Count);
    }
}
