using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Demo;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Tests;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Cases;

/// <summary>
/// Issue #18 acceptance: an owner who reads English files a case; Chinese-speaking staff acknowledge it and plan it with
/// a deadline; every mail the owner gets is in English, its date written 2026-12-07 18:00 (not 12/7/2026 6:00 PM).
/// </summary>
public class EnglishOwnerMailTests(SitesFixture sites) : BrowserTest(sites)
{
    private const string Owner = "owner1.czy@demo.ownerportal.cn";
    private static readonly Regex Chinese = new(@"\p{IsCJKUnifiedIdeographs}");

    [Fact]
    public Task An_English_owner_gets_every_mail_of_the_case_in_English_with_unambiguous_dates() => RunAsync(async s =>
    {
        (string Language, bool MailOnProgress) before;
        await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
        {
            before = await db.People.Where(p => p.Email == Owner).Select(p => new ValueTuple<string, bool>(p.Language, p.MailOnProgress)).SingleAsync();
            await db.People.Where(p => p.Email == Owner).ExecuteUpdateAsync(x => x.SetProperty(p => p.Language, "en").SetProperty(p => p.MailOnProgress, true));
        }
        try
        {
            var page = s.Page;
            await page.GotoAsync(Sites.Portal.BaseUrl + "/Cases/New");
            await SignIn.FillAsync(page, Owner, DemoDataGenerator.DemoPassword);
            await page.Locator("input[name='Input.Type'][value='Complaint']").CheckAsync();
            await page.Locator("#Input_Category").SelectOptionAsync("Facilities");
            await page.Locator("#Input_Description").FillAsync("The corridor light outside my door flickers all night.");
            await page.GetByTestId("submit-case").ClickAsync();
            await Expect(page.GetByTestId("status")).ToHaveTextAsync("Received");
            var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            string reference;
            await using (var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString)))
                reference = await db.Cases.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.Reference).SingleAsync();
            var url = $"{Sites.Admin.BaseUrl}/Cases/Detail/{id}";

            // Chinese-speaking staff: the dispatcher acknowledges and assigns, engineering plans with a deadline.
            await using var staffContext = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
            var dispatcher = await staffContext.NewPageAsync();
            await SignIn.ToAdminAsync(dispatcher, Sites, "dispatcher.czy@demo.ownerportal.cn");
            await dispatcher.GotoAsync(url);
            await dispatcher.Locator("#Reply").FillAsync("Thank you, the electrician will check it tomorrow.");
            await dispatcher.GetByTestId("acknowledge").ClickAsync();
            await Expect(dispatcher.GetByTestId("status")).ToHaveTextAsync("已受理");
            await dispatcher.Locator("#Input_Class").SelectOptionAsync("Service");
            await dispatcher.Locator("#Input_Category").SelectOptionAsync("Facilities");
            await dispatcher.Locator("#Input_DepartmentId").SelectOptionAsync(new Microsoft.Playwright.SelectOptionValue { Label = "工程部" });
            await dispatcher.GetByTestId("assign").ClickAsync();
            await Expect(dispatcher.GetByTestId("status")).ToHaveTextAsync("已派单");

            await using var engineeringContext = await Sites.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1280, Height = 900 } });
            var engineering = await engineeringContext.NewPageAsync();
            await SignIn.ToAdminAsync(engineering, Sites, "engineering.czy@demo.ownerportal.cn");
            await engineering.GotoAsync(url);
            await engineering.Locator("#Input_Plan").FillAsync("Replace the lamp driver in the corridor.");
            var deadline = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(3), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            await engineering.Locator("#Input_Deadline").FillAsync(deadline.ToString("yyyy-MM-dd'T'18:00", System.Globalization.CultureInfo.InvariantCulture));
            await engineering.GetByTestId("plan").ClickAsync();
            await Expect(engineering.GetByTestId("status")).ToHaveTextAsync("已定方案");

            bool ForOwner(MimeMessage m) => m.To.Mailboxes.Any(a => a.Address == Owner) && m.Subject?.Contains(reference, StringComparison.Ordinal) == true;
            var planned = await Sites.Mail.WaitForMessageAsync(m => ForOwner(m) && (m.TextBody ?? "").Contains("To be done by", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            Assert.Contains($"To be done by: {deadline:yyyy-MM-dd} 18:00", planned.TextBody);
            var acknowledged = await Sites.Mail.WaitForMessageAsync(m => ForOwner(m) && (m.TextBody ?? "").Contains("electrician", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
            foreach (var mail in Sites.Mail.Messages.Where(ForOwner))
            {
                Assert.StartsWith($"Case {reference}: ", mail.Subject);
                Assert.StartsWith("Hello ", (mail.TextBody ?? "").TrimStart());
                // Nothing Chinese but names (the owner's own, the department's): the words and dates are the reader's.
                var words = mail.Subject + "\n" + Regex.Replace(mail.TextBody ?? "", @"^Hello [^\n]*|Department in charge: [^\n]*", "", RegexOptions.Multiline);
                Assert.False(Chinese.IsMatch(words), $"Chinese words in an English mail: {mail.Subject}\n{mail.TextBody}");
                Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}|\b[AP]M\b", mail.TextBody);
            }
            Assert.NotNull(acknowledged);
        }
        finally
        {
            await using var db = new OwnerPortalDbContext(TestDatabase.Options(Sites.ConnectionString));
            await db.People.Where(p => p.Email == Owner).ExecuteUpdateAsync(x => x.SetProperty(p => p.Language, before.Language).SetProperty(p => p.MailOnProgress, before.MailOnProgress));
        }
    }, locale: "en-GB");
}
