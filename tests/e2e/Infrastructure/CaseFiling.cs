using Microsoft.EntityFrameworkCore;
using OwnerPortal.Core.Cases;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Tests;

namespace OwnerPortal.E2ETests.Infrastructure;

/// <summary>Test data: a case filed for an owner's active unit through the same intake the Portal uses.</summary>
public static class CaseFiling
{
    public static async Task<long> FileForAsync(string connectionString, string ownerEmail, string description, CaseType type = CaseType.Complaint)
    {
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(connectionString));
        var owner = await db.People.Where(p => p.Email == ownerEmail)
            .Select(p => new { p.Id, p.FullName, p.Phone, UnitId = p.ActiveUnitId!.Value, EstateId = db.Units.Where(u => u.Id == p.ActiveUnitId).Select(u => u.EstateId).First() })
            .SingleAsync();
        var c = await CaseIntake.FileAsync(db,
            new NewCase(owner.EstateId, type, CaseChannel.Portal, CaseLocation.OwnUnit, description, UnitId: owner.UnitId,
                Category: CaseCategory.Facilities, ReporterPersonId: owner.Id, ReporterName: owner.FullName, ReporterPhone: owner.Phone),
            new Actor(ActorKind.Owner, owner.FullName, PersonId: owner.Id), DateTimeOffset.UtcNow);
        return c.Case.Id;
    }
}
