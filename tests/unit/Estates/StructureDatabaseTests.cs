using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Estates;

/// <summary>Importing units, revoking links, keying in people and the committee, on real PostgreSQL under an estate scope.</summary>
public class StructureDatabaseTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private string _cs = "";
    private int _hy, _czy, _hyUnit, _hyUnit2, _czyUnit;

    private sealed record Scope(bool IsRestricted, int? EstateId) : IEstateScope;

    /// <summary>A context as a staff member of <paramref name="estateId"/> sees it; null: company level, unrestricted.</summary>
    private OwnerPortalDbContext Db(int? estateId = null) =>
        new(TestDatabase.Options(_cs), estateId is null ? null : new Scope(true, estateId));

    public async Task InitializeAsync()
    {
        _cs = await TestDatabase.CreateAsync();
        await using var db = Db();
        Estate New(string code, string name) => new() { Code = code, Name = name, Address = "深圳", FloorAreaM2 = 1000, OfficePhone = "0755", OfficeHours = "9-18" };
        var (hy, czy) = (New("HY", "华苑新城"), New("CZY", "翠竹园"));
        db.Estates.AddRange(hy, czy);
        await db.SaveChangesAsync();
        var hyBuilding = new Building { EstateId = hy.Id, Name = "1", Floors = 10 };
        var czyBuilding = new Building { EstateId = czy.Id, Name = "1", Floors = 10 };
        hyBuilding.Units.Add(new Unit { EstateId = hy.Id, Number = "1-1-101", Floor = 1, AreaM2 = 80 });
        hyBuilding.Units.Add(new Unit { EstateId = hy.Id, Number = "1-1-102", Floor = 1, AreaM2 = 80 });
        czyBuilding.Units.Add(new Unit { EstateId = czy.Id, Number = "1-1-101", Floor = 1, AreaM2 = 90 });
        db.Buildings.AddRange(hyBuilding, czyBuilding);
        await db.SaveChangesAsync();
        (_hy, _czy) = (hy.Id, czy.Id);
        (_hyUnit, _hyUnit2, _czyUnit) = (hyBuilding.Units[0].Id, hyBuilding.Units[1].Id, czyBuilding.Units[0].Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static byte[] Csv(params string[] rows) => Encoding.UTF8.GetBytes("building,unit,floor,area_m2\n" + string.Join("\n", rows) + "\n");

    [Fact]
    public async Task A_good_file_creates_the_missing_buildings_and_every_unit_and_raises_floors_of_existing_buildings()
    {
        await using (var db = Db(_hy))
        {
            var outcome = await UnitImport.ImportAsync(db, _hy, Csv("1,1-1-1201,12,80", "紫荆阁,紫荆阁-1-0501,5,120.5", "紫荆阁,紫荆阁-1-0502,5,99"));
            Assert.True(outcome.Succeeded);
            Assert.Equal((3, 1, 3), (outcome.Rows, outcome.BuildingsCreated, outcome.UnitsCreated));
        }
        await using var check = Db();
        var buildings = await check.Buildings.Where(b => b.EstateId == _hy).OrderBy(b => b.Id).Select(b => new { b.Name, b.Floors, Units = b.Units.Count }).ToListAsync();
        Assert.Equal([new { Name = "1", Floors = 12, Units = 3 }, new { Name = "紫荆阁", Floors = 5, Units = 2 }], buildings);
        var unit = await check.Units.SingleAsync(u => u.Number == "紫荆阁-1-0501");
        Assert.Equal((_hy, 5, 120.5m), (unit.EstateId, unit.Floor, unit.AreaM2));
    }

    [Fact]
    public async Task One_unit_the_estate_already_has_means_nothing_is_imported()
    {
        await using (var db = Db(_hy))
        {
            var outcome = await UnitImport.ImportAsync(db, _hy, Csv("2,2-1-101,1,80", "1,1-1-102,1,80", "2,2-1-102,1,80"));
            Assert.False(outcome.Succeeded);
            Assert.Equal(new UnitImportError(3, "unit", UnitImportProblem.AlreadyExists, "1-1-102"), Assert.Single(outcome.Errors));
        }
        await using var check = Db();
        Assert.Equal(3, await check.Units.CountAsync());
        Assert.False(await check.Buildings.AnyAsync(b => b.Name == "2"));
    }

    [Fact]
    public async Task A_bad_row_means_nothing_is_imported_and_the_same_number_in_another_estate_is_no_conflict()
    {
        await using (var db = Db(_czy))
        {
            var bad = await UnitImport.ImportAsync(db, _czy, Csv("1,1-1-102,1,80", "1,1-1-103,one,80"));
            Assert.Equal(UnitImportProblem.FloorInvalid, Assert.Single(bad.Errors).Problem);
            Assert.Equal(1, await db.Units.CountAsync());
            // 1-1-102 exists in HY, not in CZY.
            var good = await UnitImport.ImportAsync(db, _czy, Csv("1,1-1-102,1,80", "1,1-1-103,1,80"));
            Assert.True(good.Succeeded);
            Assert.Equal(3, await db.Units.CountAsync());
        }
    }

    [Fact]
    public async Task A_5000_unit_file_goes_in_as_one_transaction()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => $"{i / 200 + 10}号楼,{i / 200 + 10}-{i / 100 % 2 + 1}-{i % 100 / 4 + 1}{i % 4 + 1:D2},{i % 100 / 4 + 1},{60 + i % 90}.5").ToArray();
        await using (var db = Db(_czy))
        {
            var outcome = await UnitImport.ImportAsync(db, _czy, Csv(rows));
            Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors.Take(3)));
            Assert.Equal((5000, 25), (outcome.UnitsCreated, outcome.BuildingsCreated));
        }
        await using var check = Db();
        Assert.Equal(5001, await check.Units.CountAsync(u => u.EstateId == _czy));
        Assert.Equal(25, await check.Buildings.CountAsync(b => b.EstateId == _czy && b.Floors == 25));
    }

    [Fact]
    public async Task Revoking_a_link_moves_the_active_unit_to_the_persons_other_unit_even_in_another_estate()
    {
        int personId, hyLink;
        await using (var db = Db())
        {
            var person = new Person { FullName = "王芳", Phone = "13800001111", ActiveUnitId = _hyUnit };
            person.Units.Add(new UnitMembership { UnitId = _czyUnit, Relation = UnitRelation.Owner, Since = _clock.GetUtcNow().AddYears(-2) });
            person.Units.Add(new UnitMembership { UnitId = _hyUnit, Relation = UnitRelation.Owner, Since = _clock.GetUtcNow().AddYears(-1) });
            db.People.Add(person);
            await db.SaveChangesAsync();
            (personId, hyLink) = (person.Id, person.Units[1].Id);
        }
        await using (var db = Db(_hy))
        {
            Assert.True(await UnitPeople.RevokeAsync(db, hyLink, "李经理", _clock.GetUtcNow()));
            Assert.False(await UnitPeople.RevokeAsync(db, hyLink, "李经理", _clock.GetUtcNow())); // already revoked
        }
        await using var check = Db();
        var link = await check.UnitMemberships.SingleAsync(m => m.Id == hyLink);
        Assert.Equal((_clock.GetUtcNow(), "李经理"), (link.RevokedAt, link.RevokedBy));
        Assert.Equal(_czyUnit, (await check.People.SingleAsync(p => p.Id == personId)).ActiveUnitId);
        Assert.False(await UnitBindings.IsLinkedAsync(check, personId, _hyUnit));
    }

    [Fact]
    public async Task Revoking_the_last_link_clears_the_active_unit_and_a_link_outside_the_scope_is_not_found()
    {
        int personId, link;
        await using (var db = Db())
        {
            var person = new Person { FullName = "陈静", Phone = "13800002222", ActiveUnitId = _czyUnit };
            person.Units.Add(new UnitMembership { UnitId = _czyUnit, Relation = UnitRelation.Resident, Since = _clock.GetUtcNow() });
            db.People.Add(person);
            await db.SaveChangesAsync();
            (personId, link) = (person.Id, person.Units[0].Id);
        }
        await using (var hy = Db(_hy)) Assert.False(await UnitPeople.RevokeAsync(hy, link, "HY 经理", _clock.GetUtcNow()));
        await using (var czy = Db(_czy)) Assert.True(await UnitPeople.RevokeAsync(czy, link, "CZY 经理", _clock.GetUtcNow()));
        await using var check = Db();
        Assert.Null((await check.People.SingleAsync(p => p.Id == personId)).ActiveUnitId);
        Assert.Equal("CZY 经理", (await check.UnitMemberships.SingleAsync(m => m.Id == link)).RevokedBy);
    }

    [Fact]
    public async Task Revoking_a_link_to_a_unit_that_is_not_the_active_one_leaves_the_active_unit_alone()
    {
        int personId, second;
        await using (var db = Db())
        {
            var person = new Person { FullName = "赵磊", Phone = "13800003333", ActiveUnitId = _hyUnit };
            person.Units.Add(new UnitMembership { UnitId = _hyUnit, Relation = UnitRelation.Owner, Since = _clock.GetUtcNow() });
            person.Units.Add(new UnitMembership { UnitId = _hyUnit2, Relation = UnitRelation.Owner, Since = _clock.GetUtcNow() });
            db.People.Add(person);
            await db.SaveChangesAsync();
            (personId, second) = (person.Id, person.Units[1].Id);
        }
        await using (var db = Db(_hy)) Assert.True(await UnitPeople.RevokeAsync(db, second, "李经理", _clock.GetUtcNow()));
        await using var check = Db();
        Assert.Equal(_hyUnit, (await check.People.SingleAsync(p => p.Id == personId)).ActiveUnitId);
    }

    [Fact]
    public async Task A_person_without_an_account_is_added_to_a_unit_once_per_mobile_number()
    {
        await using (var db = Db(_hy))
        {
            var (result, person) = await UnitPeople.AddWithoutAccountAsync(db, _hyUnit, " 孙丽 ", " 13900004444 ", UnitRelation.Family, _clock.GetUtcNow());
            Assert.Equal(AddPersonResult.Added, result);
            Assert.Equal(("孙丽", "13900004444", _hyUnit, (string?)null), (person!.FullName, person.Phone, person.ActiveUnitId, person.UserId));
            Assert.Equal(AddPersonResult.AlreadyLinked,
                (await UnitPeople.AddWithoutAccountAsync(db, _hyUnit, "孙丽", "13900004444", UnitRelation.Family, _clock.GetUtcNow())).Result);
            // Another unit, or the same unit once the old link is revoked, is fine.
            Assert.Equal(AddPersonResult.Added,
                (await UnitPeople.AddWithoutAccountAsync(db, _hyUnit2, "孙丽", "13900004444", UnitRelation.Family, _clock.GetUtcNow())).Result);
            var link = await db.UnitMemberships.SingleAsync(m => m.PersonId == person.Id);
            await UnitPeople.RevokeAsync(db, link.Id, "李经理", _clock.GetUtcNow());
            Assert.Equal(AddPersonResult.Added,
                (await UnitPeople.AddWithoutAccountAsync(db, _hyUnit, "孙丽", "13900004444", UnitRelation.Family, _clock.GetUtcNow())).Result);
        }
        await using var check = Db(_hy);
        Assert.Equal(3, await check.People.CountAsync(p => p.Phone == "13900004444"));
    }

    [Fact]
    public async Task Committee_members_must_be_linked_to_a_unit_of_the_estate_and_are_added_once_and_ended_today()
    {
        var today = new DateOnly(2026, 11, 23);
        int hyPerson, czyPerson;
        await using (var db = Db())
        {
            var a = new Person { FullName = "周洋", Phone = "13800005555" };
            a.Units.Add(new UnitMembership { UnitId = _hyUnit, Relation = UnitRelation.Owner, Since = _clock.GetUtcNow() });
            var b = new Person { FullName = "吴敏", Phone = "13800006666" };
            b.Units.Add(new UnitMembership { UnitId = _czyUnit, Relation = UnitRelation.Owner, Since = _clock.GetUtcNow() });
            db.People.AddRange(a, b);
            await db.SaveChangesAsync();
            (hyPerson, czyPerson) = (a.Id, b.Id);
        }
        await using (var db = Db(_hy))
        {
            Assert.Equal(CommitteeAddResult.NotLinked, await Committee.AddAsync(db, _hy, czyPerson, today));
            Assert.Equal(CommitteeAddResult.Added, await Committee.AddAsync(db, _hy, hyPerson, today));
            Assert.Equal(CommitteeAddResult.AlreadyMember, await Committee.AddAsync(db, _hy, hyPerson, today));
            var membership = await db.CommitteeMemberships.SingleAsync();
            Assert.Equal((today, (DateOnly?)null), (membership.From, membership.Until));

            Assert.False(await Committee.EndAsync(db, _czy, membership.Id, today)); // not this estate's
            Assert.True(await Committee.EndAsync(db, _hy, membership.Id, today.AddDays(30)));
            Assert.False(await Committee.EndAsync(db, _hy, membership.Id, today.AddDays(30)));
            Assert.Equal(today.AddDays(30), (await db.CommitteeMemberships.AsNoTracking().SingleAsync()).Until);
            // Ended today: no longer a member, so they may be added again.
            Assert.Equal(CommitteeAddResult.Added, await Committee.AddAsync(db, _hy, hyPerson, today.AddDays(30)));
        }
        await using (var czy = Db(_czy)) Assert.Empty(await czy.CommitteeMemberships.ToListAsync());
    }

    [Theory]
    [InlineData("2026-01-01", null, "2026-06-01", true)]
    [InlineData("2026-01-01", "2026-06-01", "2026-06-01", false)]
    [InlineData("2026-01-01", "2026-06-02", "2026-06-01", true)]
    [InlineData("2026-07-01", null, "2026-06-01", false)]
    public void A_membership_is_current_from_its_first_day_until_the_day_it_ends(string from, string? until, string today, bool current) =>
        Assert.Equal(current, Committee.IsCurrent(DateOnly.Parse(from), until is null ? null : DateOnly.Parse(until), DateOnly.Parse(today)));
}
