using System.Text;

namespace OwnerPortal.Core.Text;

/// <summary>One CSV record and the line of the file it starts on (1-based, as a spreadsheet numbers its rows).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// A small RFC 4180 reader: comma-separated, fields optionally in double quotes ("" is a quote inside one), quoted
/// fields may hold commas and line breaks, records end in CRLF, LF or CR. It is lenient where spreadsheets are
/// sloppy (a quote inside an unquoted field is kept as text); the one thing it cannot recover from is a quoted
/// field that never closes, reported through <see cref="UnclosedQuoteLine"/>.
/// </summary>
public sealed class CsvReader
{
    private readonly string _text;
    private int _pos;
    private int _line = 1;

    public CsvReader(string text) => _text = text;

    /// <summary>The line a quoted field opened on and never closed; null while the text reads cleanly.</summary>
    public int? UnclosedQuoteLine { get; private set; }

    /// <summary>Every record, blank lines included (as a record of one empty field), in file order.</summary>
    public IEnumerable<CsvRecord> Records()
    {
        while (_pos < _text.Length)
        {
            var record = ReadRecord();
            yield return record;
            if (UnclosedQuoteLine is not null) yield break;
        }
    }

    private CsvRecord ReadRecord()
    {
        var start = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                fields.Add(field.ToString());
                return new CsvRecord(start, fields);
            }
            var c = _text[_pos];
            if (c == '"' && field.Length == 0)
            {
                ReadQuoted(field);
                if (UnclosedQuoteLine is not null)
                {
                    fields.Add(field.ToString());
                    return new CsvRecord(start, fields);
                }
                continue;
            }
            if (c == ',')
            {
                _pos++;
                fields.Add(field.ToString());
                field.Clear();
                continue;
            }
            if (c is '\r' or '\n')
            {
                _pos += c == '\r' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n' ? 2 : 1;
                _line++;
                fields.Add(field.ToString());
                return new CsvRecord(start, fields);
            }
            field.Append(c);
            _pos++;
        }
    }

    /// <summary>Reads "…" from the opening quote; text after the closing quote up to the next comma is kept as written.</summary>
    private void ReadQuoted(StringBuilder field)
    {
        var opened = _line;
        _pos++; // the opening quote
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                if (_pos + 1 < _text.Length && _text[_pos + 1] == '"')
                {
                    field.Append('"');
                    _pos += 2;
                    continue;
                }
                _pos++; // the closing quote
                return;
            }
            if (c == '\n' || (c == '\r' && !(_pos + 1 < _text.Length && _text[_pos + 1] == '\n'))) _line++;
            field.Append(c);
            _pos++;
        }
        UnclosedQuoteLine = opened;
    }
}

/// <summary>
/// Writes RFC 4180 CSV: fields quoted when they hold a comma, quote or line break, records ending in CRLF. A field
/// starting with = + - @ gets a leading apostrophe so a spreadsheet never runs it as a formula (CSV injection).
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    public CsvWriter Line(params string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) _text.Append(',');
            _text.Append(Field(fields[i]));
        }
        _text.Append("\r\n");
        return this;
    }

    public static string Field(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r') v = "'" + v;
        return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    public override string ToString() => _text.ToString();

    /// <summary>UTF-8 with a byte-order mark, so spreadsheets read the Chinese text.</summary>
    public byte[] ToUtf8Bytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];
}
