using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.Core.Mail;
using OwnerPortal.Core.Web;
using OwnerPortal.Tests;

namespace OwnerPortal.UnitTests.Mail;

/// <summary>Security issue #15, finding 3: mail bodies carry live account tokens; staff must not be able to read them.</summary>
public sealed class OutboxProtectionTests : IAsyncLifetime
{
    private const string Secret = "CfDJ8-reset-token-4711";
    private const string Text = "王芳您好：\n请在 24 小时内重置密码：https://portal.example/Account/ResetPassword?code=" + Secret + "\n谢谢";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _sites = [];
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var site in _sites) await site.DisposeAsync();
    }

    [Fact]
    public async Task Bodies_are_stored_encrypted_and_the_other_site_reads_them()
    {
        long id;
        await using (var scope = Site("OwnerPortal.Portal").CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
            var message = Outbox.Enqueue(db, "account.reset", "wang.fang@example.com", "王芳", "重置密码", Text, MailHtml.FromText(Text), _clock.GetUtcNow());
            await db.SaveChangesAsync();
            id = message.Id;
        }

        var (storedText, storedHtml) = await RawAsync(id);
        Assert.DoesNotContain(Secret, storedText);
        Assert.DoesNotContain(Secret, storedHtml ?? "");
        Assert.DoesNotContain("王芳您好", storedText);

        // Written by the Portal, read (and sent) by the Admin's sender: another application name, same keys.
        await using (var scope = Site("OwnerPortal.Admin").CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
            var message = await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Equal(Text, message.TextBody);
            Assert.Contains(Secret, message.HtmlBody);
        }
    }

    [Fact]
    public async Task The_sender_drops_bodies_after_the_retention_period_and_encrypts_plain_rows()
    {
        long old, recent, queued;
        await using (var bare = new OwnerPortalDbContext(TestDatabase.Options(_cs))) // as rows written before protection
        {
            var now = _clock.GetUtcNow();
            var a = Outbox.Enqueue(bare, "account.reset", "a@example.com", null, "s", Text, null, now.AddDays(-9));
            a.Status = OutboxStatus.Sent; a.SentAt = now.AddDays(-8);
            var b = Outbox.Enqueue(bare, "account.reset", "b@example.com", null, "s", Text, MailHtml.FromText(Text), now.AddDays(-2));
            b.Status = OutboxStatus.Sent; b.SentAt = now.AddDays(-2);
            var c = Outbox.Enqueue(bare, "account.reset", "c@example.com", null, "s", Text, null, now.AddDays(-30));
            c.Status = OutboxStatus.Failed;
            await bare.SaveChangesAsync();
            (old, recent, queued) = (a.Id, b.Id, c.Id);
        }

        var site = Site("OwnerPortal.Admin");
        var (protectedCount, dropped) = await site.GetRequiredService<OutboxSender>().ProtectAndExpireAsync(CancellationToken.None);
        Assert.Equal((2, 1), (protectedCount, dropped));

        Assert.Equal(("", null), await RawAsync(old)); // sent 8 days ago, retention 7 days: only the envelope stays
        foreach (var id in new[] { recent, queued })
        {
            var (text, html) = await RawAsync(id);
            Assert.StartsWith(OutboxBodyProtector.Prefix, text);
            Assert.DoesNotContain(Secret, text + html);
        }
        await using var scope = site.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OwnerPortalDbContext>();
        Assert.Equal(Text, (await db.Outbox.AsNoTracking().SingleAsync(m => m.Id == queued)).TextBody); // still sendable
    }

    [Fact]
    public void Staff_see_the_text_with_every_link_removed()
    {
        var shown = OutboxRedaction.Redact(Text, "[link removed]");
        Assert.DoesNotContain(Secret, shown);
        Assert.Contains("请在 24 小时内重置密码：[link removed]\n谢谢", shown);
        var html = OutboxRedaction.Redact(MailHtml.FromText(Text, "https://portal.example/Account/ResetPassword?code=" + Secret), "[link removed]");
        Assert.DoesNotContain(Secret, html);
        Assert.Contains("<a href=\"[link removed]\">[link removed]</a>", html);
    }

    private ServiceProvider Site(string applicationName)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _cs,
            ["Mail:SenderEnabled"] = "false",
        }).Build();
        var site = new ServiceCollection().AddLogging().AddOwnerPortalCore(config, applicationName)
            .AddSingleton<TimeProvider>(_clock).BuildServiceProvider();
        _sites.Add(site);
        return site;
    }

    private async Task<(string Text, string? Html)> RawAsync(long id)
    {
        await using var connection = new NpgsqlConnection(_cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT text_body, html_body FROM outbox_messages WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
