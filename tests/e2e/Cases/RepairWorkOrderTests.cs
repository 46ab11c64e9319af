using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.Core.Domain.Cases;
using OwnerPortal.Core.Domain.Estates;
using OwnerPortal.Core.Domain.People;
using OwnerPortal.Core.Domain.WorkOrders;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Cases;

/// <summary>
/// Issue 5 item 7: a repair with a paid quote is accepted by the owner in the Portal before work. Engineering issues
/// the paid work order with a quote in the Admin; work cannot start; the owner declines once with a reason, staff
/// revise, the owner accepts (on a phone); staff start and complete the work; the owner signs off.
/// </summary>
public class RepairWorkOrderTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner1.hy@demo.ownerportal.cn";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A repair request of the owner's unit, acknowledged and assigned to engineering by the dispatcher.</summary>
    private async Task<long> AssignedRepairAsync(string description, Action<Case, OwnerPortalDbContext>? more = null)
    {
        var id = await CaseFiling.FileForAsync(Sites.ConnectionString, Owner, description, CaseType.RepairRequest);
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
        var c = await db.Cases.Include(x => x.WorkOrders).SingleAsync(x => x.Id == id);
        var engineering = await db.Departments.Where(d => d.EstateId == c.EstateId && d.Kind == DepartmentKind.Engineering).Select(d => d.Id).FirstAsync();
        var dispatcher = new Actor(ActorKind.Staff, "派单员", Role: StaffRole.Dispatcher);
        var now = DateTimeOffset.UtcNow;
        c.Acknowledge(dispatcher, now, "您好，已收到，工程部会尽快上门。");
        c.Assign(dispatcher, now, new Assignment(engineering, null, CaseCategory.Facilities), 1000m);
        more?.Invoke(c, db);
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<IPage> PageAsync(string locale, int width)
    {
        var context = await Sites.Browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = width, Height = 900 } });
        return await context.NewPageAsync();
    }

    private async Task<IPage> OwnerAsync(string locale, int width)
    {
        var page = await PageAsync(locale, width);
        await page.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
        await Expect(page).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        return page;
    }

    [Fact]
    public Task A_paid_repair_is_accepted_by_the_owner_before_work_then_done_and_signed_off() => RunAsync(async s =>
    {
        var id = await AssignedRepairAsync("卫生间洗手盆水龙头漏水，关不紧");
        var staffUrl = $"{Sites.Admin.BaseUrl}/Cases/Detail/{id}";
        var ownerUrl = $"{Sites.Portal.BaseUrl}/Cases/Detail/{id}";

        // Engineering plans the repair, then issues a paid work order: nothing can start without an accepted quote.
        var staff = s.Page;
        await SignIn.ToAdminAsync(staff, Sites, "engineering.hy@demo.ownerportal.cn");
        await staff.GotoAsync(staffUrl);
        await staff.Locator("#Input_Plan").FillAsync("明天上午上门更换水龙头。");
        await staff.Locator("#Input_Deadline").FillAsync(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(3), Shanghai).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await staff.GetByTestId("plan").ClickAsync();
        await Expect(staff.GetByTestId("status")).ToHaveTextAsync("已定方案");

        // No worker: refused, what was typed stays.
        await staff.Locator("#WO_Materials").FillAsync("DN15 水龙头 1 个，软管 2 根");
        await staff.Locator("#WO_IsPaid").CheckAsync();
        await staff.GetByTestId("issue").ClickAsync();
        await Expect(staff.Locator("span[data-valmsg-for='WO.WorkerStaffId']")).ToContainTextAsync("请填写");
        await Expect(staff.Locator("#WO_Materials")).ToHaveValueAsync("DN15 水龙头 1 个，软管 2 根");
        await ScreenshotAsync(staff, "admin-workorder-issue-zh-1280");
        await staff.Locator("#WO_WorkerStaffId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var worker = (await staff.Locator("#WO_WorkerStaffId option:checked").TextContentAsync())!.Trim();
        await staff.GetByTestId("issue").ClickAsync();
        await Expect(staff.GetByTestId("done")).ToHaveTextAsync("维修工单已派出。");
        await Expect(staff.GetByTestId("workorder-number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^HY-WX-\d{4}-\d{4}$"));
        await Expect(staff.GetByTestId("workorder-worker")).ToHaveTextAsync(worker);
        await Expect(staff.GetByTestId("work-held")).ToBeVisibleAsync();
        await Expect(staff.GetByTestId("work-panel")).ToHaveCountAsync(0); // no "start work" while the quote is not accepted

        // The quote: two items and labour.
        await staff.GetByTestId("line-item-0").FillAsync("DN15 水龙头");
        await staff.GetByTestId("line-qty-0").FillAsync("1");
        await staff.GetByTestId("line-price-0").FillAsync("168");
        await staff.GetByTestId("line-item-1").FillAsync("不锈钢软管");
        await staff.GetByTestId("line-qty-1").FillAsync("2");
        await staff.GetByTestId("line-price-1").FillAsync("15");
        await staff.Locator("#WO_Labour").FillAsync("50");
        await staff.GetByTestId("send-quote").ClickAsync();
        await Expect(staff.GetByTestId("quote-total")).ToHaveTextAsync("¥248.00");
        await Expect(staff.GetByTestId("quote-status")).ToContainTextAsync("待业主确认");
        await Expect(staff.GetByTestId("work-panel")).ToHaveCountAsync(0);
        await ScreenshotAsync(staff, "admin-workorder-quoted-zh-1280");

        // Through the site's context: bodies are encrypted in the table and decrypted as messages are loaded.
        await using (var scope = Sites.Admin.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
            var mails = (await db.Outbox.Where(m => m.Kind == "workorder.quote" && m.To == Owner).ToListAsync()).Select(m => m.TextBody).ToList();
            Assert.Contains(mails, body => body.Contains("248.00", StringComparison.Ordinal) && body.Contains($"/Cases/Detail/{id}", StringComparison.Ordinal));
        }

        // The owner, on a phone: the quote is shown prominently; declining needs a reason.
        var owner = await OwnerAsync("zh-CN", 375);
        await owner.GotoAsync(ownerUrl);
        var quote = owner.GetByTestId("quote-awaiting");
        await Expect(quote).ToBeVisibleAsync();
        await Expect(quote.GetByTestId("quote-table")).ToContainTextAsync("不锈钢软管");
        await Expect(owner.GetByTestId("quote-awaiting-total")).ToHaveTextAsync("¥248.00");
        // The next step is the owner's: said so, and no department countdown runs meanwhile.
        await Expect(owner.GetByTestId("next-yours")).ToContainTextAsync("请您确认维修报价");
        await Expect(owner.GetByTestId("countdown")).ToHaveCountAsync(0);
        Assert.True(await owner.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the quote is wider than the phone");
        await owner.GetByTestId("decline-quote").ClickAsync();
        await Expect(owner.Locator("span[data-valmsg-for='DeclineReason']")).ToContainTextAsync("请填写");
        await owner.Locator("#DeclineReason").FillAsync("软管只需要一根");
        await owner.GetByTestId("decline-quote").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("您不同意这份报价");
        await Expect(owner.GetByTestId("quote-awaiting")).ToHaveCountAsync(0);
        await Expect(owner.GetByTestId("timeline")).ToContainTextAsync("软管只需要一根");

        // Staff see the reason and revise: one hose.
        await staff.GotoAsync(staffUrl);
        await Expect(staff.GetByTestId("quote-declined")).ToContainTextAsync("软管只需要一根");
        await Expect(staff.GetByTestId("line-item-1")).ToHaveValueAsync("不锈钢软管"); // the form starts from the quote
        await staff.GetByTestId("line-qty-1").FillAsync("1");
        await staff.GetByTestId("send-quote").ClickAsync();
        await Expect(staff.GetByTestId("quote-total")).ToHaveTextAsync("¥233.00");
        await Expect(staff.GetByTestId("quote-status")).ToContainTextAsync("第 2 版");

        // The owner accepts the revised quote.
        await owner.GotoAsync(ownerUrl);
        await Expect(owner.GetByTestId("quote-awaiting-total")).ToHaveTextAsync("¥233.00");
        await ScreenshotAsync(owner, "portal-workorder-quote-zh-375");
        await owner.GetByTestId("accept-quote").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("您已确认报价");
        await Expect(owner.GetByTestId("portal-quote-status")).ToContainTextAsync("您已确认");
        await Expect(owner.GetByTestId("timeline")).ToContainTextAsync("报价已确认");

        // Now work starts and is completed: the case is resolved with what was done.
        await staff.GotoAsync(staffUrl);
        await Expect(staff.GetByTestId("work-held")).ToHaveCountAsync(0);
        await Expect(staff.GetByTestId("complete-form")).ToHaveCountAsync(0); // not before the work started
        await staff.GetByTestId("start").ClickAsync();
        await Expect(staff.GetByTestId("status")).ToHaveTextAsync("处理中");
        await staff.Locator("#WO_WorkDone").FillAsync("更换洗手盆水龙头及一根软管，试水无渗漏。");
        await staff.Locator("#WO_MaterialsUsed").FillAsync("DN15 水龙头 1 个，不锈钢软管 1 根");
        await Expect(staff.GetByTestId("complete-resolves")).ToContainTextAsync("已处理待验证"); // said before the press
        await staff.GetByTestId("complete-work").ClickAsync();
        await Expect(staff.GetByTestId("done")).ToHaveTextAsync("已登记完工。");
        await Expect(staff.GetByTestId("status")).ToHaveTextAsync("已处理待验证");
        await Expect(staff.GetByTestId("workorder-stage")).ToHaveTextAsync("已完工待签认");
        await Expect(staff.GetByTestId("paper-signoff-form")).ToBeVisibleAsync();
        await ScreenshotAsync(staff, "admin-workorder-completed-zh-1280");

        // The printed order carries the owner's full phone for the worker, and signature lines.
        string phone;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            phone = await db.People.Where(p => p.Email == Owner).Select(p => p.Phone).SingleAsync();
        Assert.StartsWith($"/Cases/WorkOrder/{id}?order=", await staff.GetByTestId("print-link").GetAttributeAsync("href"));
        await staff.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/WorkOrder/{id}");
        await Expect(staff.GetByTestId("sheet-owner")).ToContainTextAsync(phone);
        await Expect(staff.GetByTestId("workorder-sheet")).ToContainTextAsync("¥233.00");
        // Who accepted which revision, and when: the paper does not look unsigned. Staff words, not the owner's "自家".
        await Expect(staff.GetByTestId("sheet-charge")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"第 2 版报价，.+于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认"));
        await Expect(staff.GetByTestId("workorder-sheet")).ToContainTextAsync("业主户内");
        await ScreenshotAsync(staff, "admin-workorder-print-zh-1280");
        await staff.EmulateMediaAsync(new() { Media = Media.Print });
        await ScreenshotAsync(staff, "admin-workorder-print-media-zh");
        await staff.EmulateMediaAsync(new() { Media = Media.Screen });

        // The owner signs off with a comment.
        await owner.GotoAsync(ownerUrl);
        await Expect(owner.GetByTestId("portal-work-done")).ToContainTextAsync("试水无渗漏");
        await owner.GetByTestId("sign-off").ClickAsync();
        await Expect(owner.Locator("span[data-valmsg-for='SignOffComment']")).ToContainTextAsync("请填写");
        await owner.Locator("#SignOffComment").FillAsync("师傅准时上门，修得很好，满意。");
        await owner.GetByTestId("sign-off").ClickAsync();
        await Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync("感谢您的签认");
        await Expect(owner.GetByTestId("portal-signoff")).ToContainTextAsync("满意");
        await Expect(owner.GetByTestId("signoff-form")).ToHaveCountAsync(0);
        foreach (var step in new[] { "已派维修工单", "报价待您确认", "报价未获同意", "报价已确认", "维修完工", "业主签认" })
            await Expect(owner.GetByTestId("timeline")).ToContainTextAsync(step);
        await ScreenshotAsync(owner, "portal-workorder-signed-zh-375");
        await owner.SetViewportSizeAsync(1280, 900);
        await ScreenshotAsync(owner, "portal-workorder-signed-zh-1280");

        await staff.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/WorkOrder/{id}");
        await Expect(staff.GetByTestId("signed-online")).ToContainTextAsync("在业主门户签认完工");
        await staff.GotoAsync(staffUrl);
        await Expect(staff.GetByTestId("signoff")).ToContainTextAsync("在网上签认");
        await Expect(staff.GetByTestId("paper-signoff-form")).ToHaveCountAsync(0);
        Assert.Empty(s.ConsoleErrors);
    });

    [Theory]
    [InlineData("en-GB")]
    [InlineData("zh-CN")]
    public Task A_quote_awaiting_the_owner_in_both_languages(string locale) => RunAsync(async s =>
    {
        var lang = locale[..2];
        var id = await AssignedRepairAsync("Kitchen tap drips / 厨房龙头滴水", (c, db) =>
        {
            var lead = new Actor(ActorKind.Staff, "工程主管", Role: StaffRole.DepartmentSupervisor);
            var now = DateTimeOffset.UtcNow;
            c.Plan(lead, now, "上门更换龙头阀芯", now.AddDays(2));
            var order = WorkOrder.Issue(c, $"HY-WX-9999-{c.Id % 10000:D4}", new Worker("王师傅"), true, "阀芯", lead, now);
            order.SetQuote(c, [new() { Item = "陶瓷阀芯", Quantity = 1, UnitPrice = 45m }, new() { Item = "密封圈", Quantity = 2, UnitPrice = 2.5m }], 30m, lead, now);
        });

        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/Detail/{id}");
        await Expect(s.Page.GetByTestId("quote-total")).ToHaveTextAsync("¥80.00");
        await Expect(s.Page.GetByTestId("quote-form")).ToBeVisibleAsync(); // the manager may revise it
        await ScreenshotAsync(s.Page, $"admin-workorder-awaiting-{lang}-1280");
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Cases/WorkOrder/{id}");
        await Expect(s.Page.GetByTestId("workorder-sheet")).ToContainTextAsync("陶瓷阀芯");
        await ScreenshotAsync(s.Page, $"admin-workorder-print-{lang}-1280");

        foreach (var width in new[] { 375, 1280 })
        {
            var owner = await OwnerAsync(locale, width);
            await owner.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
            await Expect(owner.GetByTestId("quote-awaiting-total")).ToHaveTextAsync("¥80.00");
            await Expect(owner.GetByTestId("next-yours")).ToContainTextAsync(lang == "en" ? "your answer to the repair quote" : "请您确认维修报价");
            Assert.True(await owner.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"wider than {width} px");
            await ScreenshotAsync(owner, $"portal-workorder-quote-{lang}-{width}");
            await owner.Context.CloseAsync();
        }

        // Another owner of the estate neither sees the case nor can act on its quote.
        var neighbour = await PageAsync(locale, 375);
        await neighbour.GotoAsync(Sites.Portal.BaseUrl + "/Account/Login");
        await SignIn.FillAsync(neighbour, "owner2.hy@demo.ownerportal.cn", DemoDataGenerator.DemoPassword);
        await Expect(neighbour).ToHaveURLAsync($"{Sites.Portal.BaseUrl}/Account");
        var response = await neighbour.GotoAsync($"{Sites.Portal.BaseUrl}/Cases/Detail/{id}");
        Assert.Equal(404, response!.Status);
        await neighbour.Context.CloseAsync();
    }, locale: locale);
}
