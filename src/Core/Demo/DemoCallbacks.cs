using Npgsql;
using OwnerPortal.Core.Domain.Callbacks;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Demo;

/// <summary>
/// Demo callbacks (SPEC 3), so the due list is not empty on first look: each estate gets policy version 1 (002's
/// table), and the cases closed in the last <see cref="Days"/> days before the anchor get their decision by the real
/// sampling; callbacks whose window has ended were made by phone (mostly satisfied), the others are due. Deterministic:
/// the draws and ratings come from the case ids.
/// </summary>
internal static class DemoCallbacks
{
    public const int Days = 45;

    private sealed record Closed(long Id, int EstateId, CaseType Type, CaseChannel Channel, CaseLocation Location, CaseCategory? Category,
        bool IsUrgent, bool IsMajor, bool Dissatisfied, DateTimeOffset ClosedAt, int? StaffId, int? DepartmentId);

    public static async Task<(long Policies, long Rules, long Callbacks)> WriteAsync(NpgsqlConnection conn, WorkingCalendar calendar,
        DateTimeOffset anchor, CancellationToken ct)
    {
        var estates = new List<int>();
        await using (var cmd = new NpgsqlCommand("SELECT id FROM estates ORDER BY id", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) estates.Add(reader.GetInt32(0));

        var policies = new Dictionary<int, CallbackPolicy>();
        var policyIds = new Dictionary<int, long>();
        long rules = 0;
        foreach (var estate in estates)
        {
            var policy = CallbackPolicy.Create(estate, 1, CallbackPreset.Standard002, CallbackPresets.Rules(CallbackPreset.Standard002),
                anchor.AddMonths(-18), null, "system");
            await using var insert = new NpgsqlCommand(
                "INSERT INTO callback_policies (estate_id, version, based_on, created_at, created_by) VALUES (@e, 1, 0, @at, 'system') RETURNING id", conn);
            insert.Parameters.AddWithValue("e", estate);
            insert.Parameters.AddWithValue("at", policy.CreatedAt.UtcDateTime);
            policyIds[estate] = (long)(await insert.ExecuteScalarAsync(ct))!;
            policies[estate] = policy;
            using var w = new CopyWriter(conn, "callback_rules",
                "policy_id, kind, share_percent, from_amount, from_unit, until_amount, until_unit, by, excluded_category, first_call_within_hours");
            foreach (var r in policy.Rules)
                w.Row().Long(policyIds[estate]).Int((int)r.Kind).Int(r.SharePercent).Int(r.FromAmount).Int((int)r.FromUnit).Int(r.UntilAmount)
                    .Int((int)r.UntilUnit).Int((int)r.By).Int((int?)r.ExcludedCategory).Int(r.FirstCallWithinHours);
            rules += w.Complete();
        }

        var closed = new List<Closed>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT id, estate_id, type, channel, location, category, is_urgent, is_major,
                   reopen_count > 0 OR escalated_at IS NOT NULL OR verification_failures > 0, closed_at, assigned_staff_id, assigned_department_id
            FROM cases WHERE status = 7 AND NOT is_test AND closed_at > @from AND closed_at <= @to ORDER BY id
            """, conn))
        {
            cmd.Parameters.AddWithValue("from", anchor.AddDays(-Days).UtcDateTime);
            cmd.Parameters.AddWithValue("to", anchor.UtcDateTime);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                closed.Add(new Closed(reader.GetInt64(0), reader.GetInt32(1), (CaseType)reader.GetInt32(2), (CaseChannel)reader.GetInt32(3),
                    (CaseLocation)reader.GetInt32(4), reader.IsDBNull(5) ? null : (CaseCategory)reader.GetInt32(5), reader.GetBoolean(6),
                    reader.GetBoolean(7), reader.GetBoolean(8), new DateTimeOffset(reader.GetDateTime(9), TimeSpan.Zero),
                    reader.IsDBNull(10) ? null : reader.GetInt32(10), reader.IsDBNull(11) ? null : reader.GetInt32(11)));
        }

        var callers = new Dictionary<int, (int Id, string Name)>();
        await using (var cmd = new NpgsqlCommand("SELECT estate_id, id, full_name FROM staff WHERE email LIKE 'service.%' AND estate_id IS NOT NULL", conn))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) callers[reader.GetInt32(0)] = (reader.GetInt32(1), reader.GetString(2));

        using var writer = new CopyWriter(conn, "callbacks",
            "case_id, round, estate_id, kind, policy_id, policy_version, share_percent, draw, reason, by, status, completed_at, decided_at, " +
            "due_from, due_until, attempts, last_attempt_at, done_at, channel, outcome, quality, timeliness, attitude, overall, comments, " +
            "called_by_staff_id, called_by, handled_by_staff_id, handled_by_department_id");
        foreach (var c in closed)
        {
            var completed = new CompletedCase(c.Id, c.Type, c.Channel, c.Location, c.Category, c.IsUrgent, c.IsMajor, c.Dissatisfied, c.ClosedAt);
            if (CallbackSampling.Decide(completed, policies[c.EstateId], calendar) is not { } d) continue;
            // Made when the window has ended (by the middle of it); the others are still to do.
            var made = d.Selected && d.DueUntil < anchor;
            var at = d.DueFrom + (d.DueUntil - d.DueFrom) / 2;
            var status = !d.Selected ? CallbackStatus.NotSelected : made ? CallbackStatus.Done : CallbackStatus.Due;
            var overall = (int)(c.Id % 20) switch { 0 => 3, < 5 => 4, _ => 5 };
            var caller = callers.GetValueOrDefault(c.EstateId);
            writer.Row().Long(c.Id).Int(0).Int(c.EstateId).Int((int)d.Kind).Long(policyIds[c.EstateId]).Int(1).Int(d.SharePercent);
            writer.Double(d.Draw).Int((int)d.Reason).Int((int)d.By).Int((int)status).Time(c.ClosedAt).Time(c.ClosedAt).Time(d.DueFrom).Time(d.DueUntil);
            if (made)
                writer.Int(1).Time(at).Time(at).Int((int)CallbackChannel.Phone).Int((int)CallbackOutcome.Fixed).Int(overall).Int(Math.Max(3, overall - (int)(c.Id % 2)))
                    .Int(overall).Int(overall).Text(overall >= 5 ? "业主表示满意" : "业主基本满意").Int(caller.Id == 0 ? null : caller.Id).Text(caller.Name);
            else
                writer.Int(0).Time(null).Time(null).Int(null).Int(null).Int(null).Int(null).Int(null).Int(null).Text(null).Int(null).Text(null);
            writer.Int(c.StaffId).Int(c.DepartmentId);
        }
        return (estates.Count, rules, writer.Complete());
    }
}
