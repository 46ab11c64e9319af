using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Notices;
using OwnerPortal.Core.Notices;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Notices;

/// <summary>Notices against the demo data on a real PostgreSQL: the draft, publishing, mail and who may read.</summary>
public class NoticeDatabaseTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly October = new(2026, 10, 1);

    private static async Task<string> DemoAsync()
    {
        var cs = await TestDatabase.CreateAsync();
        await new DemoDataGenerator(new DemoScale { Anchor = Anchor }).LoadAsync(cs);
        return cs;
    }

    private static NoticeDesk Desk(OwnerPortalDbContext db) => new(db, TestStrings.Localizer,
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PortalUrl"] = "https://portal.example" }).Build(),
        new FakeTimeProvider(Anchor.AddHours(2)));

    [Fact]
    public async Task The_monthly_draft_lists_the_months_shared_complaints_and_no_personal_data_of_any_reporter()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var notice = await Desk(db).MonthlyAsync(1, October);

        // Independent count over the raw table (month in Asia/Shanghai).
        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("""
            SELECT count(*) FROM cases
            WHERE estate_id = 1 AND type = 0 AND NOT is_test AND status <> 8
              AND received_at >= '2026-09-30 16:00Z' AND received_at < '2026-10-31 16:00Z'
              AND (location = 1 OR category = 6)
            """, conn);
        var expected = (long)(await cmd.ExecuteScalarAsync())!;
        Assert.True(expected > 0, "the demo data has shared complaints in October");
        var html = new HtmlParser().ParseDocument(NoticeMarkdown.ToSafeHtml(notice.BodyMarkdown));
        Assert.Equal(expected, html.QuerySelectorAll("tbody tr").Length);

        // Nothing that identifies any reporter of the month, shared complaint or not.
        var (from, until) = MonthlyNoticeDraft.MonthRange(October, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var reporters = await db.Cases.Where(c => c.EstateId == 1 && c.ReceivedAt >= from && c.ReceivedAt < until)
            .Select(c => new { c.ReporterName, c.ReporterPhone, Unit = db.Units.Where(u => u.Id == c.UnitId).Select(u => u.Number).FirstOrDefault() })
            .ToListAsync();
        Assert.NotEmpty(reporters);
        foreach (var r in reporters)
        {
            if (r.ReporterName.Length >= 2) Assert.DoesNotContain(r.ReporterName, notice.BodyMarkdown);
            if (r.ReporterPhone.Length >= 7) Assert.DoesNotContain(r.ReporterPhone, notice.BodyMarkdown);
            if (r.Unit is not null) Assert.DoesNotContain(r.Unit, notice.BodyMarkdown);
        }
        Assert.Equal(NoticeStatus.Draft, notice.Status);
        Assert.Same(notice, await Desk(db).MonthlyAsync(1, October.AddDays(14))); // one per month, whatever day is asked
    }

    [Fact]
    public async Task A_reporters_name_and_phone_written_into_the_resolution_note_do_not_reach_the_draft()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var (from, until) = MonthlyNoticeDraft.MonthRange(October, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var shared = await db.Cases.Include(c => c.Events)
            .Where(c => c.EstateId == 1 && c.Type == CaseType.Complaint && c.Location == CaseLocation.PublicArea && c.ReceivedAt >= from && c.ReceivedAt < until
                        && c.ResolvedAt != null && c.ReporterName != "")
            .FirstAsync();
        var unit = await db.Units.Where(u => u.Id == shared.UnitId).Select(u => u.Number).FirstAsync();
        var resolved = shared.Events.Where(e => e.Kind == CaseEventKind.Resolved).OrderByDescending(e => e.At).First();
        db.Entry(resolved).Property(e => e.Text).CurrentValue = $"已电话告知{shared.ReporterName}（{shared.ReporterPhone}，{unit}），灯具已更换";
        await db.SaveChangesAsync();

        var notice = await Desk(db).MonthlyAsync(1, October);
        Assert.Contains("灯具已更换", notice.BodyMarkdown);
        Assert.DoesNotContain(shared.ReporterName, notice.BodyMarkdown);
        Assert.DoesNotContain(shared.ReporterPhone, notice.BodyMarkdown);
        Assert.DoesNotContain(unit, notice.BodyMarkdown);
    }

    [Fact]
    public async Task Names_of_the_estates_residents_who_did_not_report_and_addresses_are_removed_and_listed_for_review()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var (from, until) = MonthlyNoticeDraft.MonthRange(October, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var shared = await db.Cases.Include(c => c.Events)
            .Where(c => c.EstateId == 1 && c.Type == CaseType.Complaint && c.Location == CaseLocation.PublicArea && c.ReceivedAt >= from && c.ReceivedAt < until
                        && c.ResolvedAt != null)
            .FirstAsync();
        // A neighbour of the estate (e.g. a follower) who reported nothing this month.
        var reporters = await db.Cases.Where(c => c.EstateId == 1).Select(c => c.ReporterName).Distinct().ToListAsync();
        var neighbour = await db.People
            .Where(p => p.FullName.Length >= 3 && !reporters.Contains(p.FullName) && p.Units.Any(m => db.Units.Any(u => u.Id == m.UnitId && u.EstateId == 1)))
            .Select(p => p.FullName).FirstAsync();
        var resolved = shared.Events.Where(e => e.Kind == CaseEventKind.Resolved).OrderByDescending(e => e.At).First();
        db.Entry(resolved).Property(e => e.Text).CurrentValue = $"与{neighbour}（neighbour@example.com，0755-26001234）一起验收，灯具已更换";
        await db.SaveChangesAsync();

        var notice = await Desk(db).MonthlyAsync(1, October);
        Assert.Contains("灯具已更换", notice.BodyMarkdown);
        Assert.DoesNotContain(neighbour, notice.BodyMarkdown);
        Assert.DoesNotContain("neighbour@example.com", notice.BodyMarkdown);
        Assert.DoesNotContain("26001234", notice.BodyMarkdown);
        Assert.Contains(neighbour, notice.ScrubbedOut);
        Assert.Contains("neighbour@example.com", notice.ScrubbedOut);
        Assert.Contains("0755-26001234", notice.ScrubbedOut);

        await Desk(db).PublishAsync(notice, "manager");
        Assert.Empty(notice.ScrubbedOut); // reviewed: not kept after publication
    }

    [Fact]
    public async Task Every_hostile_body_published_through_the_desk_comes_out_safe_and_as_previewed()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var desk = Desk(db);
        var notices = XssPayloads.All.Select(p => new Notice
        {
            EstateId = 1, Kind = NoticeKind.Information, Topic = NoticeTopic.Other, Title = "测试", BodyMarkdown = p, Status = NoticeStatus.Draft,
        }).ToList();
        db.Notices.AddRange(notices);
        await db.SaveChangesAsync();
        foreach (var n in notices) await desk.PublishAsync(n, "经理");
        await db.SaveChangesAsync();

        await using var fresh = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var published = await fresh.Notices.Where(n => n.Kind == NoticeKind.Information && n.Title == "测试").ToListAsync();
        Assert.Equal(XssPayloads.All.Length, published.Count);
        foreach (var n in published)
        {
            SafeHtml.Assert(n.PublishedHtml!);
            Assert.Equal(NoticeMarkdown.ToSafeHtml(n.BodyMarkdown), n.PublishedHtml); // the preview is what is published
        }
        Assert.Empty(await fresh.Outbox.ToListAsync()); // not urgent: no mail
    }

    [Fact]
    public async Task Publishing_the_monthly_notice_mails_the_estates_residents_once_and_only_its_owners_can_read_it()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var desk = Desk(db);
        var notice = await desk.MonthlyAsync(1, October);
        await desk.PublishAsync(notice, "经理");
        await db.SaveChangesAsync();
        await desk.PublishAsync(notice, "经理"); // a correction: no second round of mail
        await db.SaveChangesAsync();

        var mails = await db.Outbox.AsNoTracking().ToListAsync();
        var hyResidents = await db.People.Where(p => p.Email != null && p.UserId != null
            && db.UnitMemberships.Any(m => m.PersonId == p.Id && m.RevokedAt == null && db.Units.Any(u => u.Id == m.UnitId && u.EstateId == 1)))
            .Select(p => p.Email!).ToListAsync();
        Assert.NotEmpty(hyResidents);
        Assert.Equal(hyResidents.Distinct().Order(), mails.Select(m => m.To).Order());
        Assert.Equal(mails.Count, notice.MailedCount);
        Assert.DoesNotContain(mails, m => m.To == "owner1.bhw@demo.ownerportal.cn");

        var hyOwner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var bhwOwner = await db.People.SingleAsync(p => p.Email == "owner1.bhw@demo.ownerportal.cn");
        Assert.True(await OwnerNotices.Readable(db, hyOwner.Id).AnyAsync(n => n.Id == notice.Id));
        Assert.False(await OwnerNotices.Readable(db, bhwOwner.Id).AnyAsync(n => n.Id == notice.Id));

        NoticeDesk.Withdraw(notice);
        await db.SaveChangesAsync();
        Assert.False(await OwnerNotices.Readable(db, hyOwner.Id).AnyAsync(n => n.Id == notice.Id));
    }

    [Fact]
    public async Task An_urgent_information_notice_is_pinned_and_mailed_only_for_the_buildings_it_affects_while_in_force()
    {
        var cs = await DemoAsync();
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        var owner = await db.People.SingleAsync(p => p.Email == "owner1.hy@demo.ownerportal.cn");
        var ownBuilding = await db.UnitMemberships.Where(m => m.PersonId == owner.Id && m.RevokedAt == null).Select(m => m.Unit!.BuildingId).FirstAsync();
        var otherBuilding = await db.Buildings.Where(b => b.EstateId == 1 && b.Id != ownBuilding
            && !db.UnitMemberships.Any(m => m.PersonId == owner.Id && m.RevokedAt == null && m.Unit!.BuildingId == b.Id)).Select(b => b.Id).FirstAsync();
        var now = Anchor.AddHours(2);
        Notice Cut(int building, string title) => new()
        {
            EstateId = 1, Kind = NoticeKind.Information, Topic = NoticeTopic.WaterCut, Title = title, BodyMarkdown = "周五 9:00-17:00 停水",
            AffectedBuildingIds = [building], IsUrgent = true, ValidFrom = now.AddHours(-1), ValidUntil = now.AddDays(1), Status = NoticeStatus.Draft,
        };
        var mine = Cut(ownBuilding, "本楼停水");
        var other = Cut(otherBuilding, "他楼停水");
        db.Notices.AddRange(mine, other);
        await db.SaveChangesAsync();
        var desk = Desk(db);
        await desk.PublishAsync(mine, "客服");
        await desk.PublishAsync(other, "客服");
        await db.SaveChangesAsync();

        var pinned = await OwnerNotices.PinnedAsync(db, owner.Id, now);
        Assert.Equal(["本楼停水"], pinned.Select(n => n.Title).Where(title => title.Contains("停水")));
        Assert.DoesNotContain(await OwnerNotices.PinnedAsync(db, owner.Id, now.AddDays(2)), n => n.Title.Contains("停水")); // expired
        Assert.True(await db.Outbox.AnyAsync(m => m.To == owner.Email && m.Subject.Contains("本楼停水")));
        Assert.False(await db.Outbox.AnyAsync(m => m.To == owner.Email && m.Subject.Contains("他楼停水")));
        Assert.True(mine.MailedCount > 0);
    }
}
