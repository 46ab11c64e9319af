using Npgsql;
using OwnerPortal.Core.Identity;

namespace OwnerPortal.Portal.Benchmark;

/// <summary>
/// The yardstick for bench/submit.sh: what a case submit writes, with raw Npgsql and nothing else — the owner's
/// active unit and estate read, then in one transaction the estate's next reference number, the case, its first
/// timeline entry (the KPI rollup's dirty mark comes from the cases trigger, as for the real submit). No antiforgery,
/// no validation, no calendar (due times are fixed offsets). Mapped only when Benchmark:BareEndpoint is true.
/// </summary>
public static class BareCaseSubmit
{
    public static void MapBareCaseSubmit(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Benchmark:BareEndpoint", false)) return;
        var dataSource = NpgsqlDataSource.Create(app.Configuration.GetConnectionString("Default")!);
        app.Lifetime.ApplicationStopped.Register(dataSource.Dispose);
        app.MapPost("/bench/bare-submit", async (HttpContext http) =>
        {
            if (http.User.PersonIdOf() is not { } personId) return Results.Unauthorized();
            var form = await http.Request.ReadFormAsync();
            if (!Guid.TryParse(form["Input.IdempotencyKey"], out var key)) key = Guid.NewGuid();
            var description = form["Input.Description"].ToString();
            if (description.Length is 0 or > 2000) return Results.BadRequest();

            await using var conn = await dataSource.OpenConnectionAsync();
            await using var unit = new NpgsqlCommand("""
                SELECT u.id, u.estate_id, e.code, p.full_name, coalesce(p.phone, '') FROM people p
                JOIN unit_memberships m ON m.person_id = p.id AND m.unit_id = p.active_unit_id AND m.revoked_at IS NULL
                JOIN units u ON u.id = m.unit_id JOIN estates e ON e.id = u.estate_id WHERE p.id = @person
                """, conn);
            unit.Parameters.AddWithValue("person", personId);
            int unitId, estateId; string code, name, phone;
            await using (var r = await unit.ExecuteReaderAsync())
            {
                if (!await r.ReadAsync()) return Results.NotFound();
                (unitId, estateId, code, name, phone) = (r.GetInt32(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4));
            }

            // One statement, one transaction: the counter row is locked from this statement until its commit only.
            var now = DateTimeOffset.UtcNow;
            await using var insert = new NpgsqlCommand("""
                WITH n AS (
                  INSERT INTO case_reference_counters (estate_id, year, last_number) VALUES (@estate, @year, 1)
                  ON CONFLICT (estate_id, year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
                  RETURNING last_number),
                c AS (
                  INSERT INTO cases (estate_id, reference, type, channel, status, category, is_major, location, unit_id, description,
                    is_urgent, reporter_person_id, reporter_name, reporter_phone, idempotency_key, feedback_due_at, response_due_at,
                    escalation_due_at, next_due_at, received_at, reopen_count, verification_failures, is_test, created_at, updated_at)
                  SELECT @estate, @code || '-' || @year || '-' || lpad(n.last_number::text, 5, '0'), 1, 0, 0, 0, false, 0, @unit, @description,
                    false, @person, @name, @phone, @key, @now + interval '1 day', @now + interval '2 days',
                    @now + interval '3 days', @now + interval '1 day', @now, 0, 0, false, @now, @now FROM n
                  RETURNING id),
                e AS (
                  INSERT INTO case_events (case_id, at, kind, actor_kind, actor_name, actor_person_id, to_status, is_public)
                  SELECT c.id, @now, 0, 0, @name, @person, 0, true FROM c)
                SELECT id FROM c
                """, conn);
            insert.Parameters.AddWithValue("estate", estateId);
            insert.Parameters.AddWithValue("year", now.Year);
            insert.Parameters.AddWithValue("code", code);
            insert.Parameters.AddWithValue("unit", unitId);
            insert.Parameters.AddWithValue("description", description);
            insert.Parameters.AddWithValue("person", personId);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("phone", phone);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("now", now);
            var id = (long)(await insert.ExecuteScalarAsync())!;
            return Results.Redirect($"/Cases/Detail/{id}");
        }).RequireAuthorization(Policies.Owner).DisableAntiforgery();
    }
}
