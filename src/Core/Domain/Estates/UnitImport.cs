using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Text;

namespace OwnerPortal.Core.Domain.Estates;

/// <summary>What is wrong with a row (or the whole file) of a unit import; shown as "UnitImportProblem.X".</summary>
public enum UnitImportProblem
{
    NotUtf8, TooLarge, NoHeader, MissingColumn, UnknownColumn, DuplicateColumn, NoRows, UnclosedQuote, FieldCount,
    Required, TooLong, FloorInvalid, AreaInvalid, DuplicateInFile, AlreadyExists, ChangedMeanwhile,
}

/// <summary>A valid row: one unit to create.</summary>
public sealed record UnitImportRow(int Row, string Building, string Unit, int Floor, decimal AreaM2);

/// <summary>
/// One problem: the file row (the header is row 1, blank lines count, as in a spreadsheet), the column it is in
/// (null for the whole row or file), the value as read, and for a duplicate the row it first appeared on.
/// </summary>
public sealed record UnitImportError(int Row, string? Column, UnitImportProblem Problem, string? Value = null, int? OtherRow = null);

public sealed record UnitImportResult(IReadOnlyList<UnitImportRow> Rows, IReadOnlyList<UnitImportError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>The outcome of an import: either every row went in, or nothing did and <see cref="Errors"/> says why.</summary>
public sealed record UnitImportOutcome(IReadOnlyList<UnitImportError> Errors, int Rows, int BuildingsCreated, int UnitsCreated)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Loading an estate's buildings and units from a CSV file (UTF-8, with or without BOM), all or nothing: every row
/// is checked first, and one bad row means nothing is imported.
/// </summary>
public static class UnitImport
{
    public const string BuildingColumn = "building";
    public const string UnitColumn = "unit";
    public const string FloorColumn = "floor";
    public const string AreaColumn = "area_m2";
    public static readonly string[] Columns = [BuildingColumn, UnitColumn, FloorColumn, AreaColumn];

    /// <summary>Larger files are refused before they are read.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;
    /// <summary>The database's limits for building names and unit numbers.</summary>
    public const int MaxNameLength = 40;
    public const int MaxFloor = 200;
    public const decimal MaxArea = 10_000m;

    /// <summary>A file to start from: the header and two example rows, with a BOM so Excel reads it as UTF-8.</summary>
    public static byte[] Template() =>
        Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
            $"{string.Join(',', Columns)}\r\n3,3-2-1203,12,89.50\r\n紫荆阁,紫荆阁-1-0501,5,120\r\n")).ToArray();

    /// <summary>Decodes the bytes as UTF-8 (a BOM is skipped; anything else, e.g. GBK, is refused) and reads them.</summary>
    public static UnitImportResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes) return Fail(0, UnitImportProblem.TooLarge);
        var preamble = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(preamble)) bytes = bytes[preamble.Length..];
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(0, UnitImportProblem.NotUtf8);
        }
        return Read(text);
    }

    /// <summary>
    /// Parses and checks every row: required fields, lengths, floor a whole number 1..<see cref="MaxFloor"/>, area a
    /// positive number below <see cref="MaxArea"/> with at most two decimals, no unit number twice in the file.
    /// Whether a unit already exists is the database's to say (<see cref="FlagExisting"/>).
    /// </summary>
    public static UnitImportResult Read(string text)
    {
        var reader = new CsvReader(text);
        var records = reader.Records().Where(r => !IsBlank(r)).ToList();
        if (reader.UnclosedQuoteLine is { } open) return Fail(open, UnitImportProblem.UnclosedQuote);
        if (records.Count == 0) return Fail(1, UnitImportProblem.NoRows);

        var header = records[0];
        var errors = new List<UnitImportError>();
        var index = ReadHeader(header, errors);
        if (errors.Count > 0) return new UnitImportResult([], errors);
        if (records.Count == 1) return Fail(header.Line, UnitImportProblem.NoRows);

        var rows = new List<UnitImportRow>(records.Count - 1);
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var fields = record.Fields;
            // Spreadsheets pad rows with trailing commas: empty extra fields are harmless, anything else is not.
            if (fields.Count < Columns.Length || fields.Skip(header.Fields.Count).Any(f => f.Trim().Length > 0))
            {
                errors.Add(new UnitImportError(record.Line, null, UnitImportProblem.FieldCount, fields.Count.ToString(CultureInfo.InvariantCulture)));
                continue;
            }
            string Field(string column) => Normalize(fields[index[column]]);
            var before = errors.Count;
            var building = Name(record.Line, BuildingColumn, Field(BuildingColumn), errors);
            var unit = Name(record.Line, UnitColumn, Field(UnitColumn), errors);
            var floor = ParseFloor(record.Line, Field(FloorColumn), errors);
            var area = ParseArea(record.Line, Field(AreaColumn), errors);
            if (unit is not null)
            {
                if (firstRowOf.TryGetValue(unit, out var first))
                    errors.Add(new UnitImportError(record.Line, UnitColumn, UnitImportProblem.DuplicateInFile, unit, first));
                else firstRowOf[unit] = record.Line;
            }
            if (errors.Count == before) rows.Add(new UnitImportRow(record.Line, building!, unit!, floor!.Value, area!.Value));
        }
        return new UnitImportResult(rows, errors);
    }

    /// <summary>Adds an error for every row whose unit number the estate already has.</summary>
    public static UnitImportResult FlagExisting(UnitImportResult result, IReadOnlySet<string> existingUnits)
    {
        var found = result.Rows.Where(r => existingUnits.Contains(r.Unit))
            .Select(r => new UnitImportError(r.Row, UnitColumn, UnitImportProblem.AlreadyExists, r.Unit)).ToList();
        if (found.Count == 0) return result;
        var errors = result.Errors.Concat(found).OrderBy(e => e.Row).ThenBy(e => e.Column is null ? -1 : Array.IndexOf(Columns, e.Column)).ToList();
        return new UnitImportResult(result.Rows, errors);
    }

    /// <summary>
    /// Reads the file and, if every row is good and no unit exists yet, creates the missing buildings and all units
    /// in one transaction. Otherwise nothing is written. The caller has checked the estate is in the user's scope.
    /// </summary>
    public static async Task<UnitImportOutcome> ImportAsync(OwnerPortalDbContext db, int estateId, byte[] file, CancellationToken ct = default)
    {
        var read = Read(file);
        if (!read.IsValid) return new UnitImportOutcome(read.Errors, 0, 0, 0);

        return await db.InTransactionAsync(async tx =>
        {
            var numbers = read.Rows.Select(r => r.Unit).ToList();
            var existing = await db.Units.Where(u => u.EstateId == estateId && numbers.Contains(u.Number)).Select(u => u.Number).ToListAsync(ct);
            var result = FlagExisting(read, existing.ToHashSet(StringComparer.Ordinal));
            if (!result.IsValid) return new UnitImportOutcome(result.Errors, 0, 0, 0);

            var buildings = await db.Buildings.Where(b => b.EstateId == estateId).ToDictionaryAsync(b => b.Name, StringComparer.Ordinal, ct);
            var created = 0;
            foreach (var group in result.Rows.GroupBy(r => r.Building, StringComparer.Ordinal))
            {
                var top = group.Max(r => r.Floor);
                if (!buildings.TryGetValue(group.Key, out var building))
                {
                    building = new Building { EstateId = estateId, Name = group.Key, Floors = top };
                    db.Buildings.Add(building);
                    buildings[group.Key] = building;
                    created++;
                }
                else building.Floors = Math.Max(building.Floors, top);
                foreach (var row in group)
                    building.Units.Add(new Unit { EstateId = estateId, Number = row.Unit, Floor = row.Floor, AreaM2 = row.AreaM2 });
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone added one of these units or buildings between our check and our insert: nothing was written.
                db.ChangeTracker.Clear();
                return new UnitImportOutcome([new UnitImportError(0, null, UnitImportProblem.ChangedMeanwhile)], 0, 0, 0);
            }
            return new UnitImportOutcome([], result.Rows.Count, created, result.Rows.Count);
        }, ct);
    }

    private static Dictionary<string, int> ReadHeader(CsvRecord header, List<UnitImportError> errors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = header.Fields.Select(f => Normalize(f).ToLowerInvariant()).ToList();
        if (!names.Any(Columns.Contains))
        {
            errors.Add(new UnitImportError(header.Line, null, UnitImportProblem.NoHeader));
            return index;
        }
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name.Length == 0 && i >= Columns.Length) continue; // a trailing comma
            if (!Columns.Contains(name)) errors.Add(new UnitImportError(header.Line, null, UnitImportProblem.UnknownColumn, header.Fields[i]));
            else if (!index.TryAdd(name, i)) errors.Add(new UnitImportError(header.Line, name, UnitImportProblem.DuplicateColumn, name));
        }
        foreach (var column in Columns.Where(c => !index.ContainsKey(c)))
            errors.Add(new UnitImportError(header.Line, column, UnitImportProblem.MissingColumn, column));
        return index;
    }

    private static string? Name(int row, string column, string value, List<UnitImportError> errors)
    {
        if (value.Length == 0) errors.Add(new UnitImportError(row, column, UnitImportProblem.Required));
        else if (value.Length > MaxNameLength) errors.Add(new UnitImportError(row, column, UnitImportProblem.TooLong, value));
        else return value;
        return null;
    }

    private static int? ParseFloor(int row, string value, List<UnitImportError> errors)
    {
        if (value.Length == 0) errors.Add(new UnitImportError(row, FloorColumn, UnitImportProblem.Required));
        else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var floor) && floor is >= 1 and <= MaxFloor) return floor;
        else errors.Add(new UnitImportError(row, FloorColumn, UnitImportProblem.FloorInvalid, value));
        return null;
    }

    private static decimal? ParseArea(int row, string value, List<UnitImportError> errors)
    {
        if (value.Length == 0) errors.Add(new UnitImportError(row, AreaColumn, UnitImportProblem.Required));
        else if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var area)
                 && area > 0 && area < MaxArea && decimal.Round(area, 2) == area) return area;
        else errors.Add(new UnitImportError(row, AreaColumn, UnitImportProblem.AreaInvalid, value));
        return null;
    }

    /// <summary>Full-width digits, letters and dashes typed with a Chinese input method become ordinary ones (NFKC).</summary>
    private static string Normalize(string field) => field.Normalize(NormalizationForm.FormKC).Trim();

    private static bool IsBlank(CsvRecord record) => record.Fields.All(f => string.IsNullOrWhiteSpace(f));

    private static UnitImportResult Fail(int row, UnitImportProblem problem) => new([], [new UnitImportError(row, null, problem)]);
}
