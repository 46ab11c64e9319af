using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;

namespace OwnerPortal.Core.WorkOrders;

/// <summary>
/// Asks the owners of the case's unit to accept a paid repair's quote, by e-mail through the outbox (written in the
/// caller's transaction), with the items, the total and a link to the case page where they accept or decline.
/// </summary>
public sealed class WorkOrderMail(OwnerPortalDbContext db, IStringLocalizer<Strings> t, IConfiguration config)
{
    private string PortalUrl => (config["PortalUrl"] ?? "http://127.0.0.1:5080").TrimEnd('/');

    public async Task QuoteAwaitingAsync(Case c, WorkOrder order, DateTimeOffset now, CancellationToken ct = default)
    {
        // Everyone who may decide for the unit (OwnerCases.OfTheirUnits), with an account and an address.
        var recipients = await db.People.AsNoTracking()
            .Where(p => p.Email != null && p.UserId != null
                        && db.UnitMemberships.Any(m => m.PersonId == p.Id && m.RevokedAt == null && m.UnitId == c.UnitId))
            .Select(p => new { p.Email, p.FullName, p.Language }).ToListAsync(ct);
        if (recipients.Count == 0) return;

        var link = $"{PortalUrl}/Cases/Detail/{c.Id}";
        foreach (var r in recipients)
            OwnerLanguage.Write(r.Language, () =>
            {
                var lines = string.Join("\n", order.QuoteLines.Select(l =>
                        $"- {l.Item} × {l.Quantity.ToString("0.##", CultureInfo.InvariantCulture)} @ ¥{Yuan(l.UnitPrice)} = ¥{Yuan(l.Amount)}")
                    .Append($"- {t["WorkOrders.Labour"].Value} ¥{Yuan(order.QuoteLabour)}"));
                var subject = t["Mail.WorkOrder.Quote.Subject", c.Reference, Yuan(order.QuoteTotal)].Value;
                var body = t["Mail.WorkOrder.Quote.Body", r.FullName, c.Reference, order.Number, lines, Yuan(order.QuoteTotal), link].Value;
                Outbox.Enqueue(db, "workorder.quote", r.Email!, r.FullName, subject, body, MailHtml.FromText(body, link), now);
            });
    }

    public static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>Work order numbers, readable and running per estate and year (HY-WX-2026-0007).</summary>
public static class WorkOrderNumbers
{
    /// <summary>Takes the next number atomically (safe across instances) and formats it.</summary>
    public static async Task<string> NextAsync(OwnerPortalDbContext db, int estateId, int year, CancellationToken ct = default)
    {
        var code = await db.Estates.IgnoreQueryFilters().Where(e => e.Id == estateId).Select(e => e.Code).SingleAsync(ct);
        var number = await db.Database.SqlQuery<int>($"""
            INSERT INTO work_order_counters (estate_id, year, last_number) VALUES ({estateId}, {year}, 1)
            ON CONFLICT (estate_id, year) DO UPDATE SET last_number = work_order_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return WorkOrderCounter.Format(code, year, number[0]);
    }
}
