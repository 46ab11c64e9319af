using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Mail;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Admin;

/// <summary>System administrators: staff accounts with one-time passwords, and the mail outbox.</summary>
public class StaffAdminTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string AdminEmail = "admin@demo.ownerportal.cn";

    [Fact]
    public Task An_administrator_creates_a_dispatcher_who_signs_in_with_the_one_time_password_and_sees_only_their_estate() => RunAsync(async s =>
    {
        var page = s.Page;
        var email = $"chen.jing.{Guid.NewGuid():N}"[..20] + "@demo.ownerportal.cn";
        await SignIn.ToAdminAsync(page, Sites, AdminEmail);
        await page.Locator("nav.sidebar a[href='/Staff']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("员工账户");
        // Demo phone numbers appear masked in the list.
        await Expect(page.GetByTestId("staff").Locator("tbody tr").First).ToContainTextAsync("****");
        await ScreenshotAsync(page, "admin-staff-zh-1280");

        await page.GetByTestId("new-staff").ClickAsync();
        await page.Locator("#Input_FullName").FillAsync("陈静");
        await page.Locator("#Input_Email").FillAsync("dispatcher.czy@demo.ownerportal.cn"); // taken
        await page.Locator("#Input_Mobile").FillAsync("13912345678");
        await page.Locator("#Input_Role").SelectOptionAsync("Dispatcher");
        await page.GetByTestId("create").ClickAsync();
        // A dispatcher works for an estate: the company level is refused, and what was typed stays.
        await Expect(page.Locator("span[data-valmsg-for='Input.EstateId']")).ToContainTextAsync("请选择所属管理处");
        await Expect(page.Locator("#Input_FullName")).ToHaveValueAsync("陈静");

        await page.Locator("#Input_EstateId").SelectOptionAsync(new SelectOptionValue { Label = "翠竹园" });
        await page.Locator("#Input_DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "翠竹园 · 客服" });
        await page.GetByTestId("create").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.Email']")).ToContainTextAsync("已被其他账户使用");
        await Expect(page.Locator("#Input_FullName")).ToHaveValueAsync("陈静");
        await Expect(page.Locator("#Input_Role")).ToHaveValueAsync("Dispatcher");
        await ScreenshotAsync(page, "admin-staff-create-errors-zh-1280");

        await page.Locator("#Input_Email").FillAsync(email);
        await page.GetByTestId("create").ClickAsync();
        var password = (await page.GetByTestId("one-time-password").InnerTextAsync()).Trim();
        Assert.Matches("^[a-z2-9]{12}$", password);
        await ScreenshotAsync(page, "admin-staff-created-zh-1280");

        // Stored as one staff record linked to one account that must change its password; no plain password anywhere.
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var staff = await db.Staff.SingleAsync(x => x.Email == email);
            var user = await db.Users.SingleAsync(u => u.Id == staff.UserId);
            Assert.True(user.MustChangePassword && user.EmailConfirmed);
            Assert.DoesNotContain(password, user.PasswordHash);
            Assert.Equal("CZY", await db.Estates.Where(e => e.Id == staff.EstateId).Select(e => e.Code).SingleAsync());
        }

        // The new dispatcher, in their own browser: the first sign-in asks for their own password.
        await using var context = await Sites.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var theirs = await context.NewPageAsync();
        await theirs.GotoAsync(Sites.Admin.BaseUrl);
        await SignIn.FillAsync(theirs, email, password);
        await Expect(theirs.GetByTestId("must-change")).ToBeVisibleAsync();
        await theirs.Locator("#Input_CurrentPassword").FillAsync(password);
        await theirs.Locator("#Input_NewPassword").FillAsync("Jing2026cz");
        await theirs.Locator("#Input_ConfirmPassword").FillAsync("Jing2026cz");
        await theirs.Locator("main form button[type=submit]").ClickAsync();
        await Expect(theirs).ToHaveURLAsync(new Regex($"^{Sites.Admin.BaseUrl}/"));
        var estates = theirs.GetByTestId("estates").Locator("tbody tr");
        await Expect(estates).ToHaveCountAsync(1);
        await Expect(estates.First).ToContainTextAsync("翠竹园");
        await Expect(theirs.Locator("nav.sidebar a[href='/Staff']")).ToHaveCountAsync(0);
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task A_deactivated_supervisor_cannot_sign_in_and_a_reset_issues_a_new_one_time_password() => RunAsync(async s =>
    {
        var page = s.Page;
        var email = $"zhou.gang.{Guid.NewGuid():N}"[..20] + "@demo.ownerportal.cn";
        await SignIn.ToAdminAsync(page, Sites, AdminEmail);

        // Nobody would be left to undo it: an administrator cannot deactivate themselves.
        int adminId;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
            adminId = await db.Staff.Where(x => x.Email == AdminEmail).Select(x => x.Id).SingleAsync();
        await page.GotoAsync($"{Sites.Admin.BaseUrl}/Staff/Edit/{adminId}");
        await page.Locator("#Input_IsActive").UncheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.Locator(".form-errors")).ToContainTextAsync("不能停用自己的账户");

        await page.GotoAsync(Sites.Admin.BaseUrl + "/Staff/Create");
        await page.Locator("#Input_FullName").FillAsync("周刚");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Mobile").FillAsync("13712345678");
        await page.Locator("#Input_Role").SelectOptionAsync("DepartmentSupervisor");
        await page.Locator("#Input_EstateId").SelectOptionAsync(new SelectOptionValue { Label = "碧海湾花园" });
        await page.GetByTestId("create").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.DepartmentId']")).ToContainTextAsync("须选择所属部门");
        await page.Locator("#Input_DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "华苑新城 · 工程" });
        await page.GetByTestId("create").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.DepartmentId']")).ToContainTextAsync("不属于所选管理处");
        await page.Locator("#Input_DepartmentId").SelectOptionAsync(new SelectOptionValue { Label = "碧海湾花园 · 工程" });
        await page.GetByTestId("create").ClickAsync();
        var first = (await page.GetByTestId("one-time-password").InnerTextAsync()).Trim();

        // Deactivate from the list, filtered to the estate's supervisors.
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Staff");
        await page.Locator("#estate").SelectOptionAsync(new SelectOptionValue { Label = "碧海湾花园" });
        await page.Locator("#role").SelectOptionAsync("DepartmentSupervisor");
        await page.Locator("form.filters button").ClickAsync();
        var rows = page.GetByTestId("staff").Locator("tbody tr");
        await Expect(rows.Filter(new LocatorFilterOptions { HasNotText = "碧海湾花园" })).ToHaveCountAsync(0);
        await rows.Filter(new LocatorFilterOptions { HasText = email }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("account-state")).ToHaveTextAsync("可以登录");
        await ScreenshotAsync(page, "admin-staff-edit-zh-1280");
        await page.Locator("#Input_IsActive").UncheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.Locator(".notice.ok")).ToHaveTextAsync("已保存。");
        await Expect(page.GetByTestId("staff").Locator("tbody tr", new LocatorLocatorOptions { HasText = email })).ToContainTextAsync("已停用");

        await using (var context = await Sites.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" }))
        {
            var theirs = await context.NewPageAsync();
            await theirs.GotoAsync(Sites.Admin.BaseUrl);
            await SignIn.FillAsync(theirs, email, first);
            // The same answer as a wrong password: the sign-in page does not tell strangers which accounts exist.
            await Expect(theirs.Locator(".form-errors")).ToContainTextAsync("邮箱或密码不正确");
            await Expect(theirs.Locator(".form-errors")).ToContainTextAsync("联系系统管理员");
        }

        // Back at work: reactivated, and a new one-time password replaces the first.
        await page.GetByTestId("staff").Locator("tbody tr", new LocatorLocatorOptions { HasText = email }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("account-state")).ToHaveTextAsync("已锁定，不能登录");
        await page.Locator("#Input_IsActive").CheckAsync();
        await page.GetByTestId("save").ClickAsync();
        await page.GetByTestId("staff").Locator("tbody tr", new LocatorLocatorOptions { HasText = email }).GetByRole(AriaRole.Link).ClickAsync();
        await page.GetByTestId("reset-password").ClickAsync();
        var second = (await page.GetByTestId("one-time-password").InnerTextAsync()).Trim();
        Assert.NotEqual(first, second);
        await Expect(page.GetByTestId("account-state")).ToHaveTextAsync("可以登录");
        await ScreenshotAsync(page, "admin-staff-reset-zh-1280");

        await using (var context = await Sites.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" }))
        {
            var theirs = await context.NewPageAsync();
            await theirs.GotoAsync(Sites.Admin.BaseUrl);
            await SignIn.FillAsync(theirs, email, first);
            await Expect(theirs.Locator(".form-errors")).ToContainTextAsync("邮箱或密码不正确");
            await SignIn.FillAsync(theirs, email, second);
            await Expect(theirs.GetByTestId("must-change")).ToBeVisibleAsync();
            await theirs.Locator("#Input_CurrentPassword").FillAsync(second);
            await theirs.Locator("#Input_NewPassword").FillAsync("Gang2026bh");
            await theirs.Locator("#Input_ConfirmPassword").FillAsync("Gang2026bh");
            await theirs.Locator("main form button[type=submit]").ClickAsync();
            await Expect(theirs.GetByTestId("estates").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(theirs.GetByTestId("estates")).ToContainTextAsync("碧海湾花园");
        }
        Assert.Empty(s.ConsoleErrors);
    });

    [Fact]
    public Task An_estate_manager_may_open_neither_staff_accounts_nor_the_outbox() => RunAsync(async s =>
    {
        await SignIn.ToAdminAsync(s.Page, Sites, "manager.hy@demo.ownerportal.cn");
        await Expect(s.Page.Locator("nav.sidebar a[href='/Staff']")).ToHaveCountAsync(0);
        await Expect(s.Page.Locator("nav.sidebar a[href='/Outbox']")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/Staff", "/Staff/Create", "/Staff/Edit/1", "/Outbox" })
        {
            await s.Page.GotoAsync(Sites.Admin.BaseUrl + path);
            await Expect(s.Page).ToHaveURLAsync(new Regex($"^{Sites.Admin.BaseUrl}/AccessDenied"));
            await Expect(s.Page.Locator("h1")).ToHaveTextAsync("无权访问");
        }
        Assert.DoesNotContain("demo.ownerportal.cn", await s.Page.Locator("main").InnerTextAsync());
    });

    [Fact]
    public Task The_outbox_shows_a_failed_message_safely_and_retry_gets_it_delivered() => RunAsync(async s =>
    {
        var page = s.Page;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var subject = $"您的报修已受理 {tag}";
        long id;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            var message = Outbox.Enqueue(db, "case.update", $"wang.fang.{tag}@example.com", "王芳", subject,
                "王芳您好：\n您的报修已受理。",
                "<p id=\"greeting\">王芳您好：</p><p>您的报修已<b>受理</b>。</p>" +
                "<script>document.getElementById('greeting').textContent = 'SCRIPT RAN';</script>",
                DateTimeOffset.UtcNow);
            // Given up after its attempts, so the Portal's running sender leaves it alone until the retry.
            (message.Status, message.Attempts, message.LastError) = (OutboxStatus.Failed, 8, "SmtpCommandException: 550 5.1.1 Mailbox unavailable");
            await db.SaveChangesAsync();
            id = message.Id;
        }

        await SignIn.ToAdminAsync(page, Sites, AdminEmail);
        await page.Locator("nav.sidebar a[href='/Outbox']").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("邮件发件箱");
        await Expect(page.GetByTestId("outbox").Locator("tbody tr").First).ToContainTextAsync(subject); // newest first
        await page.GetByTestId("count-failed").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("status=Failed"));
        var failedRows = page.GetByTestId("outbox").Locator("tbody tr");
        await Expect(failedRows.Filter(new LocatorFilterOptions { HasNotText = "发送失败" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "admin-outbox-zh-1280");

        await failedRows.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = subject }).ClickAsync();
        await Expect(page).ToHaveURLAsync($"{Sites.Admin.BaseUrl}/Outbox/Details/{id}");
        await Expect(page.GetByTestId("subject")).ToHaveTextAsync(subject);
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("发送失败");
        await Expect(page.GetByTestId("last-error")).ToContainTextAsync("Mailbox unavailable");
        await Expect(page.GetByTestId("text-body")).ToContainTextAsync("您的报修已受理。");
        // The HTML part is rendered, but its script never runs.
        var html = page.FrameLocator("[data-testid=html-body]");
        await Expect(html.Locator("b")).ToHaveTextAsync("受理");
        await Expect(html.Locator("#greeting")).ToHaveTextAsync("王芳您好：");
        await ScreenshotAsync(page, "admin-outbox-details-zh-1280");

        await page.GetByTestId("retry").ClickAsync();
        await Expect(page.GetByTestId("status-message")).ToHaveTextAsync("已放回队列，将立即发送。");
        // Queued again, so the Portal's sender delivers it: through the real SMTP conversation, once.
        var mail = await Sites.Mail.WaitForMessageAsync(m => m.MessageId == Outbox.MessageIdFor(id), TimeSpan.FromSeconds(20));
        Assert.Equal(subject, mail.Subject);
        // The sender records the delivery right after the SMTP server accepted it.
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            for (var i = 0; i < 100 && await db.Outbox.Where(m => m.Id == id).Select(m => m.Status).SingleAsync() != OutboxStatus.Sent; i++)
                await Task.Delay(100);
        }
        await page.ReloadAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("已发送");
        await Expect(page.GetByTestId("retry")).ToHaveCountAsync(0);
        Assert.Equal("9", await page.GetByTestId("attempts").InnerTextAsync());

        await Switches.Language(page, "en").ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Sent");
        await ScreenshotAsync(page, "admin-outbox-details-en-1280");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Outbox");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Mail outbox");
        await ScreenshotAsync(page, "admin-outbox-en-1280");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Staff");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Staff accounts");
        await ScreenshotAsync(page, "admin-staff-en-1280");
        await page.GotoAsync(Sites.Admin.BaseUrl + "/Staff/Create");
        await page.GetByTestId("create").ClickAsync();
        await Expect(page.Locator("span[data-valmsg-for='Input.Role']")).Not.ToBeEmptyAsync();
        await ScreenshotAsync(page, "admin-staff-create-errors-en-1280");

        // Chromium reports the script it refused to run in the sandbox; nothing else went wrong.
        Assert.All(s.ConsoleErrors, e => Assert.Contains("sandbox", e, StringComparison.OrdinalIgnoreCase));
    });
}
