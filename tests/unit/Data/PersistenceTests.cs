using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Storage;
using OwnerPortal.Core.Time;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>Audit fields, optimistic concurrency, references, key storage and attachments on real PostgreSQL.</summary>
public class PersistenceTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestDatabase.CreateAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    private OwnerPortalDbContext NewContext(string? actor = null)
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>();
        OwnerPortalDbContext.Configure(options, _cs);
        options.AddInterceptors(new AuditInterceptor(_clock, new FixedActor(actor)));
        return new OwnerPortalDbContext(options.Options);
    }

    private sealed record FixedActor(string? Name) : ICurrentActorName;

    private async Task<(Estate Estate, long CaseId)> SeedCaseAsync()
    {
        await using var db = NewContext("setup");
        var estate = new Estate { Code = "HY", Name = "华苑", Address = "深圳", FloorAreaM2 = 1000, OfficePhone = "0755", OfficeHours = "9-18" };
        db.Estates.Add(estate);
        await db.SaveChangesAsync();
        var settings = new CompanySettings { Name = "x" };
        var now = _clock.GetUtcNow();
        var reference = await CaseReferenceCounter.NextAsync(db, estate.Id, estate.Code, 2026);
        var c = Case.Receive(new NewCase(estate.Id, CaseType.Complaint, CaseChannel.Phone, CaseLocation.OwnUnit, "楼道灯坏了", ReporterName: "王芳"),
            reference, CaseDeadlines.ForReceipt(now, settings, WorkingCalendar.For("Asia/Shanghai", [])), now, Actor.System);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return (estate, c.Id);
    }

    [Fact]
    public async Task Audit_fields_are_filled_on_insert_and_update()
    {
        var (estate, _) = await SeedCaseAsync();
        Assert.Equal(_clock.GetUtcNow(), estate.CreatedAt);
        Assert.Equal("setup", estate.CreatedBy);

        _clock.Advance(TimeSpan.FromHours(3));
        await using (var db = NewContext("manager"))
        {
            var loaded = await db.Estates.SingleAsync();
            loaded.OfficePhone = "0755-1234";
            await db.SaveChangesAsync();
        }
        await using (var db = NewContext())
        {
            var reread = await db.Estates.AsNoTracking().SingleAsync();
            Assert.Equal(estate.CreatedAt, reread.CreatedAt);
            Assert.Equal("setup", reread.CreatedBy);
            Assert.Equal(_clock.GetUtcNow(), reread.UpdatedAt);
            Assert.Equal("manager", reread.UpdatedBy);
        }
    }

    [Fact]
    public async Task Times_come_back_as_utc()
    {
        var (_, id) = await SeedCaseAsync();
        await using var db = NewContext();
        var c = await db.Cases.AsNoTracking().SingleAsync(x => x.Id == id);
        Assert.Equal(TimeSpan.Zero, c.ReceivedAt.Offset);
        Assert.Equal(_clock.GetUtcNow(), c.ReceivedAt);
    }

    [Fact]
    public async Task Two_saves_of_one_case_conflict_instead_of_overwriting()
    {
        var (_, id) = await SeedCaseAsync();
        await using var first = NewContext("a");
        await using var second = NewContext("b");
        var a = await first.Cases.SingleAsync(c => c.Id == id);
        var b = await second.Cases.SingleAsync(c => c.Id == id);

        first.Entry(a).Property(c => c.HandlingPlan).CurrentValue = "plan A";
        await first.SaveChangesAsync();
        second.Entry(b).Property(c => c.HandlingPlan).CurrentValue = "plan B";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = NewContext();
        Assert.Equal("plan A", (await check.Cases.SingleAsync(c => c.Id == id)).HandlingPlan);
    }

    [Fact]
    public async Task Two_staff_planning_one_case_one_conflicts_nothing_is_lost_and_the_differences_are_named()
    {
        var (estate, id) = await SeedCaseAsync();
        Actor dispatcher, supervisor;
        var now = _clock.GetUtcNow();
        await using (var db = NewContext("d"))
        {
            var department = new Department { EstateId = estate.Id, Kind = DepartmentKind.Engineering, Name = "工程部" };
            db.Departments.Add(department);
            await db.SaveChangesAsync();
            var d = new Core.Domain.People.Staff { FullName = "派单员", Email = "d@x.cn", Phone = "13800000001", Role = Core.Domain.People.StaffRole.Dispatcher, EstateId = estate.Id };
            var s = new Core.Domain.People.Staff { FullName = "主管", Email = "s@x.cn", Phone = "13800000002", Role = Core.Domain.People.StaffRole.DepartmentSupervisor, EstateId = estate.Id, DepartmentId = department.Id };
            db.Staff.AddRange(d, s);
            await db.SaveChangesAsync();
            dispatcher = new Actor(ActorKind.Staff, d.FullName, d.Id, Role: d.Role);
            supervisor = new Actor(ActorKind.Staff, s.FullName, s.Id, Role: s.Role);
            var c = await db.Cases.Include(x => x.Events).SingleAsync(x => x.Id == id);
            c.Acknowledge(dispatcher, now, "已受理");
            c.Assign(dispatcher, now, new Assignment(department.Id, null, CaseCategory.Facilities, ComplaintClass.Service), 1000m);
            await db.SaveChangesAsync();
        }

        await using var first = NewContext("a");
        await using var second = NewContext("b");
        var a = await first.Cases.Include(x => x.Events).SingleAsync(x => x.Id == id);
        var b = await second.Cases.Include(x => x.Events).SingleAsync(x => x.Id == id);
        var loaded = Core.Cases.CaseSnapshot.Of(b);
        Assert.Equal(a.Version, b.Version);

        a.Plan(supervisor, now, "更换水管", now.AddDays(2));
        await first.SaveChangesAsync();
        b.Plan(supervisor, now, "先堵漏再说", now.AddDays(5));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = NewContext();
        var saved = await check.Cases.Include(x => x.Events).SingleAsync(x => x.Id == id);
        Assert.Equal(("更换水管", now.AddDays(2)), (saved.HandlingPlan, saved.DeadlineAt!.Value));
        Assert.Single(saved.Events, e => e.Kind == CaseEventKind.Planned); // the refused save wrote no timeline entry
        Assert.NotEqual(loaded.Status, saved.Status);
        Assert.Equal([Core.Cases.CaseField.Status, Core.Cases.CaseField.Deadline, Core.Cases.CaseField.Plan],
            Core.Cases.CaseSnapshot.Differences(loaded, Core.Cases.CaseSnapshot.Of(saved)).Select(d => d.Field));
        Assert.NotEqual(b.Version, saved.Version); // a form opened on the old version is detected as stale too
    }

    [Fact]
    public async Task The_timeline_is_saved_with_the_case()
    {
        var (_, id) = await SeedCaseAsync();
        await using var db = NewContext();
        var entry = await db.CaseEvents.SingleAsync(e => e.CaseId == id);
        Assert.Equal(CaseEventKind.Received, entry.Kind);
        Assert.Equal(CaseStatus.Received, entry.ToStatus);
    }

    [Fact]
    public async Task Concurrent_reference_requests_get_distinct_consecutive_numbers()
    {
        var (estate, _) = await SeedCaseAsync();
        var references = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            await using var db = NewContext();
            return await CaseReferenceCounter.NextAsync(db, estate.Id, estate.Code, 2026);
        }));
        Assert.Equal(Enumerable.Range(2, 20).Select(n => $"HY-2026-{n:D5}"), references.Order());
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_database_and_are_shared_between_instances()
    {
        IDataProtector Instance()
        {
            var services = new ServiceCollection();
            services.AddDbContext<OwnerPortalDbContext>(o => OwnerPortalDbContext.Configure(o, _cs));
            services.AddDataProtection().SetApplicationName("OwnerPortal.Portal").PersistKeysToDbContext<OwnerPortalDbContext>();
            return services.BuildServiceProvider().GetDataProtector("cookies");
        }
        var secret = Instance().Protect("session");
        Assert.Equal("session", Instance().Unprotect(secret)); // a second instance reads the first one's key
        await using var db = NewContext();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }

    [Fact]
    public async Task Attachments_are_stored_in_the_configured_folder_not_the_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "op-attachments-" + Guid.NewGuid().ToString("N"));
        var store = new AttachmentStore(Options.Create(new StorageOptions { AttachmentsPath = folder }));
        var key = await store.SaveAsync(new MemoryStream([1, 2, 3]), ".jpg", _clock.GetUtcNow());

        Assert.StartsWith("2026/11/", key);
        Assert.True(File.Exists(Path.Combine(folder, key)));
        await using (var read = store.Open(key))
        {
            var buffer = new MemoryStream();
            await read.CopyToAsync(buffer);
            Assert.Equal(new byte[] { 1, 2, 3 }, buffer.ToArray());
        }
        Assert.Throws<ArgumentException>(() => store.Open("../../etc/passwd"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(new MemoryStream(), ".j/../x", _clock.GetUtcNow()));
        Directory.Delete(folder, recursive: true);
    }
}
