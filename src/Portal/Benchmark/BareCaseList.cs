using System.Net;
using System.Text;
using Npgsql;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Portal.Benchmark;

/// <summary>
/// The yardstick for bench/portal.sh: the owner's first 20 cases read with raw Npgsql and written as bare HTML,
/// no layout, no EF, a prepared statement (the same connection settings as the app's contexts, ConnectionTuning).
/// Mapped only when Benchmark:BareEndpoint is true.
/// </summary>
public static class BareCaseList
{
    public static void MapBareCaseList(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Benchmark:BareEndpoint", false)) return;
        var connectionString = OwnerPortal.Core.Data.ConnectionTuning.Apply(app.Configuration.GetConnectionString("Default")!);
        app.MapGet("/bench/bare-cases", async (HttpContext http) =>
        {
            var personId = http.User.PersonIdOf();
            if (personId is null) return Results.Unauthorized();
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                SELECT c.id, c.reference, c.type, c.status, c.description, c.received_at FROM (
                  SELECT c.* FROM cases c JOIN people p ON p.id = @person
                  WHERE c.unit_id = p.active_unit_id
                    AND EXISTS (SELECT 1 FROM unit_memberships m WHERE m.person_id = @person AND m.unit_id = p.active_unit_id AND m.revoked_at IS NULL)
                  UNION
                  SELECT c.* FROM cases c WHERE EXISTS (SELECT 1 FROM case_followers f WHERE f.person_id = @person AND f.case_id = c.id)) c
                WHERE NOT c.is_test ORDER BY c.received_at DESC, c.id DESC LIMIT 20
                """, conn);
            cmd.Parameters.AddWithValue("person", personId.Value);
            await cmd.PrepareAsync(); // once per physical connection: later opens find it prepared
            var html = new StringBuilder("<!DOCTYPE html><html><body><ul>");
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    html.Append("<li><a href=\"/Cases/Detail/").Append(reader.GetInt64(0)).Append("\">")
                        .Append(WebUtility.HtmlEncode(reader.GetString(1))).Append("</a> ").Append(reader.GetInt32(2)).Append(' ')
                        .Append(reader.GetInt32(3)).Append(' ').Append(WebUtility.HtmlEncode(reader.GetString(4))).Append(' ')
                        .Append(reader.GetDateTime(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append("</li>");
            html.Append("</ul></body></html>");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        }).RequireAuthorization(Policies.Owner);
    }
}
