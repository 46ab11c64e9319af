using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Mail;
using OwnerPortal.E2ETests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OwnerPortal.E2ETests.Security;

/// <summary>Security issue #15, finding 3: a system administrator cannot read an owner's reset link in the outbox.</summary>
public class OutboxSecretsTests(SitesFixture sites) : BrowserTest(sites)
{
    [Fact]
    public Task The_outbox_page_shows_the_message_without_its_links_and_the_table_holds_no_token() => RunAsync(async s =>
    {
        const string secret = "e2e-reset-token-0815";
        var text = $"您好：\n重置密码请打开 {Sites.Portal.BaseUrl}/Account/ResetPassword?code={secret}\n谢谢";
        long id;
        await using (var scope = Sites.Portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
            // To the SMTP test server's domain: the Portal's sender delivers it meanwhile.
            var message = Outbox.Enqueue(db, "account.reset", "outbox.secret@example.com", "业主", "重置密码", text,
                MailHtml.FromText(text, $"{Sites.Portal.BaseUrl}/Account/ResetPassword?code={secret}"), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            id = message.Id;
        }

        await using (var connection = new NpgsqlConnection(Sites.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT text_body || coalesce(html_body, '') FROM outbox_messages WHERE id = {id}", connection);
            Assert.DoesNotContain(secret, (string)(await command.ExecuteScalarAsync())!);
        }

        await SignIn.ToAdminAsync(s.Page, Sites, "admin@demo.ownerportal.cn");
        await s.Page.GotoAsync($"{Sites.Admin.BaseUrl}/Outbox/Details/{id}");
        await Expect(s.Page.GetByTestId("subject")).ToHaveTextAsync("重置密码");
        await Expect(s.Page.GetByTestId("text-body")).ToContainTextAsync("重置密码请打开 [链接已移除]");
        Assert.DoesNotContain(secret, await s.Page.ContentAsync());
    });
}
