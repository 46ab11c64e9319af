using Npgsql;
using NpgsqlTypes;

namespace OwnerPortal.Core.Demo;

/// <summary>A fluent row writer over Npgsql's binary COPY, for bulk loads.</summary>
internal sealed class CopyWriter : IDisposable
{
    private readonly NpgsqlBinaryImporter _importer;
    private bool _completed;

    public CopyWriter(NpgsqlConnection conn, string table, string columns) =>
        _importer = conn.BeginBinaryImport($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)");

    public CopyWriter Row() { _importer.StartRow(); return this; }
    public CopyWriter Null() { _importer.WriteNull(); return this; }
    public CopyWriter Int(int? v) => v is { } x ? Put(x, NpgsqlDbType.Integer) : Null();
    public CopyWriter Long(long v) => Put(v, NpgsqlDbType.Bigint);
    public CopyWriter Bool(bool? v) => v is { } x ? Put(x, NpgsqlDbType.Boolean) : Null();
    public CopyWriter Double(double v) => Put(v, NpgsqlDbType.Double);
    public CopyWriter Dec(decimal? v) => v is { } x ? Put(x, NpgsqlDbType.Numeric) : Null();
    public CopyWriter Text(string? v) => v is null ? Null() : Put(v, NpgsqlDbType.Varchar);
    public CopyWriter Date(DateOnly v) => Put(v, NpgsqlDbType.Date);
    public CopyWriter Texts(IReadOnlyList<string> v) => Put(v.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
    public CopyWriter Ints(IReadOnlyList<int> v) => Put(v.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
    public CopyWriter Time(DateTimeOffset? v) => v is { } x ? Put(x.UtcDateTime, NpgsqlDbType.TimestampTz) : Null();

    private CopyWriter Put<T>(T value, NpgsqlDbType type) { _importer.Write(value, type); return this; }

    /// <summary>Commits the COPY and returns the rows written.</summary>
    public long Complete()
    {
        _completed = true;
        var rows = (long)_importer.Complete();
        _importer.Dispose();
        return rows;
    }

    public void Dispose()
    {
        if (!_completed) _importer.Dispose(); // not completed: the COPY is cancelled
    }
}
