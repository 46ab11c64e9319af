using OwnerPortal.Core.Domain.Reports;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.Surveys;
using OwnerPortal.Core.Time;

namespace OwnerPortal.Core.Demo;

/// <summary>How much data to make. The defaults are the demo; the same generator makes the scale data.</summary>
public sealed record DemoScale
{
    /// <summary>Number of estates. With 3 or fewer, the named demo estates are used (one over 100,000 m2).</summary>
    public int Estates { get; init; } = 3;
    /// <summary>Units per estate; null = about 1,500 in all, shared by floor area.</summary>
    public int? UnitsPerEstate { get; init; }
    public int Cases { get; init; } = 4000;
    public int Months { get; init; } = 18;
    public int Seed { get; init; } = 20261123;
    /// <summary>"Now" for the generated history; the same seed and anchor give the same rows.</summary>
    public DateTimeOffset Anchor { get; init; } = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
}

public sealed record LoadReport(bool AlreadyLoaded, long Rows, TimeSpan Elapsed, IReadOnlyDictionary<string, long> RowsPerTable)
{
    public double RowsPerSecond => Elapsed.TotalSeconds > 0 ? Rows / Elapsed.TotalSeconds : 0;
}

/// <summary>
/// Deterministic demo and scale data, bulk-loaded with PostgreSQL binary COPY in one transaction.
/// Loads only into an empty database, so running it again never duplicates.
/// Case histories follow SPEC 2: feedback and response times, plans and deadlines (some missed),
/// verification (some failed once), closure, reopening, escalation after 7 days, major complaints.
/// </summary>
public sealed class DemoDataGenerator(DemoScale scale, TextWriter? progress = null)
{
    private const string CompanyName = "华信物业服务有限公司";
    private readonly Dictionary<string, long> _counts = [];

    public async Task<LoadReport> LoadAsync(string connectionString, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One loader at a time; the second finds the data there and stops.
        await Exec(conn, "SELECT pg_advisory_xact_lock(727001)", ct);
        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM estates)", conn))
        {
            if ((bool)(await check.ExecuteScalarAsync(ct))!)
                return new LoadReport(true, 0, clock.Elapsed, _counts);
        }

        // Scale loads: skip per-row foreign-key triggers (the rows are consistent by construction, and the
        // demo-size tests check it), build the case indexes once at the end, and let COPY into freshly
        // truncated tables skip the WAL (with wal_level=minimal, as scripts/pg.sh starts the cluster).
        var bulk = scale.Cases >= BulkThreshold;
        List<string> indexes = [];
        if (bulk)
        {
            await Exec(conn, "SET LOCAL session_replication_role = replica", ct);
            // CASCADE: the tables that reference cases (work orders, callbacks, ...) are empty too without estates.
            await Exec(conn, "TRUNCATE cases, case_events, case_attachments, case_followers, case_reference_counters, hotline_tickets CASCADE", ct);
            indexes = await DropSecondaryIndexes(conn, ["cases", "case_events"], ct);
        }

        var settings = new CompanySettings { Name = CompanyName };
        var holidays = ChinaHolidays();
        var calendar = WorkingCalendar.For(settings.TimeZone, holidays);
        await WriteSettings(conn, settings, holidays, ct);

        var estates = PlanEstates();
        await WriteEstates(conn, estates, ct);
        var units = await WriteBuildingsAndUnits(conn, estates, ct);
        await WritePlaces(conn, estates, ct);
        var owners = await WritePeople(conn, estates, units, ct);
        var staff = await WriteStaff(conn, estates, ct);
        await WriteDemoAccounts(conn, ct);
        await WriteCases(conn, estates, units, owners, staff, settings, calendar, ct);
        await WriteHotlineDesk(conn, ct);
        await WriteCallbacks(conn, calendar, ct);
        WriteSurveys(conn, estates, owners.OwnerId, staff, settings);

