using AngleSharp.Html.Parser;
using OwnerPortal.Core.Notices;

namespace OwnerPortal.UnitTests.Notices;

public class NoticeMarkdownTests
{
    public static TheoryData<string> Payloads() => new(XssPayloads.All);

    [Fact]
    public void There_are_at_least_fifty_hostile_payloads() => Assert.True(XssPayloads.All.Length >= 50);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Hostile_markdown_renders_without_script_handlers_or_unsafe_urls(string payload) =>
        SafeHtml.Assert(NoticeMarkdown.ToSafeHtml(payload));

    [Fact]
    public void Ordinary_notice_markdown_keeps_its_structure_and_https_links()
    {
        var html = NoticeMarkdown.ToSafeHtml("""
            # 停水通知
            **3栋**将于周五停水。

            - 09:00 开始
            - 17:00 结束

            | 楼栋 | 时间 |
            | --- | --- |
            | 3 | 周五 |

            详见 [水务公告](https://water.example/notice?id=1)。
            """);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("停水通知", doc.QuerySelector("h1")?.TextContent);
        Assert.Equal("3栋", doc.QuerySelector("strong")?.TextContent);
        Assert.Equal(2, doc.QuerySelectorAll("li").Length);
        Assert.Equal("周五", doc.QuerySelectorAll("td")[1].TextContent);
        var link = doc.QuerySelector("a")!;
        Assert.Equal("https://water.example/notice?id=1", link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_markup()
    {
        var html = NoticeMarkdown.ToSafeHtml("请注意 <b>加粗</b>");
        Assert.Contains("&lt;b&gt;", html);
        Assert.Empty(new HtmlParser().ParseDocument(html).QuerySelectorAll("b"));
    }

    [Fact]
    public void Images_are_not_published()
    {
        var doc = new HtmlParser().ParseDocument(NoticeMarkdown.ToSafeHtml("![楼道照片](https://example.com/p.jpg)"));
        Assert.Empty(doc.QuerySelectorAll("img"));
    }

    [Fact]
    public void Escaped_text_stays_text_inside_a_table_cell()
    {
        var cell = NoticeMarkdown.Escape("a | b [x](javascript:alert(1)) **c**");
        var doc = new HtmlParser().ParseDocument(NoticeMarkdown.ToSafeHtml($"| h |\n| - |\n| {cell} |"));
        Assert.Equal("a | b [x](javascript:alert(1)) **c**", doc.QuerySelector("td")?.TextContent);
        Assert.Empty(doc.QuerySelectorAll("a, strong"));
    }
}
