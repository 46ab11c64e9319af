using OwnerPortal.Core.Text;

namespace OwnerPortal.UnitTests.Text;

public class CsvReaderTests
{
    private static List<CsvRecord> Read(string text, out int? unclosed)
    {
        var reader = new CsvReader(text);
        var records = reader.Records().ToList();
        unclosed = reader.UnclosedQuoteLine;
        return records;
    }

    [Theory]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\r\nc,d")]
    public void Records_end_in_crlf_lf_or_cr_and_the_last_line_break_is_optional(string text)
    {
        var records = Read(text, out var unclosed);
        Assert.Null(unclosed);
        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["c", "d"], records[1].Fields);
        Assert.Equal([1, 2], records.Select(r => r.Line));
    }

    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_lines_are_counted_through_them()
    {
        var records = Read("\"a, b\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",x\r\nlast,\"\"\r\n", out var unclosed);
        Assert.Null(unclosed);
        Assert.Equal(["a, b", "say \"hi\""], records[0].Fields);
        Assert.Equal(["two\r\nlines", "x"], records[1].Fields);
        Assert.Equal(["last", ""], records[2].Fields);
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void Blank_lines_are_records_of_one_empty_field_and_empty_fields_are_kept()
    {
        var records = Read("a,,c\r\n\r\n,\r\n", out _);
        Assert.Equal(["a", "", "c"], records[0].Fields);
        Assert.Equal([""], records[1].Fields);
        Assert.Equal(["", ""], records[2].Fields);
        Assert.Equal([1, 2, 3], records.Select(r => r.Line));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_text_and_text_after_a_closing_quote_is_kept()
    {
        var records = Read("5\"3,\"ab\"cd,e\n", out var unclosed);
        Assert.Null(unclosed);
        Assert.Equal(["5\"3", "abcd", "e"], records[0].Fields);
    }

    [Fact]
    public void A_quote_that_never_closes_is_reported_with_the_line_it_opened_on()
    {
        var records = Read("a,b\nc,\"open\nmore\nstill", out var unclosed);
        Assert.Equal(2, unclosed);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void Empty_text_has_no_records() => Assert.Empty(Read("", out _));
}
