using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;

namespace OwnerPortal.UnitTests.Data;

/// <summary>
/// Many owners of one estate filing at the same moment (bench/submit.sh's one-estate case): the estate's reference
/// counter is taken in a statement of its own, so submissions do not wait on each other's whole save, and still every
/// case gets its own number with none skipped.
/// </summary>
public class CaseIntakeConcurrencyTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private OwnerPortalDbContext Db()
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, demo.Cs);
        return new OwnerPortalDbContext(options.Options);
    }

    [Fact]
    public async Task Parallel_submits_in_one_estate_file_every_case_with_its_own_next_number()
    {
        const int n = 16;
        int estateId; string code; List<(int UnitId, int PersonId)> members;
        await using (var db = Db())
        {
            var estate = await db.Estates.OrderBy(e => e.Id).FirstAsync();
            (estateId, code) = (estate.Id, estate.Code);
            members = (await db.UnitMemberships.Where(m => m.RevokedAt == null && m.Unit!.EstateId == estateId)
                .OrderBy(m => m.Id).Take(n).Select(m => new { m.UnitId, m.PersonId }).ToListAsync()).Select(m => (m.UnitId, m.PersonId)).ToList();
        }
        var year = DemoDatabase.Now.Year; // 23 Nov: the same year in any estate time zone
        async Task<int> LastNumberAsync()
        {
            await using var db = Db();
            return await db.Set<CaseReferenceCounter>().Where(c => c.EstateId == estateId && c.Year == year).Select(c => c.LastNumber).SingleOrDefaultAsync(); // 0: none taken yet
        }
        var before = await LastNumberAsync();

        var filed = await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
        {
            var (unitId, personId) = members[i % members.Count];
            await using var db = Db();
            var details = new NewCase(estateId, CaseType.RepairRequest, CaseChannel.Portal, CaseLocation.OwnUnit, $"并发提交 {i}",
                UnitId: unitId, ReporterPersonId: personId, IdempotencyKey: Guid.NewGuid());
            return await CaseIntake.FileAsync(db, details, new Actor(ActorKind.Owner, "业主", PersonId: personId), DemoDatabase.Now);
        }));

        Assert.All(filed, f => Assert.True(f.Created));
        Assert.Equal(Enumerable.Range(before + 1, n).Select(k => CaseReferenceCounter.Format(code, year, k)),
            filed.Select(f => f.Case.Reference).Order(StringComparer.Ordinal));
        Assert.Equal(before + n, await LastNumberAsync());
        await using (var db = Db())
        {
            var ids = filed.Select(f => f.Case.Id).ToList();
            Assert.Equal(n, await db.Cases.CountAsync(c => ids.Contains(c.Id)));
            Assert.Equal(n, await db.CaseEvents.CountAsync(e => ids.Contains(e.CaseId) && e.Kind == CaseEventKind.Received));
        }
    }
}
