using OwnerPortal.Core.Domain.Hotline;
using OwnerPortal.Core.Hotline;
using OwnerPortal.Core.Text;

namespace OwnerPortal.UnitTests.Hotline;

/// <summary>SPEC 3 (003 4.6): the estate's first response within 24 hours of receipt, then completion; SPEC 6 service hours.</summary>
public class HotlineRulesTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static HotlineFacts Facts(double? fileSentH = null, double? responseH = null, double? completionH = null, double? closedH = null,
        double? caseReplyH = null, double? caseClosedH = null)
    {
        DateTimeOffset? At(double? h) => h is { } v ? Received.AddHours(v) : null;
        return new HotlineFacts(Received, At(fileSentH), At(responseH), At(completionH), At(closedH), At(caseReplyH), At(caseClosedH));
    }

    [Fact]
    public void First_response_is_due_24_hours_after_receipt()
    {
        Assert.Equal(Received.AddHours(24), HotlineRules.FirstResponseDue(Received));
        Assert.Equal(Received.AddHours(24), Facts().FirstResponseDueAt);
    }

    [Theory]
    [InlineData(23.9, true)]
    [InlineData(24.0, true)]  // exactly at the due time is in time
    [InlineData(24.1, false)]
    public void A_response_on_the_handling_file_is_in_time_up_to_the_24th_hour(double hours, bool inTime) =>
        Assert.Equal(inTime, HotlineRules.FirstResponseInTime(Facts(fileSentH: 1, responseH: hours), Received.AddHours(48)));

    [Fact]
    public void Without_a_response_it_is_pending_until_due_then_late()
    {
        var f = Facts(fileSentH: 1);
        Assert.Null(HotlineRules.FirstResponseInTime(f, Received.AddHours(23)));
        Assert.Equal(HotlineStage.AwaitingFirstResponse, HotlineRules.Stage(f, Received.AddHours(23)));
        Assert.False(HotlineRules.FirstResponseInTime(f, Received.AddHours(25)));
        Assert.Equal(HotlineStage.FirstResponseOverdue, HotlineRules.Stage(f, Received.AddHours(25)));
    }

    [Fact]
    public void A_reply_by_the_estate_on_the_case_counts_as_the_first_response_whichever_came_first()
    {
        var f = Facts(fileSentH: 1, responseH: 30, caseReplyH: 5);
        Assert.Equal(Received.AddHours(5), f.FirstResponseAt);
        Assert.True(HotlineRules.FirstResponseInTime(f, Received.AddHours(48)));
        Assert.Equal(HotlineStage.AwaitingCompletion, HotlineRules.Stage(f, Received.AddHours(48)));
    }

    [Fact]
    public void Replies_and_closings_before_the_receipt_belong_to_an_older_matter()
    {
        var f = Facts(caseReplyH: -3, caseClosedH: -1);
        Assert.Null(f.FirstResponseAt);
        Assert.Null(f.CompletedAt);
        Assert.Equal(HotlineStage.New, HotlineRules.Stage(f, Received.AddHours(1)));
        Assert.Equal(HotlineStage.FirstResponseOverdue, HotlineRules.Stage(f, Received.AddHours(25)));
    }

    [Fact]
    public void Completion_is_reported_on_the_file_or_the_case_is_closed_and_counts_as_a_response_too()
    {
        var reported = Facts(fileSentH: 1, completionH: 10);
        Assert.Equal(Received.AddHours(10), reported.CompletedAt);
        Assert.Equal(Received.AddHours(10), reported.FirstResponseAt);
        Assert.Equal(HotlineStage.Completed, HotlineRules.Stage(reported, Received.AddHours(30)));

        var closedCase = Facts(fileSentH: 1, responseH: 2, caseClosedH: 50);
        Assert.Equal(Received.AddHours(50), closedCase.CompletedAt);
        Assert.Equal(HotlineStage.Completed, HotlineRules.Stage(closedCase, Received.AddHours(51)));
    }

    [Fact]
    public void The_desk_closes_a_matter_only_after_completion()
    {
        var ticket = HotlineTicket.Open(1, 7, HotlineSource.Call, Received, "王先生", "13800001234", null, "楼道漏水", 3, "全质办");
        Assert.Equal(Received.AddHours(24), ticket.FirstResponseDueAt);
        Assert.Throws<InvalidOperationException>(() => ticket.RecordFirstResponse(Received.AddHours(1), "已联系", "经理")); // no file yet
        ticket.SendHandlingFile(Received.AddHours(1), "请当日上门查看", "全质办");
        Assert.Throws<InvalidOperationException>(() => ticket.SendHandlingFile(Received.AddHours(2), "again", "全质办"));
        Assert.Throws<InvalidOperationException>(() => ticket.Close(Received.AddHours(3), "结案", "全质办", completedAt: null));
        ticket.RecordFirstResponse(Received.AddHours(3), "已联系业主", "经理");
        ticket.RecordCompletion(Received.AddHours(20), "已修复", "经理");
        ticket.Close(Received.AddHours(30), "业主满意", "全质办", ticket.CompletedAt);
        Assert.Equal(HotlineStage.Done, HotlineRules.Stage(new HotlineFacts(ticket.ReceivedAt, ticket.HandlingFileSentAt, ticket.FirstResponseAt,
            ticket.CompletedAt, ticket.ClosedAt), Received.AddHours(31)));
        Assert.Throws<InvalidOperationException>(() => ticket.RecordCompletion(Received.AddHours(31), "x", "经理"));
    }

    [Theory]
    [InlineData(0, 29, false)]  // 08:29
    [InlineData(0, 30, true)]   // 08:30
    [InlineData(9, 59, true)]   // 17:59
    [InlineData(10, 0, false)]  // 18:00
    public void The_hotline_is_staffed_every_day_from_0830_to_1800(int utcHour, int minute, bool open) =>
        Assert.Equal(open, HotlineRules.WithinServiceHours(new DateTimeOffset(2026, 12, 25, utcHour, minute, 0, TimeSpan.Zero), Shanghai));

    private static HotlineView View(long id, string estate, HotlineFacts f, HotlineSource source = HotlineSource.Call, DateTimeOffset? now = null)
    {
        var at = now ?? Received.AddHours(48);
        return new HotlineView(id, 1, estate, id, $"HY-2026-{id:00000}", source, f.ReceivedAt, "王先生", "13800001234", "3-2-1201", "楼道漏水, \"急\"", f,
            HotlineRules.Stage(f, at), HotlineRules.FirstResponseInTime(f, at));
    }

    [Fact]
    public void The_daily_report_counts_calls_files_responses_in_time_completion_and_outstanding()
    {
        var now = Received.AddHours(20);
        var rows = new[]
        {
            View(1, "华苑新城", Facts(fileSentH: 1, responseH: 3, completionH: 10), now: now),     // in time, completed
            View(2, "华苑新城", Facts(fileSentH: 1), now: now),                                    // pending (20 h of 24)
            View(3, "碧海湾花园", Facts() with { ReceivedAt = Received.AddHours(-30) }, HotlineSource.OwnerEscalation, now), // late, nothing sent
        };
        var report = HotlineReport.Build(new DateOnly(2026, 11, 23), rows, now);
        Assert.Equal(3, report.Received);
        Assert.Equal(2, report.Calls);
        Assert.Equal(1, report.Escalations);
        Assert.Equal(2, report.HandlingFilesSent);
        Assert.Equal(1, report.FirstResponseInTime);
        Assert.Equal(1, report.FirstResponseLate);
        Assert.Equal(1, report.FirstResponsePending);
        Assert.Equal(1, report.Completed);
        Assert.Equal(2, report.Outstanding);
        Assert.Equal([new("华苑新城", 2), new("碧海湾花园", 1)], report.ByEstate);
        Assert.Equal([3L, 1, 2], report.Rows.Select(r => r.Id)); // by receipt
    }

    [Fact]
    public void The_report_day_is_a_local_calendar_day()
    {
        var (from, to) = HotlineReport.DayRange(new DateOnly(2026, 11, 23), Shanghai);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(TimeSpan.FromDays(1), to - from);
    }

    [Fact]
    public void The_csv_has_a_header_masked_phones_and_quoted_fields_that_read_back()
    {
        var report = HotlineReport.Build(new DateOnly(2026, 11, 23), [View(1, "华苑新城", Facts(fileSentH: 1, responseH: 3))], Received.AddHours(48));
        var csv = report.ToCsv(Shanghai, key => key);
        var records = new CsvReader(csv).Records().Where(r => r.Fields.Count > 1).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(13, records[0].Fields.Count);
        var row = records[1].Fields;
        Assert.Equal("2026-11-23 10:00", row[0]);
        Assert.Equal("138****1234", row[5]);
        Assert.Equal("楼道漏水, \"急\"", row[7]);
        Assert.Equal("Admin.Hotline.Yes", row[10]);
        Assert.DoesNotContain("13800001234", csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("plain", "plain")]
    public void Csv_fields_are_quoted_and_never_run_as_formulas(string value, string written) =>
        Assert.Equal(written, CsvWriter.Field(value));
}
