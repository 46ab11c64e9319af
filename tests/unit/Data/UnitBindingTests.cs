using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Identity;
using OwnerPortal.Core.Localization;
using OwnerPortal.Core.Mail;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Data;

/// <summary>The staff side of binding owners to units on real PostgreSQL: printed codes and link request decisions, in scope.</summary>
public class UnitBindingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly DecisionMail Mail = new(
        TestStrings.Localizer,
        "https://portal.example.cn");

    private string _cs = "";
    private Seed _seed = null!;

    private sealed record Seed(int EstateA, int EstateB, int UnitA1, int UnitA2, int UnitB1, int ClerkA, int ClerkB, int OwnerA1, int Applicant);

    private sealed record Scope(int? EstateId) : IEstateScope
    {
        public bool IsRestricted => EstateId is not null;
    }

    public async Task InitializeAsync()
    {
        _cs = await TestDatabase.CreateAsync();
        await using var db = Context();
        Estate NewEstate(string code, string name) => new() { Code = code, Name = name, Address = "深圳", FloorAreaM2 = 1000, OfficePhone = "0755-8888" + code.Length, OfficeHours = "8:30-18:00" };
        var (a, b) = (NewEstate("HY", "华苑新城"), NewEstate("BHW", "碧海湾花园"));
        db.Estates.AddRange(a, b);
        await db.SaveChangesAsync();
        var (ba, bb) = (new Building { EstateId = a.Id, Name = "1", Floors = 10 }, new Building { EstateId = b.Id, Name = "1", Floors = 10 });
        db.Buildings.AddRange(ba, bb);
        await db.SaveChangesAsync();
        var units = new[]
        {
            new Unit { EstateId = a.Id, BuildingId = ba.Id, Number = "1-1-101", Floor = 1 },
            new Unit { EstateId = a.Id, BuildingId = ba.Id, Number = "1-1-102", Floor = 1 },
            new Unit { EstateId = b.Id, BuildingId = bb.Id, Number = "1-1-101", Floor = 1 },
        };
        db.Units.AddRange(units);
        var clerks = new[]
        {
            new Staff { FullName = "调度甲", Email = "a@example.com", Phone = "13800000001", Role = StaffRole.Dispatcher, EstateId = a.Id },
            new Staff { FullName = "调度乙", Email = "b@example.com", Phone = "13800000002", Role = StaffRole.Dispatcher, EstateId = b.Id },
        };
        db.Staff.AddRange(clerks);
        var owner = new Person { FullName = "王芳", Phone = "13911112222", Email = "wang.fang@example.com" };
        var applicant = new Person { FullName = "李娜", Phone = "13933334444", Email = "li.na@example.com" };
        db.People.AddRange(owner, applicant);
        await db.SaveChangesAsync();
        db.UnitMemberships.Add(new UnitMembership { PersonId = owner.Id, UnitId = units[0].Id, Relation = UnitRelation.Owner, Since = Now.AddYears(-1) });
        await db.SaveChangesAsync();
        _seed = new Seed(a.Id, b.Id, units[0].Id, units[1].Id, units[2].Id, clerks[0].Id, clerks[1].Id, owner.Id, applicant.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Unscoped (tools, tests) or scoped like a staff member of one estate in the Admin.</summary>
    private OwnerPortalDbContext Context(int? estateId = null) => new(TestDatabase.Options(_cs), new Scope(estateId));

    private async Task<int> RequestAsync(int unitId, UnitRelation relation = UnitRelation.CoOwner)
    {
        await using var db = Context();
        var request = new UnitLinkRequest { PersonId = _seed.Applicant, UnitId = unitId, Relation = relation, Status = LinkRequestStatus.Pending, CreatedAt = Now.AddDays(-1), Note = "我是共有人" };
        db.UnitLinkRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    [Fact]
    public async Task Approving_links_the_person_sets_the_active_unit_and_writes_the_mail_in_one_go()
    {
        var id = await RequestAsync(_seed.UnitA1);
        await using (var db = Context(_seed.EstateA))
            Assert.Equal(LinkDecisionResult.Done, await LinkRequestDecisions.ApproveAsync(db, id, _seed.ClerkA, Mail, Now));

        await using var check = Context();
        var request = await check.UnitLinkRequests.SingleAsync(r => r.Id == id);
        Assert.Equal((LinkRequestStatus.Approved, Now, _seed.ClerkA, (string?)null), (request.Status, request.DecidedAt, request.DecidedByStaffId, request.Reason));
        var link = await check.UnitMemberships.SingleAsync(m => m.PersonId == _seed.Applicant);
        Assert.Equal((_seed.UnitA1, UnitRelation.CoOwner, (DateTimeOffset?)null), (link.UnitId, link.Relation, link.RevokedAt));
        Assert.Equal(_seed.UnitA1, (await check.People.SingleAsync(p => p.Id == _seed.Applicant)).ActiveUnitId);
        var mail = await check.Outbox.SingleAsync();
        Assert.Equal(("li.na@example.com", "link.approved", OutboxStatus.Queued), (mail.To, mail.Kind, mail.Status));
        // Owners choose no mail language: the default (zh-Hans), whatever the clerk's screen shows.
        Assert.Equal("房屋关联已通过 - 业主服务平台", mail.Subject);
        Assert.Contains("华苑新城 1-1-101", mail.TextBody);
        Assert.Contains("https://portal.example.cn", mail.TextBody);
        Assert.Contains("<a href=\"https://portal.example.cn\">", mail.HtmlBody);
    }

    [Fact]
    public async Task Approving_keeps_an_active_unit_the_person_already_has()
    {
        await using (var db = Context())
        {
            db.UnitMemberships.Add(new UnitMembership { PersonId = _seed.Applicant, UnitId = _seed.UnitB1, Relation = UnitRelation.Owner, Since = Now.AddMonths(-2) });
            (await db.People.SingleAsync(p => p.Id == _seed.Applicant)).ActiveUnitId = _seed.UnitB1;
            await db.SaveChangesAsync();
        }
        var id = await RequestAsync(_seed.UnitA2, UnitRelation.Resident);
        await using (var db = Context(_seed.EstateA))
            Assert.Equal(LinkDecisionResult.Done, await LinkRequestDecisions.ApproveAsync(db, id, _seed.ClerkA, Mail, Now));

        await using var check = Context();
        Assert.Equal(_seed.UnitB1, (await check.People.SingleAsync(p => p.Id == _seed.Applicant)).ActiveUnitId);
        Assert.Equal(2, await check.UnitMemberships.CountAsync(m => m.PersonId == _seed.Applicant));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task Rejecting_needs_a_reason(string? reason)
    {
        var id = await RequestAsync(_seed.UnitA1);
        await using (var db = Context(_seed.EstateA))
            Assert.Equal(LinkDecisionResult.ReasonRequired, await LinkRequestDecisions.RejectAsync(db, id, _seed.ClerkA, reason, Mail, Now));
        await using var check = Context();
        Assert.Equal(LinkRequestStatus.Pending, (await check.UnitLinkRequests.SingleAsync(r => r.Id == id)).Status);
        Assert.False(await check.Outbox.AnyAsync());
    }

    [Fact]
    public async Task Rejecting_keeps_the_reason_for_the_owner_and_mails_it_without_linking()
    {
        var id = await RequestAsync(_seed.UnitA1);
        await using (var db = Context(_seed.EstateA))
            Assert.Equal(LinkDecisionResult.Done, await LinkRequestDecisions.RejectAsync(db, id, _seed.ClerkA, "  与产权登记不符  ", Mail, Now));

        await using var check = Context();
        var request = await check.UnitLinkRequests.SingleAsync(r => r.Id == id);
        Assert.Equal((LinkRequestStatus.Rejected, "与产权登记不符", _seed.ClerkA), (request.Status, request.Reason, request.DecidedByStaffId));
        Assert.False(await check.UnitMemberships.AnyAsync(m => m.PersonId == _seed.Applicant));
        var mail = await check.Outbox.SingleAsync();
        Assert.Equal("link.rejected", mail.Kind);
        Assert.Contains("与产权登记不符", mail.TextBody);
    }

    [Fact]
    public async Task A_decided_request_cannot_be_decided_again()
    {
        var id = await RequestAsync(_seed.UnitA1);
        await using (var db = Context(_seed.EstateA))
        {
            Assert.Equal(LinkDecisionResult.Done, await LinkRequestDecisions.RejectAsync(db, id, _seed.ClerkA, "不符", Mail, Now));
            Assert.Equal(LinkDecisionResult.AlreadyDecided, await LinkRequestDecisions.ApproveAsync(db, id, _seed.ClerkA, Mail, Now.AddMinutes(1)));
            Assert.Equal(LinkDecisionResult.AlreadyDecided, await LinkRequestDecisions.RejectAsync(db, id, _seed.ClerkA, "再次", Mail, Now.AddMinutes(1)));
        }
        await using var check = Context();
        var request = await check.UnitLinkRequests.SingleAsync(r => r.Id == id);
        Assert.Equal((LinkRequestStatus.Rejected, "不符", Now), (request.Status, request.Reason, request.DecidedAt));
        Assert.False(await check.UnitMemberships.AnyAsync(m => m.PersonId == _seed.Applicant));
        Assert.Equal(1, await check.Outbox.CountAsync());
    }

    [Fact]
    public async Task Of_two_clerks_deciding_at_once_only_one_decision_counts()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await RequestAsync(_seed.UnitA2);
            var results = await Task.WhenAll(
                Task.Run(async () => { await using var db = Context(_seed.EstateA); return await LinkRequestDecisions.ApproveAsync(db, id, _seed.ClerkA, Mail, Now); }),
                Task.Run(async () => { await using var db = Context(_seed.EstateA); return await LinkRequestDecisions.RejectAsync(db, id, _seed.ClerkA, "重复", Mail, Now); }));
            Assert.Single(results, LinkDecisionResult.Done);
            Assert.Single(results, LinkDecisionResult.AlreadyDecided);

            await using var check = Context();
            var status = (await check.UnitLinkRequests.SingleAsync(r => r.Id == id)).Status;
            var links = await check.UnitMemberships.CountAsync(m => m.PersonId == _seed.Applicant && m.RevokedAt == null);
            Assert.Equal(status == LinkRequestStatus.Approved ? 1 : 0, links);
            Assert.Equal(round + 1, await check.Outbox.CountAsync());
            // Start the next round from an unlinked applicant.
            await check.UnitMemberships.Where(m => m.PersonId == _seed.Applicant).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task Staff_of_another_estate_cannot_see_or_decide_the_request()
    {
        var id = await RequestAsync(_seed.UnitA1);
        await using (var db = Context(_seed.EstateB))
        {
            Assert.False(await db.UnitLinkRequests.AnyAsync(r => r.Id == id));
            Assert.Equal(LinkDecisionResult.NotFound, await LinkRequestDecisions.ApproveAsync(db, id, _seed.ClerkB, Mail, Now));
            Assert.Equal(LinkDecisionResult.NotFound, await LinkRequestDecisions.RejectAsync(db, id, _seed.ClerkB, "不是我们的", Mail, Now));
        }
        await using var check = Context();
        Assert.Equal(LinkRequestStatus.Pending, (await check.UnitLinkRequests.SingleAsync(r => r.Id == id)).Status);
    }

    [Fact]
    public async Task New_codes_revoke_the_older_unused_codes_of_the_unit_only()
    {
        IReadOnlyList<IssuedCode> first, second;
        await using (var db = Context(_seed.EstateA))
        {
            first = (await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1, _seed.UnitA2], _seed.ClerkA, Now))!;
            second = (await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1], _seed.ClerkA, Now.AddHours(1)))!;
        }
        Assert.Equal(2, first.Count);
        Assert.All(first, c => Assert.Equal(UnitBindings.CodeLength, c.Code.Length));
        Assert.Equal(Now + UnitBindings.CodeLifetime, first[0].ExpiresAt);

        await using var check = Context();
        var codes = await check.BindingCodes.OrderBy(b => b.Id).ToListAsync();
        Assert.Equal(3, codes.Count);
        Assert.Equal(Now.AddHours(1), codes.Single(c => c.UnitId == _seed.UnitA1 && c.CreatedAt == Now).RevokedAt);
        Assert.Null(codes.Single(c => c.UnitId == _seed.UnitA2).RevokedAt);
        // Only hashes are stored.
        Assert.DoesNotContain(codes, c => c.CodeHash.Contains(second[0].Code, StringComparison.OrdinalIgnoreCase));

        // The old letter no longer works; the new one does, once.
        var oldCode = first.Single(c => c.UnitId == _seed.UnitA1).Code;
        Assert.Equal(BindResult.InvalidCode, (await UnitBindings.BindWithCodeAsync(check, _seed.Applicant, oldCode, UnitRelation.Owner, Now.AddHours(2))).Result);
        Assert.Equal(BindResult.Bound, (await UnitBindings.BindWithCodeAsync(check, _seed.Applicant, UnitBindings.Display(second[0].Code), UnitRelation.Owner, Now.AddHours(2))).Result);
    }

    [Fact]
    public async Task A_used_code_stays_used_when_new_codes_are_printed()
    {
        string code;
        await using (var db = Context(_seed.EstateA))
            code = (await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1], _seed.ClerkA, Now))![0].Code;
        await using (var db = Context())
            Assert.Equal(BindResult.Bound, (await UnitBindings.BindWithCodeAsync(db, _seed.Applicant, code, UnitRelation.Owner, Now.AddHours(1))).Result);
        await using (var db = Context(_seed.EstateA))
            await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1], _seed.ClerkA, Now.AddHours(2));

        await using var check = Context();
        var used = await check.BindingCodes.SingleAsync(b => b.UsedAt != null);
        Assert.Null(used.RevokedAt);
        Assert.Equal(BindingCodeState.Used, UnitBindings.StateOf(used.UsedAt, used.RevokedAt, used.ExpiresAt, Now.AddHours(3)));
    }

    [Fact]
    public async Task Staff_of_another_estate_cannot_print_or_revoke_codes_of_a_unit()
    {
        IssuedCode issued;
        await using (var db = Context(_seed.EstateA))
            issued = (await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1], _seed.ClerkA, Now))![0];
        await using (var db = Context(_seed.EstateB))
        {
            Assert.Null(await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1], _seed.ClerkB, Now.AddHours(1)));
            // Mixed with one of their own units: still nothing is printed.
            Assert.Null(await UnitBindings.IssueCodesAsync(db, [_seed.UnitB1, _seed.UnitA1], _seed.ClerkB, Now.AddHours(1)));
            int codeId;
            await using (var all = Context()) codeId = await all.BindingCodes.Select(b => b.Id).SingleAsync();
            Assert.False(await db.BindingCodes.AnyAsync(b => b.Id == codeId));
            Assert.False(await UnitBindings.RevokeCodeAsync(db, codeId, Now.AddHours(1)));
        }

        await using var check = Context();
        var code = await check.BindingCodes.SingleAsync();
        Assert.Null(code.RevokedAt); // estate A's letter still works
        Assert.Equal(BindResult.Bound, (await UnitBindings.BindWithCodeAsync(check, _seed.Applicant, issued.Code, UnitRelation.Owner, Now.AddHours(2))).Result);
    }

    [Fact]
    public async Task A_revoked_code_cannot_be_used_or_revoked_again()
    {
        IssuedCode issued;
        await using (var db = Context(_seed.EstateA))
            issued = (await UnitBindings.IssueCodesAsync(db, [_seed.UnitA1], _seed.ClerkA, Now))![0];
        await using var check = Context(_seed.EstateA);
        var id = await check.BindingCodes.Select(b => b.Id).SingleAsync();
        Assert.True(await UnitBindings.RevokeCodeAsync(check, id, Now.AddMinutes(5)));
        Assert.False(await UnitBindings.RevokeCodeAsync(check, id, Now.AddMinutes(6)));
        await using var portal = Context();
        Assert.Equal(BindResult.InvalidCode, (await UnitBindings.BindWithCodeAsync(portal, _seed.Applicant, issued.Code, UnitRelation.Owner, Now.AddHours(1))).Result);
    }

    [Theory]
    [InlineData(null, null, 10, BindingCodeState.Active)]
    [InlineData(null, null, -1, BindingCodeState.Expired)]
    [InlineData(1, null, -1, BindingCodeState.Used)]
    [InlineData(null, 1, 10, BindingCodeState.Revoked)]
    public void The_state_of_a_code(int? usedDaysAgo, int? revokedDaysAgo, int expiresInDays, BindingCodeState expected) =>
        Assert.Equal(expected, UnitBindings.StateOf(usedDaysAgo is { } u ? Now.AddDays(-u) : null,
            revokedDaysAgo is { } r ? Now.AddDays(-r) : null, Now.AddDays(expiresInDays), Now));

    [Fact]
    public void Unit_numbers_sort_by_their_numbers() =>
        Assert.Equal(["3-1-201", "3-1-1001", "3-2-101", "10-1-101"],
            new[] { "10-1-101", "3-1-1001", "3-2-101", "3-1-201" }.OrderBy(UnitNumbers.SortKey, StringComparer.Ordinal));
}