        if (bulk)
        {
            await Exec(conn, "SET LOCAL max_parallel_maintenance_workers = 2", ct);
            foreach (var definition in indexes)
            {
                Report($"index: {definition[..Math.Min(definition.Length, 90)]}");
                await Exec(conn, definition, ct);
            }
        }
        foreach (var table in new[] { "estates", "buildings", "units", "public_areas", "departments", "people", "unit_memberships", "committee_memberships", "staff", "cases", "case_events",
                                     "survey_rounds", "survey_participations", "survey_questions", "survey_responses", "survey_answers",
                                     "survey_publications", "rectification_items" })
            await Exec(conn, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT max(id) FROM {table}), 1))", ct);
        if (!bulk) await WriteWorkOrders(conn, ct);
        if (!bulk) Count("notices", await DemoNotices.WriteAsync(conn, tx, scale.Anchor, ct));
        await tx.CommitAsync(ct);
        Report("analyze…");
        await Exec(conn, "ANALYZE", ct);
        return new LoadReport(false, _counts.Values.Sum(), clock.Elapsed, _counts);
    }

    private const int BulkThreshold = 100_000;

    /// <summary>Drops every index of the tables but their primary keys; returns the statements that recreate them.</summary>
    private static async Task<List<string>> DropSecondaryIndexes(NpgsqlConnection conn, string[] tables, CancellationToken ct)
    {
        var definitions = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.contype = 'p')
            """, conn))
        {
            cmd.Parameters.AddWithValue("tables", tables);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) definitions.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in definitions) await Exec(conn, $"DROP INDEX \"{name}\"", ct);
        return definitions.Select(d => d.Definition).ToList();
    }

    // ---- plan -------------------------------------------------------------------------------------

    private sealed record EstatePlan(int Id, string Code, string Name, string Address, decimal Area, int Units, int Cases)
    {
        public int FirstUnitId { get; set; }
        public int[] PublicAreaIds { get; set; } = [];
        public string[] PublicAreaNames { get; set; } = [];
        public Dictionary<DepartmentKind, int> DepartmentIds { get; } = [];
    }

    private List<EstatePlan> PlanEstates()
    {
        var r = new Random(scale.Seed);
        var plans = new List<(string Code, string Name, string Address, decimal Area)>();
        if (scale.Estates <= DemoText.DemoEstates.Length)
            plans.AddRange(DemoText.DemoEstates.Take(scale.Estates));
        else
            for (var i = 1; i <= scale.Estates; i++)
                plans.Add(($"E{i:D4}", $"{"景翠华碧金御锦康"[r.Next(8)]}{"园苑城庭府湾"[r.Next(6)]}{i}期", $"示例市示例区第 {i} 路 {r.Next(1, 999)} 号", r.Next(30, 260) * 1000m));

        var totalArea = plans.Sum(p => p.Area);
        var unitCounts = plans.Select(p => scale.UnitsPerEstate ?? (int)Math.Round(1500 * p.Area / totalArea)).ToArray();
        var totalUnits = unitCounts.Sum();
        var result = new List<EstatePlan>();
        long casesGiven = 0;
        for (var i = 0; i < plans.Count; i++)
        {
            var cases = i == plans.Count - 1 ? scale.Cases - casesGiven : (long)scale.Cases * unitCounts[i] / totalUnits;
            casesGiven += cases;
            var p = plans[i];
            result.Add(new EstatePlan(i + 1, p.Code, p.Name, p.Address, p.Area, unitCounts[i], (int)cases));
        }
        return result;
    }

    // ---- reference data ---------------------------------------------------------------------------

    private static async Task WriteSettings(NpgsqlConnection conn, CompanySettings s, List<CalendarDay> days, CancellationToken ct)
    {
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO company_settings (id, name, time_zone, feedback_hours, response_working_days, escalation_days,
              major_report_working_days, major_compensation_threshold, created_at, updated_at, created_by, updated_by)
            VALUES (@id, @name, @tz, @fh, @rwd, @ed, @mrwd, @mct, now(), now(), 'demo', 'demo')
            """, conn))
        {
            cmd.Parameters.AddWithValue("id", s.Id);
            cmd.Parameters.AddWithValue("name", s.Name);
            cmd.Parameters.AddWithValue("tz", s.TimeZone);
            cmd.Parameters.AddWithValue("fh", s.FeedbackHours);
            cmd.Parameters.AddWithValue("rwd", s.ResponseWorkingDays);
            cmd.Parameters.AddWithValue("ed", s.EscalationDays);
            cmd.Parameters.AddWithValue("mrwd", s.MajorReportWorkingDays);
            cmd.Parameters.AddWithValue("mct", s.MajorCompensationThreshold);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using var copy = await conn.BeginBinaryImportAsync("COPY calendar_days (date, name, is_working_day) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var d in days)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(d.Date, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(d.Name, NpgsqlDbType.Varchar, ct);
            await copy.WriteAsync(d.IsWorkingDay, NpgsqlDbType.Boolean, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Mainland public holidays and make-up working days (调休) for the demo years.</summary>
    public static List<CalendarDay> ChinaHolidays()
    {
        var days = new List<CalendarDay>();
        void Off(string name, int y, int m, int d, int count)
        {
            for (var i = 0; i < count; i++) days.Add(new CalendarDay { Date = new DateOnly(y, m, d).AddDays(i), Name = name });
        }
        void Work(string name, int y, int m, int d) => days.Add(new CalendarDay { Date = new DateOnly(y, m, d), Name = name + "调休上班", IsWorkingDay = true });
        Off("元旦", 2025, 1, 1, 1);
        Off("春节", 2025, 1, 28, 8); Work("春节", 2025, 1, 26); Work("春节", 2025, 2, 8);
        Off("清明节", 2025, 4, 4, 3);
        Off("劳动节", 2025, 5, 1, 5); Work("劳动节", 2025, 4, 27);
        Off("端午节", 2025, 5, 31, 3);
        Off("国庆节、中秋节", 2025, 10, 1, 8); Work("国庆节", 2025, 9, 28); Work("国庆节", 2025, 10, 11);
        Off("元旦", 2026, 1, 1, 3); Work("元旦", 2026, 1, 4);
        Off("春节", 2026, 2, 15, 9); Work("春节", 2026, 2, 14); Work("春节", 2026, 2, 28);
        Off("清明节", 2026, 4, 4, 3);
        Off("劳动节", 2026, 5, 1, 5); Work("劳动节", 2026, 5, 9);
        Off("端午节", 2026, 6, 19, 3);
        Off("中秋节", 2026, 9, 25, 3);
        Off("国庆节", 2026, 10, 1, 7); Work("国庆节", 2026, 9, 20); Work("国庆节", 2026, 10, 10);
        Off("元旦", 2027, 1, 1, 1);
        return days;
    }

    private async Task WriteEstates(NpgsqlConnection conn, List<EstatePlan> estates, CancellationToken ct)
    {
        var r = new Random(scale.Seed + 1);
        using var w = new CopyWriter(conn, "estates", "id, code, name, address, floor_area_m2, office_phone, office_hours, time_zone, created_at, updated_at, created_by, updated_by");
        foreach (var e in estates)
        {
            w.Row().Int(e.Id).Text(e.Code).Text(e.Name).Text(e.Address).Dec(e.Area)
             .Text($"0755-{r.Next(2000_0000, 8999_9999)}").Text("周一至周日 08:30-18:00").Null()
             .Time(scale.Anchor).Time(scale.Anchor).Text("demo").Text("demo");
        }
        Count("estates", w.Complete());
        await Task.CompletedTask;
    }

    /// <summary>Buildings of two entrances and two flats per floor; unit numbers like 3-2-1203.</summary>
    private async Task<int> WriteBuildingsAndUnits(NpgsqlConnection conn, List<EstatePlan> estates, CancellationToken ct)
    {
        var r = new Random(scale.Seed + 2);
        var buildings = new List<(int Id, int EstateId, int Number, int Floors)>();
        foreach (var e in estates)
            for (int b = 1, planned = 0; planned < e.Units; b++)
            {
                var floors = r.Next(11, 34);
                buildings.Add((buildings.Count + 1, e.Id, b, floors));
                planned += floors * 4;
            }
        using (var w = new CopyWriter(conn, "buildings", "id, estate_id, name, floors"))
        {
            foreach (var (id, estateId, number, floors) in buildings)
                w.Row().Int(id).Int(estateId).Text(number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Int(floors);
            Count("buildings", w.Complete());
        }
        var unitId = 0;
        using (var w = new CopyWriter(conn, "units", "id, estate_id, building_id, number, floor, area_m2"))
        {
            foreach (var e in estates)
            {
                e.FirstUnitId = unitId + 1;
                var made = 0;
                foreach (var (buildingId, _, number, floors) in buildings.Where(b => b.EstateId == e.Id))
                    for (var entrance = 1; entrance <= 2; entrance++)
                        for (var floor = 1; floor <= floors; floor++)
                            for (var flat = 1; flat <= 2 && made < e.Units; flat++, made++)
                                w.Row().Int(++unitId).Int(e.Id).Int(buildingId).Text($"{number}-{entrance}-{floor}{flat:D2}")
                                 .Int(floor).Dec(r.Next(60, 180) + r.Next(0, 100) / 100m);
            }
            Count("units", w.Complete());
        }
        await Task.CompletedTask;
        return unitId;
    }

    private async Task WritePlaces(NpgsqlConnection conn, List<EstatePlan> estates, CancellationToken ct)
    {
        using (var w = new CopyWriter(conn, "public_areas", "id, estate_id, kind, name"))
        {
            var id = 0;
            foreach (var e in estates)
            {
                e.PublicAreaIds = new int[DemoText.PublicAreas.Length];
                e.PublicAreaNames = new string[DemoText.PublicAreas.Length];
                for (var i = 0; i < DemoText.PublicAreas.Length; i++)
                {
                    var (kind, name) = DemoText.PublicAreas[i];
                    e.PublicAreaIds[i] = ++id; e.PublicAreaNames[i] = name;
                    w.Row().Int(id).Int(e.Id).Int((int)kind).Text(name);
                }
            }
            Count("public_areas", w.Complete());
        }
        using (var w = new CopyWriter(conn, "departments", "id, estate_id, kind, name"))
        {
            var id = 0;
            foreach (var e in estates)
                foreach (var (kind, name) in DemoText.Departments)
                {
                    e.DepartmentIds[kind] = ++id;
                    w.Row().Int(id).Int(e.Id).Int((int)kind).Text(name);
                }
            Count("departments", w.Complete());
        }
        await Task.CompletedTask;
    }

    /// <summary>Everyone linked to a unit: an owner for every unit, some co-owners, family and tenants.</summary>
    private async Task<(int[] OwnerId, string[] Name, string[] Phone)> WritePeople(NpgsqlConnection conn, List<EstatePlan> estates, int unitCount, CancellationToken ct)
    {
        var r = new Random(scale.Seed + 3);
        var ownerOfUnit = new int[unitCount + 1];
        var names = new List<string> { "" };
        var phones = new List<string> { "" };
        var links = new List<(int Person, int Unit, UnitRelation Relation)>();
        using (var w = new CopyWriter(conn, "people", "id, full_name, phone, email, user_id, created_at, updated_at, created_by, updated_by"))
        {
            var personId = 0;
            int Add(int unit, UnitRelation relation)
            {
                var name = DemoText.PersonName(r); var phone = DemoText.Phone(r);
                w.Row().Int(++personId).Text(name).Text(phone).Null().Null().Time(scale.Anchor).Time(scale.Anchor).Text("demo").Text("demo");
                names.Add(name); phones.Add(phone);
                links.Add((personId, unit, relation));
                return personId;
            }
            for (var unit = 1; unit <= unitCount; unit++)
            {
                ownerOfUnit[unit] = Add(unit, UnitRelation.Owner);
                var roll = r.NextDouble();
                if (roll < 0.15) Add(unit, UnitRelation.CoOwner);
                else if (roll < 0.25) Add(unit, UnitRelation.Family);
                if (r.NextDouble() < 0.10) Add(unit, UnitRelation.Resident);
            }
            Count("people", w.Complete());
        }
        using (var w = new CopyWriter(conn, "unit_memberships", "id, person_id, unit_id, relation, since, revoked_at"))
        {
            var id = 0;
            foreach (var (person, unit, relation) in links)
                w.Row().Int(++id).Int(person).Int(unit).Int((int)relation).Time(scale.Anchor.AddDays(-r.Next(400, 3000))).Null();
            Count("unit_memberships", w.Complete());
        }
        using (var w = new CopyWriter(conn, "committee_memberships", "id, person_id, estate_id, \"from\", until"))
        {
            var id = 0;
            foreach (var e in estates)
                for (var i = 0; i < Math.Min(5, e.Units); i++)
                    w.Row().Int(++id).Int(ownerOfUnit[e.FirstUnitId + i * Math.Max(1, e.Units / 5)]).Int(e.Id)
                     .Date(DateOnly.FromDateTime(scale.Anchor.AddYears(-1).Date)).Null();
            Count("committee_memberships", w.Complete());
        }
        await Task.CompletedTask;
        return (ownerOfUnit, names.ToArray(), phones.ToArray());
    }

    

    private sealed class EstateStaff
    {
        public required DemoStaff[] Dispatchers { get; init; }
        public required Dictionary<DepartmentKind, DemoStaff> Supervisors { get; init; }
        public required DemoStaff Manager { get; init; }
    }

    /// <summary>Per estate: two dispatchers, a supervisor per department, the manager; company: quality office, leadership, admin.</summary>
    private async Task<Dictionary<int, EstateStaff>> WriteStaff(NpgsqlConnection conn, List<EstatePlan> estates, CancellationToken ct)
    {
        var r = new Random(scale.Seed + 4);
        var result = new Dictionary<int, EstateStaff>();
        using var w = new CopyWriter(conn, "staff", "id, full_name, email, phone, role, estate_id, department_id, user_id, is_active, created_at, updated_at, created_by, updated_by");
        var id = 0;
        DemoStaff Add(string login, StaffRole role, int? estate, int? department)
        {
            var name = DemoText.PersonName(r);
            w.Row().Int(++id).Text(name).Text($"{login}@demo.ownerportal.cn").Text(DemoText.Phone(r)).Int((int)role)
             .Int(estate).Int(department).Null().Bool(true).Time(scale.Anchor).Time(scale.Anchor).Text("demo").Text("demo");
            return new DemoStaff(id, name);
        }
        Add("admin", StaffRole.SystemAdmin, null, null);
        Add("leader", StaffRole.Leadership, null, null);
        Add("quality", StaffRole.QualityOffice, null, null);
        Add("hotline", StaffRole.QualityOffice, null, null);
        foreach (var e in estates)
        {
            var code = e.Code.ToLowerInvariant();
            var service = e.DepartmentIds[DepartmentKind.CustomerService];
            result[e.Id] = new EstateStaff
            {
                Manager = Add($"manager.{code}", StaffRole.EstateManager, e.Id, null),
                Dispatchers = [Add($"dispatcher.{code}", StaffRole.Dispatcher, e.Id, service), Add($"service.{code}", StaffRole.Dispatcher, e.Id, service)],
                Supervisors = e.DepartmentIds.ToDictionary(d => d.Key,
                    d => Add($"{d.Key.ToString().ToLowerInvariant()}.{code}", StaffRole.DepartmentSupervisor, e.Id, d.Value)),
            };
        }
        Count("staff", w.Complete());
        await Task.CompletedTask;
        return result;
    }

    /// <summary>The password of every demo account (staff and the demo owners).</summary>
    public const string DemoPassword = "Demo2026";

    /// <summary>
    /// Sign-in accounts for every staff member and for two owners per estate (owner1.hy@…, owner2.hy@…), all with
    /// <see cref="DemoPassword"/>, confirmed and linked. One hash serves all: it embeds its own salt.
    /// </summary>
    private async Task WriteDemoAccounts(NpgsqlConnection conn, CancellationToken ct)
    {
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<Identity.AppUser>().HashPassword(new Identity.AppUser(), DemoPassword);
        const string columns = "id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp, " +
                               "concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, " +
                               "full_name, must_change_password, created_at";
        await using (var cmd = new NpgsqlCommand($"""
            INSERT INTO users ({columns})
            SELECT 'demo-staff-' || id, email, upper(email), email, upper(email), true, @hash, upper(md5('stamp' || id)),
                   md5('c' || id), phone, false, false, true, 0, full_name, false, @at FROM staff;
            UPDATE staff SET user_id = 'demo-staff-' || id;

            CREATE TEMP TABLE demo_owners ON COMMIT DROP AS
            SELECT person_id, unit_id, 'owner' || rn || '.' || lower(code) || '@demo.ownerportal.cn' AS email FROM (
              SELECT m.person_id, m.unit_id, e.code, row_number() OVER (PARTITION BY u.estate_id ORDER BY u.id) AS rn
              FROM unit_memberships m JOIN units u ON u.id = m.unit_id JOIN estates e ON e.id = u.estate_id
              WHERE m.relation = {(int)UnitRelation.Owner}) x
            WHERE rn <= 2;
            INSERT INTO users ({columns})
            SELECT 'demo-owner-' || p.id, d.email, upper(d.email), d.email, upper(d.email), true, @hash, upper(md5('stamp-o' || p.id)),
                   md5('co' || p.id), p.phone, false, false, true, 0, p.full_name, false, @at
            FROM demo_owners d JOIN people p ON p.id = d.person_id;
            UPDATE people p SET user_id = 'demo-owner-' || p.id, email = d.email, active_unit_id = d.unit_id
            FROM demo_owners d WHERE d.person_id = p.id;
            """, conn))
        {
            cmd.Parameters.AddWithValue("hash", hash);
            cmd.Parameters.AddWithValue("at", scale.Anchor.UtcDateTime);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM users", conn);
        Count("users", (long)(await count.ExecuteScalarAsync(ct))!);
    }

    // ---- questionnaires ---------------------------------------------------------------------------

    /// <summary>
    /// Questionnaire rounds for every estate, answers for the demo estates only (the first three): results and the
    /// comparison with the previous round have data on first look, without slowing scale loads.
    /// </summary>
    private void WriteSurveys(NpgsqlConnection conn, List<EstatePlan> estates, int[] ownerOfUnit, Dictionary<int, EstateStaff> staff, CompanySettings settings)
    {
        var r = new Random(scale.Seed + 7);
        var zone = Time.LocalTime.Zone(null, settings.TimeZone);
        var rounds = SurveySimulator.Rounds(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scale.Anchor, zone).DateTime));
        using (var w = new CopyWriter(conn, "survey_rounds", "id, title, opens_on, closes_on, created_at, updated_at, created_by, updated_by"))
        {
            foreach (var round in rounds)
                w.Row().Int(round.Id).Text(round.Title).Date(round.OpensOn).Date(round.ClosesOn)
                 .Time(scale.Anchor).Time(scale.Anchor).Text("demo").Text("demo");
            Count("survey_rounds", w.Complete());
        }
        var answered = rounds.Where(x => x.Answered).ToList();
        var demo = estates.Take(3).ToList();
        var questions = new List<SurveySimulator.Question>();
        foreach (var round in answered.Skip(1)) // the later answered round asks the estates' own questions
            foreach (var e in demo)
                for (var i = 0; i < SurveySimulator.PartB.Length; i++)
                    questions.Add(new(questions.Count + 1, round.Id, e.Id, i + 1, SurveySimulator.PartB[i].Kind, SurveySimulator.PartB[i].Text, SurveySimulator.PartB[i].Options));

        var responses = new List<SurveySimulator.Response>();
        var answers = new List<SurveySimulator.Answer>();
        long responseId = 0, answerId = 0;
        foreach (var round in answered)
            for (var i = 0; i < demo.Count; i++)
            {
                var e = demo[i];
                var own = questions.Where(q => q.RoundId == round.Id && q.EstateId == e.Id).ToList();
                SurveySimulator.AnswerRound(r, round, i, e.Id, e.FirstUnitId, e.Units, u => ownerOfUnit[u], staff[e.Id].Dispatchers[0].Id,
                    own, zone, responses, answers, ref responseId, ref answerId);
            }

        using (var w = new CopyWriter(conn, "survey_participations", "id, round_id, estate_id, invited_at, invited_households, reminders_sent, last_reminder_at"))
        {
            var id = 0;
            foreach (var round in rounds)
                foreach (var e in estates)
                {
                    var invited = round.Answered ? new DateTimeOffset(round.OpensOn.ToDateTime(new TimeOnly(9, 0)), zone.GetUtcOffset(round.OpensOn.ToDateTime(new TimeOnly(9, 0)))) : (DateTimeOffset?)null;
                    w.Row().Int(++id).Int(round.Id).Int(e.Id).Time(invited).Int(invited is null ? 0 : e.Units)
                     .Int(invited is null ? 0 : 2).Time(invited?.AddDays(14));
                }
            Count("survey_participations", w.Complete());
        }
        using (var w = new CopyWriter(conn, "survey_questions", "id, round_id, estate_id, position, kind, text, options"))
        {
            foreach (var q in questions)
                w.Row().Int(q.Id).Int(q.RoundId).Int(q.EstateId).Int(q.Position).Int((int)q.Kind).Text(q.Text).Texts(q.Options);
            Count("survey_questions", w.Complete());
        }
        using (var w = new CopyWriter(conn, "survey_responses",
                   "id, round_id, estate_id, unit_id, person_id, is_paper, entered_by_staff_id, submitted_at, updated_at, is_current"))
        {
            foreach (var x in responses)
                w.Row().Long(x.Id).Int(x.RoundId).Int(x.EstateId).Int(x.UnitId).Int(x.PersonId).Bool(x.IsPaper).Int(x.StaffId)
                 .Time(x.SubmittedAt).Time(x.SubmittedAt).Bool(x.IsCurrent);
            Count("survey_responses", w.Complete());
        }
        using (var w = new CopyWriter(conn, "survey_answers", "id, response_id, item, question_id, rating, choices, text, text_approved"))
        {
            foreach (var a in answers)
                w.Row().Long(a.Id).Long(a.ResponseId).Int((int?)a.Item).Int(a.QuestionId).Int(a.Rating).Ints(a.Choices).Text(a.Text).Bool(a.Approved);
            Count("survey_answers", w.Complete());
        }
        // The later closed round is published with its rectification plan; the earlier one is left for staff to publish.
        var published = answered[^1];
        if (published.ClosesOn >= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scale.Anchor, zone).DateTime)) return;
        var at = new DateTimeOffset(published.ClosesOn.AddDays(10).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        using (var w = new CopyWriter(conn, "survey_publications", "id, round_id, estate_id, published_at, published_by_staff_id"))
        {
            var id = 0;
            foreach (var e in demo) w.Row().Int(++id).Int(published.Id).Int(e.Id).Time(at).Int(staff[e.Id].Manager.Id);
            Count("survey_publications", w.Complete());
        }
        using (var w = new CopyWriter(conn, "rectification_items", "id, round_id, estate_id, item, problem, action, due_on, status, progress, created_at, updated_at, done_at"))
        {
            var id = 0;
            foreach (var e in demo)
                foreach (var p in SurveySimulator.Plan)
                    w.Row().Int(++id).Int(published.Id).Int(e.Id).Int((int)p.Item).Text(p.Problem).Text(p.Action).Date(published.ClosesOn.AddDays(p.DueDays))
                     .Int((int)p.Status).Text(p.Progress).Time(at).Time(at.AddDays(20)).Time(p.Status == RectificationStatus.Done ? at.AddDays(20) : null);
            Count("rectification_items", w.Complete());
        }
    }

    // ---- cases ------------------------------------------------------------------------------------

    private async Task WriteCases(NpgsqlConnection conn, List<EstatePlan> estates, int unitCount,
        (int[] OwnerId, string[] Name, string[] Phone) people, Dictionary<int, EstateStaff> staff,
        CompanySettings settings, WorkingCalendar calendar, CancellationToken ct)
    {
        _ = unitCount;
        var counters = new Dictionary<(int Estate, int Year), int>();
        var clock = Stopwatch.StartNew();
        long caseId = 0, eventId = 0;
        // One connection runs one COPY at a time, and events need their cases first: cases stream out while
        // their events are buffered, then the buffer is flushed after the cases COPY completes.
        var pendingEvents = new List<EventRow>(capacity: 1 << 16);
        var caseWriter = new CopyWriter(conn, "cases", CaseColumns);
        var sim = new CaseSimulator(settings, calendar, scale.Anchor);
        foreach (var e in estates)
        {
            var r = new Random(scale.Seed * 31 + e.Id);
            var from = scale.Anchor.AddMonths(-scale.Months);
            var span = (scale.Anchor - from).TotalSeconds;
            var times = new DateTimeOffset[e.Cases];
            for (var i = 0; i < times.Length; i++)
            {
                // Spread over the period, during waking hours local time.
                var day = from.AddSeconds(r.NextDouble() * span);
                var local = calendar.ToLocal(day).Date.AddHours(7 + r.NextDouble() * 15);
                var t = calendar.ToUtc(local);
                times[i] = t >= scale.Anchor ? scale.Anchor.AddMinutes(-r.Next(5, 600)) : t;
            }
            Array.Sort(times);
            var es = staff[e.Id];
            foreach (var receivedAt in times)
            {
                var year = calendar.ToLocal(receivedAt).Year;
                var n = counters[(e.Id, year)] = counters.GetValueOrDefault((e.Id, year)) + 1;
                var unit = e.FirstUnitId + r.Next(e.Units);
                var owner = people.OwnerId[unit];
                var c = sim.Simulate(r, ++caseId, e.Id, CaseReferenceCounter.Format(e.Code, year, n), receivedAt, unit,
                    owner, people.Name[owner], people.Phone[owner], e.PublicAreaIds, e.PublicAreaNames, e.DepartmentIds, es.Dispatchers, es.Supervisors, es.Manager,
                    pendingEvents, ref eventId);
                WriteCase(caseWriter, c);
                if (caseId % 250_000 == 0)
                    Report($"cases {caseId:N0} ({caseId / clock.Elapsed.TotalSeconds:N0}/s)");
            }
            if (pendingEvents.Count > 2_000_000 || e == estates[^1])
            {
                // COPY streams on one connection run one at a time: finish cases so far, then their events.
                Count("cases", caseWriter.Complete());
                WriteEvents(conn, pendingEvents);
                pendingEvents.Clear();
                if (e != estates[^1]) caseWriter = new CopyWriter(conn, "cases", CaseColumns);
            }
        }
        using (var w = new CopyWriter(conn, "case_reference_counters", "estate_id, year, last_number"))
        {
            foreach (var ((estate, year), last) in counters) w.Row().Int(estate).Int(year).Int(last);
            Count("case_reference_counters", w.Complete());
        }
        await Task.CompletedTask;
    }

    private const string CaseColumns =
        "id, estate_id, reference, type, channel, status, class, category, is_major, compensation_claimed, location, unit_id, " +
        "public_area_id, description, is_urgent, preferred_contact_time, reporter_person_id, reporter_name, reporter_phone, " +
        "idempotency_key, assigned_department_id, assigned_staff_id, handling_plan, plan_signed_off_by_staff_id, deadline_at, " +
        "revised_deadline_at, feedback_due_at, response_due_at, escalation_due_at, next_due_at, received_at, acknowledged_at, " +
        "responded_at, classified_at, planned_at, started_at, resolved_at, verified_at, closed_at, withdrawn_at, escalated_at, " +
        "major_reported_at, reopen_count, verification_failures, suggestion_adopted, suggestion_reply, is_test, created_at, " +
        "updated_at, created_by, updated_by";

    private static void WriteCase(CopyWriter w, CaseRow c) =>
        w.Row().Long(c.Id).Int(c.EstateId).Text(c.Reference).Int((int)c.Type).Int((int)c.Channel).Int((int)c.Status)
         .Int((int?)c.Class).Int((int?)c.Category).Bool(c.IsMajor).Dec(c.Compensation).Int((int)c.Location).Int(c.UnitId)
         .Int(c.PublicAreaId).Text(c.Description).Bool(c.IsUrgent).Text(c.PreferredContactTime).Int(c.ReporterPersonId)
         .Text(c.ReporterName).Text(c.ReporterPhone).Null().Int(c.DepartmentId).Int(c.StaffId).Text(c.Plan).Int(c.PlanSignedOffBy)
         .Time(c.DeadlineAt).Time(c.RevisedDeadlineAt).Time(c.FeedbackDueAt).Time(c.ResponseDueAt).Time(c.EscalationDueAt)
         .Time(c.NextDueAt).Time(c.ReceivedAt).Time(c.AcknowledgedAt).Time(c.RespondedAt).Time(c.ClassifiedAt).Time(c.PlannedAt)
         .Time(c.StartedAt).Time(c.ResolvedAt).Time(c.VerifiedAt).Time(c.ClosedAt).Time(c.WithdrawnAt).Time(c.EscalatedAt)
         .Time(c.MajorReportedAt).Int(c.ReopenCount).Int(c.VerificationFailures).Bool(c.SuggestionAdopted).Text(c.SuggestionReply)
         .Bool(false).Time(c.ReceivedAt).Time(c.UpdatedAt).Text("demo").Text("demo");

    private void WriteEvents(NpgsqlConnection conn, List<EventRow> events)
    {
        using var w = new CopyWriter(conn, "case_events",
            "id, case_id, at, kind, from_status, to_status, actor_kind, actor_name, actor_staff_id, actor_person_id, text, is_public");
        foreach (var ev in events)
            w.Row().Long(ev.Id).Long(ev.CaseId).Time(ev.At).Int((int)ev.Kind).Int((int?)ev.From).Int((int?)ev.To)
             .Int((int)ev.ActorKind).Text(ev.ActorName).Int(ev.StaffId).Int(ev.PersonId).Text(ev.Text).Bool(ev.IsPublic);
        Count("case_events", w.Complete());
    }

    /// <summary>
    /// Work orders for the repair requests whose work started (SPEC 2, 002 第五节), with their timeline entries: issued
    /// with the plan, one in three paid with a quote the owner accepted before the start, completed when resolved,
    /// signed off once verified (every other one keyed in from the paper order). Plain SQL over the cases written
    /// above, after the id sequences are set; deterministic. Skipped for scale loads.
    /// </summary>
    private async Task WriteWorkOrders(NpgsqlConnection conn, CancellationToken ct)
    {
        await Exec(conn, """
            INSERT INTO work_orders (case_id, estate_id, number, worker_staff_id, worker_name, is_paid, materials, issued_at, issued_by,
              quote_status, quote_lines, quote_labour, quote_total, quote_revision, quoted_at, quote_decided_at, quote_decided_by,
              work_done, materials_used, completed_at, sign_off_comment, signed_off_at, signed_off_by, signed_off_on_paper,
              created_at, updated_at, created_by, updated_by)
            SELECT c.id, c.estate_id,
                   e.code || '-WX-' || y.year || '-' || lpad(row_number() OVER (PARTITION BY c.estate_id, y.year ORDER BY c.planned_at, c.id)::text, 4, '0'),
                   c.assigned_staff_id, coalesce(w.full_name, '维修师傅'), y.paid, '常用维修配件', c.planned_at, coalesce(lead.full_name, '维修主管'),
                   CASE WHEN y.paid THEN 2 ELSE 0 END,
                   CASE WHEN y.paid THEN '[{"Item":"更换配件","Quantity":1,"UnitPrice":45.00},{"Item":"密封材料","Quantity":2,"UnitPrice":5.00}]'::jsonb ELSE '[]'::jsonb END,
                   CASE WHEN y.paid THEN 30 ELSE 0 END, CASE WHEN y.paid THEN 85 ELSE 0 END, CASE WHEN y.paid THEN 1 ELSE 0 END,
                   CASE WHEN y.paid THEN c.planned_at END,
                   CASE WHEN y.paid THEN c.planned_at + (c.started_at - c.planned_at) / 2 END,
                   CASE WHEN y.paid THEN c.reporter_name END,
                   CASE WHEN c.resolved_at IS NOT NULL THEN '已修复，试用正常。' END,
                   CASE WHEN c.resolved_at IS NOT NULL THEN '常用维修配件' END,
                   c.resolved_at,
                   CASE WHEN c.verified_at IS NOT NULL THEN '维修及时，满意。' END,
                   CASE WHEN c.verified_at IS NOT NULL THEN c.resolved_at + (c.verified_at - c.resolved_at) / 2 END,
                   CASE WHEN c.verified_at IS NOT NULL THEN CASE WHEN c.id % 2 = 0 THEN coalesce(lead.full_name, '维修主管') ELSE c.reporter_name END END,
                   c.verified_at IS NOT NULL AND c.id % 2 = 0,
                   c.planned_at, coalesce(c.verified_at, c.resolved_at, c.planned_at), 'demo', 'demo'
            FROM cases c
            JOIN estates e ON e.id = c.estate_id
            LEFT JOIN staff w ON w.id = c.assigned_staff_id
            LEFT JOIN staff lead ON lead.id = c.plan_signed_off_by_staff_id
            CROSS JOIN LATERAL (SELECT extract(year FROM c.planned_at AT TIME ZONE 'Asia/Shanghai')::int AS year, c.id % 3 = 0 AS paid) y
            WHERE c.type = 2 AND c.planned_at IS NOT NULL AND c.started_at IS NOT NULL AND c.status IN (4, 5, 6, 7);
            INSERT INTO work_order_counters (estate_id, year, last_number)
            SELECT estate_id, split_part(number, '-', 3)::int, max(split_part(number, '-', 4)::int) FROM work_orders GROUP BY 1, 2;
            """, ct);
        await using var events = new NpgsqlCommand($$"""
            INSERT INTO case_events (case_id, at, kind, actor_kind, actor_name, actor_staff_id, actor_person_id, text, is_public)
            SELECT w.case_id, ev.at, ev.kind, ev.actor_kind, ev.actor_name, ev.staff_id, ev.person_id, ev.text, true
            FROM work_orders w JOIN cases c ON c.id = w.case_id
            CROSS JOIN LATERAL (VALUES
              (w.issued_at, {{(int)CaseEventKind.WorkOrderIssued}}, {{(int)ActorKind.Staff}}, w.issued_by, c.plan_signed_off_by_staff_id, NULL::int, w.number || ' · ' || w.worker_name),
              (w.quoted_at, {{(int)CaseEventKind.QuoteAwaitingAcceptance}}, {{(int)ActorKind.Staff}}, w.issued_by, c.plan_signed_off_by_staff_id, NULL, w.number || ' · ¥' || to_char(w.quote_total, 'FM999990.00')),
              (w.quote_decided_at, {{(int)CaseEventKind.QuoteAccepted}}, {{(int)ActorKind.Owner}}, w.quote_decided_by, NULL, c.reporter_person_id, w.number || ' · ¥' || to_char(w.quote_total, 'FM999990.00')),
              (w.completed_at, {{(int)CaseEventKind.WorkDone}}, {{(int)ActorKind.Staff}}, w.issued_by, c.plan_signed_off_by_staff_id, NULL, w.number || ' · ' || w.work_done),
              (w.signed_off_at, {{(int)CaseEventKind.WorkSignedOff}}, CASE WHEN w.signed_off_on_paper THEN {{(int)ActorKind.Staff}} ELSE {{(int)ActorKind.Owner}} END,
               w.signed_off_by, CASE WHEN w.signed_off_on_paper THEN c.plan_signed_off_by_staff_id END, CASE WHEN w.signed_off_on_paper THEN NULL ELSE c.reporter_person_id END, w.sign_off_comment)
            ) ev(at, kind, actor_kind, actor_name, staff_id, person_id, text)
            WHERE ev.at IS NOT NULL
            """, conn) { CommandTimeout = 0 };
        Count("case_events", await events.ExecuteNonQueryAsync(ct));
    }

    private async Task WriteCallbacks(NpgsqlConnection conn, WorkingCalendar calendar, CancellationToken ct)
    {
        var (policies, rules, callbacks) = await DemoCallbacks.WriteAsync(conn, calendar, scale.Anchor, ct);
        Count("callback_policies", policies);
        Count("callback_rules", rules);
        Count("callbacks", callbacks);
    }

    private void Count(string table, long rows)
    {
        _counts[table] = _counts.GetValueOrDefault(table) + rows;
        Report($"{table}: {_counts[table]:N0} rows");
    }

    private void Report(string line) => progress?.WriteLine(line);

    // ---- GM hotline desk ----------------------------------------------------------------------------

    /// <summary>
    /// The quality office's desk for the GM-hotline cases of the last 30 days: each handling file sent 15 minutes
    /// after the call (except calls of the last two hours), closed by the desk a day after its case closed. The
    /// estate's responses and completions come from the cases' own timelines.
    /// </summary>
    private async Task WriteHotlineDesk(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO hotline_tickets (estate_id, case_id, source, received_at, caller_name, caller_phone, unit_id, subject,
                taken_by_staff_id, taken_by_name, first_response_due_at, handling_file_sent_at, handling_file_note, handling_file_sent_by,
                closed_at, closing_note, closed_by, created_at, updated_at, created_by, updated_by)
            SELECT c.estate_id, c.id, 0, c.received_at, c.reporter_name, c.reporter_phone, c.unit_id, c.description,
                q.id, q.full_name, c.received_at + interval '24 hours',
                CASE WHEN c.received_at < @anchor - interval '2 hours' THEN c.received_at + interval '15 minutes' END,
                CASE WHEN c.received_at < @anchor - interval '2 hours' THEN '请管理处当日联系业主核实处理，24 小时内回复。' END,
                CASE WHEN c.received_at < @anchor - interval '2 hours' THEN q.full_name END,
                CASE WHEN c.closed_at < @anchor - interval '1 day' THEN c.closed_at + interval '1 day' END,
                CASE WHEN c.closed_at < @anchor - interval '1 day' THEN '已二次回访，业主对处理结果满意。' END,
                CASE WHEN c.closed_at < @anchor - interval '1 day' THEN q.full_name END,
                c.received_at, c.received_at, 'demo', 'demo'
            FROM cases c
            CROSS JOIN LATERAL (SELECT s.id, s.full_name FROM staff s WHERE s.role = @quality ORDER BY s.id LIMIT 1) q
            WHERE c.channel = @hotline AND c.received_at >= @anchor - interval '30 days' AND c.received_at < @anchor
            ORDER BY c.received_at, c.id
            """, conn);
        cmd.Parameters.AddWithValue("anchor", scale.Anchor);
        cmd.Parameters.AddWithValue("quality", (int)StaffRole.QualityOffice);
        cmd.Parameters.AddWithValue("hotline", (int)CaseChannel.Hotline);
        Count("hotline_tickets", await cmd.ExecuteNonQueryAsync(ct));
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
