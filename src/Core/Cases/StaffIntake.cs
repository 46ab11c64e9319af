using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.Core.Cases;

/// <summary>
/// Staff taking a case in on an owner's behalf (phone, visit, mailbox, GM hotline): finding the unit as they type,
/// and deciding who reported it. Filing itself goes through <see cref="CaseIntake"/> like every channel.
/// </summary>
public static class StaffIntake
{
    /// <summary>The channels staff take cases in from; Portal cases are filed by the owners themselves.</summary>
    public static readonly CaseChannel[] Channels = [CaseChannel.Phone, CaseChannel.Visit, CaseChannel.Mailbox, CaseChannel.Hotline];

    public const int MaxUnitMatches = 10;

    public sealed record LinkedPerson(int Id, string Name, string Phone);
    public sealed record UnitMatch(int Id, string Number, IReadOnlyList<LinkedPerson> People);
    public sealed record Reporter(int? PersonId, string Name, string Phone);
    public enum ReporterProblem { None, UnknownPerson, NameRequired, PhoneInvalid }

    /// <summary>A phone number as stored: its digits only (7 to 15; a +86 prefix on a mobile dropped), or null when it is not one.</summary>
    public static string? NormalizePhone(string? phone) =>
        WorkQueues.PhoneDigits(phone ?? "") is { Length: <= 15 } digits ? digits : null;

    /// <summary>
    /// Who reported the case: a person linked to the unit when one is chosen (the case then shows in their Portal);
    /// otherwise the name and phone typed, linked to the unit's person with that phone when there is one.
    /// </summary>
    public static (Reporter? Reporter, ReporterProblem Problem) ChooseReporter(int? personId, string? name, string? phone,
        IReadOnlyList<LinkedPerson> linked)
    {
        if (personId is { } id)
        {
            var person = linked.FirstOrDefault(p => p.Id == id);
            return person is null ? (null, ReporterProblem.UnknownPerson) : (new Reporter(person.Id, person.Name, person.Phone), ReporterProblem.None);
        }
        if (string.IsNullOrWhiteSpace(name)) return (null, ReporterProblem.NameRequired);
        if (NormalizePhone(phone) is not { } digits) return (null, ReporterProblem.PhoneInvalid);
        var known = linked.FirstOrDefault(p => p.Phone == digits);
        return (new Reporter(known?.Id, name.Trim(), digits), ReporterProblem.None);
    }

    public sealed record LookupUnit(int Id, string Number, IReadOnlyList<LinkedPerson> People);

    /// <summary>Units as the lookup-as-you-type script receives them (unit-lookup.js): phone numbers masked.</summary>
    public static IReadOnlyList<LookupUnit> ForLookup(IEnumerable<UnitMatch> units) =>
        units.Select(u => new LookupUnit(u.Id, u.Number, u.People.Select(p => p with { Phone = PersonalData.MaskPhone(p.Phone) }).ToList())).ToList();

    /// <summary>The form field and message key of a reporter problem (null: none, or an unknown person of no unit).</summary>
    public static (string Field, string Key)? ProblemMessage(ReporterProblem problem, bool unitKnown, string prefix = "Input.") => problem switch
    {
        ReporterProblem.UnknownPerson when unitKnown => (prefix + "ReporterPersonId", "Validation.Choice"),
        ReporterProblem.NameRequired => (prefix + "ReporterName", "Admin.Intake.NameOrPerson"),
        ReporterProblem.PhoneInvalid => (prefix + "ReporterPhone", "Admin.Intake.PhoneInvalid"),
        _ => null,
    };

    public sealed record IntakeEstate(int Id, string Name, IReadOnlyList<(int Id, string Name)> Areas);

    /// <summary>The estate a case is taken in for, with its public areas; null when there is none such (in scope).</summary>
    public static async Task<IntakeEstate?> EstateAsync(OwnerPortalDbContext db, int? estateId, CancellationToken ct = default)
    {
        var estate = estateId is { } id ? await db.Estates.Where(e => e.Id == id).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct) : null;
        if (estate is null) return null;
        var areas = await db.PublicAreas.Where(a => a.EstateId == estate.Id).OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        return new IntakeEstate(estate.Id, estate.Name, areas.Select(a => (a.Id, a.Name)).ToList());
    }

    /// <summary>The estates company-level staff choose from, by code.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> EstatesAsync(OwnerPortalDbContext db, CancellationToken ct = default) =>
        (await db.Estates.OrderBy(e => e.Code).Select(e => new { e.Id, e.Name }).ToListAsync(ct)).Select(e => (e.Id, e.Name)).ToList();

    /// <summary>The unit with exactly the number typed and its people; Found is false when a number was typed but no such unit exists.</summary>
    public static async Task<(bool Found, int? UnitId, IReadOnlyList<LinkedPerson> People)> UnitByNumberAsync(OwnerPortalDbContext db, int estateId,
        string? typed, CancellationToken ct = default)
    {
        var number = (typed ?? "").Trim();
        if (number.Length == 0) return (true, null, []);
        var unitId = await db.Units.Where(u => u.EstateId == estateId && u.Number == number).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (unitId is not { } id) return (false, null, []);
        return (true, id, (await PeopleOfAsync(db, [id], ct)).GetValueOrDefault(id) ?? []);
    }

    /// <summary>Up to ten units of the estate whose number starts with what was typed, with the people linked to them now.</summary>
    public static async Task<IReadOnlyList<UnitMatch>> FindUnitsAsync(OwnerPortalDbContext db, int estateId, string? typed, CancellationToken ct = default)
    {
        var q = (typed ?? "").Trim();
        if (q.Length == 0) return [];
        var units = await db.Units.AsNoTracking().Where(u => u.EstateId == estateId && u.Number.StartsWith(q))
            .OrderBy(u => u.Number.Length).ThenBy(u => u.Number).Take(MaxUnitMatches)
            .Select(u => new { u.Id, u.Number }).ToListAsync(ct);
        var people = await PeopleOfAsync(db, units.Select(u => u.Id).ToList(), ct);
        return units.Select(u => new UnitMatch(u.Id, u.Number, people.GetValueOrDefault(u.Id) ?? [])).ToList();
    }

    /// <summary>The people linked to each unit now (revoked links left out), by name.</summary>
    public static async Task<Dictionary<int, IReadOnlyList<LinkedPerson>>> PeopleOfAsync(OwnerPortalDbContext db, IReadOnlyCollection<int> unitIds,
        CancellationToken ct = default)
    {
        var rows = await db.UnitMemberships.AsNoTracking()
            .Where(m => unitIds.Contains(m.UnitId) && m.RevokedAt == null)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new { m.UnitId, p.Id, p.FullName, p.Phone })
            .OrderBy(r => r.FullName).ThenBy(r => r.Id)
            .ToListAsync(ct);
        return rows.GroupBy(r => r.UnitId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LinkedPerson>)g.Select(r => new LinkedPerson(r.Id, r.FullName, r.Phone)).Distinct().ToList());
    }
}
