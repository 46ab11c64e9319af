using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OwnerPortal.Core.Data;
using OwnerPortal.E2ETests.Infrastructure;
using OwnerPortal.Portal;
using OwnerPortal.Tests;

namespace OwnerPortal.E2ETests.Home;

/// <summary>A form posted while the database cannot be reached, through a network path the test cuts and restores.</summary>
public class DatabaseOutageTests
{
    /// <summary>A TCP relay to PostgreSQL: while cut, open connections are dropped and new ones closed at once.</summary>
    private sealed class CuttableRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
        private readonly int _target;
        private volatile bool _cut;

        public CuttableRelay(int target)
        {
            _target = target;
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Cut()
        {
            _cut = true;
            foreach (var client in _open.Keys) client.Dispose();
            _open.Clear();
        }

        public void Restore() => _cut = false;

        private async Task AcceptAsync()
        {
            while (true)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
                if (_cut) { client.Dispose(); continue; }
                _ = RelayAsync(client);
            }
        }

        private async Task RelayAsync(TcpClient client)
        {
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _target);
                _open[client] = 0;
                _open[server] = 0;
                await Task.WhenAny(client.GetStream().CopyToAsync(server.GetStream()), server.GetStream().CopyToAsync(client.GetStream()));
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException) { }
            finally
            {
                _open.TryRemove(client, out _);
                _open.TryRemove(server, out _);
                client.Dispose();
                server.Dispose();
            }
        }

        public ValueTask DisposeAsync()
        {
            _listener.Stop();
            Cut();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_registration_posted_while_the_database_is_down_comes_back_with_its_input_and_then_goes_through_once()
    {
        var cs = await TestDatabase.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(cs);
        await using var relay = new CuttableRelay(direct.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(cs) { Port = relay.Port }.ConnectionString;
        await using var portal = new SiteFactory<PortalEntry>(viaRelay, SitesFixture.PortalSettings(SiteFactory<PortalEntry>.FreePort())).Start();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });

        var page = await http.GetStringAsync(portal.BaseUrl + "/Account/Register");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["Input.FullName"] = "停机测试", ["Input.Email"] = "outage@example.com", ["Input.Mobile"] = "13800000001",
            ["Input.Password"] = "outage2026", ["Input.ConfirmPassword"] = "outage2026", ["__RequestVerificationToken"] = token,
        });

        relay.Cut();
        var refused = await http.PostAsync(portal.BaseUrl + "/Account/Register", Form());
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("请稍后再点一次提交", body); // Error.Busy.Form, in the form's own page
        Assert.Contains("value=\"outage@example.com\"", body);
        Assert.Contains("value=\"13800000001\"", body);
        Assert.DoesNotContain("error-page", body);

        relay.Restore();
        var accepted = await http.PostAsync(portal.BaseUrl + "/Account/Register", Form());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("/Account/RegisterConfirmation", accepted.Headers.Location!.ToString());
        await using var db = new OwnerPortalDbContext(TestDatabase.Options(cs));
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == "outage@example.com"));
        Assert.Equal(1, await db.People.CountAsync(p => p.Email == "outage@example.com"));
    }
}
