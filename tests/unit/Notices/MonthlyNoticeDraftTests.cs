using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Notices;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Notices;

public class MonthlyNoticeDraftTests
{
    private static readonly DateTimeOffset Due = new(2026, 10, 10, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(CaseType.Complaint, CaseLocation.PublicArea, CaseCategory.Facilities, true)]
    [InlineData(CaseType.Complaint, CaseLocation.OwnUnit, CaseCategory.NeighbourDispute, true)]
    [InlineData(CaseType.Complaint, CaseLocation.OwnUnit, CaseCategory.Facilities, false)]
    [InlineData(CaseType.RepairRequest, CaseLocation.PublicArea, CaseCategory.Facilities, false)]
    [InlineData(CaseType.Suggestion, CaseLocation.PublicArea, CaseCategory.Greening, false)]
    public void Shared_complaints_are_public_area_complaints_and_disputes_between_owners(CaseType type, CaseLocation location, CaseCategory category, bool shared) =>
        Assert.Equal(shared, MonthlyNoticeDraft.IsShared(type, location, category));

    [Fact]
    public void Timeliness_compares_resolution_with_the_last_agreed_deadline_and_waits_while_it_has_not_passed()
    {
        Assert.Equal(NoticeTimeliness.OnTime, MonthlyNoticeDraft.TimelinessOf(Due, Due, Due.AddDays(5)));
        Assert.Equal(NoticeTimeliness.Late, MonthlyNoticeDraft.TimelinessOf(Due, Due.AddMinutes(1), Due.AddDays(5)));
        Assert.Equal(NoticeTimeliness.InProgress, MonthlyNoticeDraft.TimelinessOf(Due, null, Due.AddMinutes(-1)));
        Assert.Equal(NoticeTimeliness.Late, MonthlyNoticeDraft.TimelinessOf(Due, null, Due.AddMinutes(1)));
        Assert.Equal(NoticeTimeliness.NoDeadline, MonthlyNoticeDraft.TimelinessOf(null, null, Due));
    }

    [Fact]
    public void Verification_prefers_the_owners_own_word()
    {
        Assert.Equal(NoticeVerification.OwnerConfirmed, MonthlyNoticeDraft.VerificationOf(true, 1, CaseStatus.Closed));
        Assert.Equal(NoticeVerification.Reopened, MonthlyNoticeDraft.VerificationOf(false, 1, CaseStatus.Closed));
        Assert.Equal(NoticeVerification.Verified, MonthlyNoticeDraft.VerificationOf(false, 0, CaseStatus.Verified));
        Assert.Equal(NoticeVerification.Pending, MonthlyNoticeDraft.VerificationOf(false, 0, CaseStatus.Resolved));
    }

    [Fact]
    public void Month_range_is_the_calendar_month_in_the_estate_zone()
    {
        var (from, until) = MonthlyNoticeDraft.MonthRange(new DateOnly(2026, 10, 1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), until);
    }

    [Fact]
    public void The_draft_counts_and_tabulates_the_month_in_markdown()
    {
        var complaints = new[]
        {
            new SharedComplaint(new DateOnly(2026, 10, 3), CaseCategory.Facilities, "3号楼大堂", CaseStatus.Closed, "更换了灯具 | 已测试", NoticeTimeliness.OnTime, NoticeVerification.OwnerConfirmed),
            new SharedComplaint(new DateOnly(2026, 10, 9), CaseCategory.NeighbourDispute, null, CaseStatus.InProgress, null, NoticeTimeliness.InProgress, NoticeVerification.Pending),
        };
        var (title, markdown) = MonthlyNoticeDraft.Compose(TestStrings.Localizer, "华苑新城", new DateOnly(2026, 10, 1), complaints, "0755-8888 0001");
        Assert.Equal("华苑新城 2026年10月公共投诉处理情况公告", title);
        Assert.Contains("**2** 宗，已处理完毕 1 宗（其中按时完成 1 宗），仍在处理 1 宗", markdown);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(NoticeMarkdown.ToSafeHtml(markdown));
        var rows = html.QuerySelectorAll("tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Equal(["10月3日", "设施设备", "3号楼大堂", "更换了灯具 | 已测试", "按时", "业主确认已解决"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent).ToArray());
        Assert.Equal("业主之间", rows[1].QuerySelectorAll("td")[2].TextContent);
    }

    [Fact]
    public void Scrubber_masks_known_names_phones_and_unit_numbers_and_anything_shaped_like_them()
    {
        var scrubber = new PersonalDataScrubber(["张伟", "13812345678", "3-2-1203", "", "王"]);
        var text = scrubber.Scrub("已联系张伟（13812345678），3-2-1203 与 5栋1101室 的漏水已修复；电话 0755-2345 6789；王师傅到场");
        Assert.DoesNotContain("张伟", text);
        Assert.DoesNotContain("1381234", text);
        Assert.DoesNotContain("1203", text);
        Assert.DoesNotContain("1101", text);
        Assert.DoesNotContain("2345", text);
        Assert.Contains("王师傅到场", text); // one-letter values are too common to mask
        Assert.Contains("漏水已修复", text);
    }
    [Theory]
    [InlineData("已联系住户 zhang.wei+home@example.com.cn，灯具已更换", "zhang.wei+home@example.com.cn")]
    [InlineData("已联系住户（邮箱 li_na2026@qq.com），灯具已更换", "li_na2026@qq.com")]
    [InlineData("已联系住户（138 1234 5678），灯具已更换", "138 1234 5678")]
    [InlineData("已联系住户（138-1234-5678），灯具已更换", "138-1234-5678")]
    [InlineData("已联系住户（+86 139 2345 6789），灯具已更换", "+86 139 2345 6789")]
    [InlineData("已联系住户（+8615912345678），灯具已更换", "+8615912345678")]
    [InlineData("已联系住户（0086-13712345678），灯具已更换", "0086-13712345678")]
    [InlineData("已联系住户（0755-12345678），灯具已更换", "0755-12345678")]
    [InlineData("已联系住户（(0755) 1234 5678），灯具已更换", "(0755) 1234 5678")]
    [InlineData("已联系住户（+86 755 8765 4321），灯具已更换", "+86 755 8765 4321")]
    public void Scrubber_masks_e_mail_addresses_and_phone_numbers_by_their_shape_and_reports_them(string text, string personal)
    {
        var scrubber = new PersonalDataScrubber([]);
        var scrubbed = scrubber.Scrub(text);
        Assert.Equal(text.Replace(personal, PersonalDataScrubber.Mask, StringComparison.Ordinal), scrubbed);
        Assert.Equal([personal], scrubber.Removed);
    }

    [Fact]
    public void Scrubber_reports_each_known_value_it_removed_once_across_texts()
    {
        var scrubber = new PersonalDataScrubber(["赵敏", "周芷若", "13512345678"]);
        Assert.Equal("*** 与 *** 已到场", scrubber.Scrub("赵敏 与 周芷若 已到场"));
        Assert.Equal("***（***）确认", scrubber.Scrub("赵敏（13512345678）确认"));
        Assert.Equal("灯具已更换", scrubber.Scrub("灯具已更换"));
        Assert.Equal(["13512345678", "周芷若", "赵敏"], scrubber.Removed.Order(StringComparer.Ordinal));
    }
}
