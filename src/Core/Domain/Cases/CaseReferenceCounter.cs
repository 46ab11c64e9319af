using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;

namespace OwnerPortal.Core.Domain.Cases;

/// <summary>The last reference number handed out per estate and year.</summary>
public class CaseReferenceCounter
{
    public int EstateId { get; set; }
    public int Year { get; set; }
    public int LastNumber { get; set; }

    public static string Format(string estateCode, int year, int number) => $"{estateCode}-{year}-{number:D5}";

    /// <summary>Takes the next number atomically (safe across instances) and formats the reference.</summary>
    public static async Task<string> NextAsync(OwnerPortalDbContext db, int estateId, string estateCode, int year, CancellationToken ct = default)
    {
        var number = await db.Database.SqlQuery<int>($"""
            INSERT INTO case_reference_counters (estate_id, year, last_number) VALUES ({estateId}, {year}, 1)
            ON CONFLICT (estate_id, year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return Format(estateCode, year, number[0]);
    }
}
