using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Notices;

namespace OwnerPortal.Core.Demo;

/// <summary>
/// Published notices for a first look: each estate's monthly notices of shared complaints for the second and third month
/// before the anchor (last month's is left for the estate manager to publish) (drafted from the generated cases, published on the 5th of the next month) and one information notice
/// in force around the anchor day. Written in the loader's transaction; no mail (the residents were "told" long ago).
/// </summary>
public static class DemoNotices
{
    public static async Task<int> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DateTimeOffset anchor, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<OwnerPortalDbContext>().UseNpgsql(conn).UseSnakeCaseNamingConvention().Options;
        await using var db = new OwnerPortalDbContext(options);
        await db.Database.UseTransactionAsync(tx, ct);
        var t = new StringLocalizer<Strings>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

        var estates = await db.Estates.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var estate in estates)
        {
            var zone = await EstateTime.ZoneAsync(db, estate.Id, ct);
            var today = EstateTime.DateOf(anchor, zone);
            var manager = await db.Staff.Where(s => s.EstateId == estate.Id && s.Role == Domain.People.StaffRole.EstateManager)
                .Select(s => s.FullName).FirstOrDefaultAsync(ct) ?? "";
            for (var back = 3; back >= 2; back--)
            {
                var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
                var published = Kpis.Period.Month(month.AddMonths(1), zone).From.AddDays(4).AddHours(2);
                var complaints = await MonthlyNoticeDraft.LoadAsync(db, estate.Id, month, zone, published, ct);
                var (title, markdown) = MonthlyNoticeDraft.Compose(t, estate.Name, month, complaints, estate.OfficePhone);
                db.Notices.Add(new Notice
                {
                    EstateId = estate.Id, Kind = NoticeKind.MonthlyComplaints, Month = month, Title = title, BodyMarkdown = markdown,
                    PublishedHtml = NoticeMarkdown.ToSafeHtml(markdown), Status = NoticeStatus.Published, PublishedAt = published, PublishedBy = manager,
                    CreatedAt = published, UpdatedAt = published, CreatedBy = "demo", UpdatedBy = "demo",
                });
            }
            var building = await db.Buildings.Where(b => b.EstateId == estate.Id).OrderBy(b => b.Id).Select(b => new { b.Id, b.Name }).FirstAsync(ct);
            var body = $"为保障电梯安全运行，{building.Name}栋电梯将进行年度维保，期间每部电梯轮流停用约 2 小时，请住户合理安排出行。\n\n如有疑问请致电管理处：{estate.OfficePhone}。";
            db.Notices.Add(new Notice
            {
                EstateId = estate.Id, Kind = NoticeKind.Information, Topic = NoticeTopic.Works, Title = $"{building.Name}栋电梯年度维保通知",
                BodyMarkdown = body, PublishedHtml = NoticeMarkdown.ToSafeHtml(body), AffectedBuildingIds = [building.Id],
                ValidFrom = anchor.AddDays(-1), ValidUntil = anchor.AddDays(3), Status = NoticeStatus.Published,
                PublishedAt = anchor.AddDays(-2), PublishedBy = manager,
                CreatedAt = anchor.AddDays(-2), UpdatedAt = anchor.AddDays(-2), CreatedBy = "demo", UpdatedBy = "demo",
            });
        }
        return await db.SaveChangesAsync(ct);
    }
}
