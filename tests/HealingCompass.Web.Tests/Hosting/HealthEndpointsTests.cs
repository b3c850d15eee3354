using System.Net;
using HealingCompass.Web.Hosting;
using HealingCompass.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace HealingCompass.Web.Tests.Hosting;

/// <summary>
/// The health endpoints on real Kestrel: the process answers on /healthz; /healthz/ready says whether the database
/// answers with every migration applied, and comes back by itself once it does again. One word each, never a detail.
/// </summary>
public sealed class HealthEndpointsTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_migrated_app_is_live_and_ready_and_says_nothing_but_healthy()
    {
        using var app = KestrelApp.Start();
        using var client = app.NewClient();
        foreach (var path in new[] { HealthEndpoints.LivePath, HealthEndpoints.ReadyPath })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoStore, path);
        }
    }

    [Fact]
    public async Task Without_its_migrated_database_the_app_is_live_but_not_ready_and_is_ready_again_without_a_restart_when_it_is_back()
    {
        using var app = KestrelApp.Start();
        using var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(HealthEndpoints.ReadyPath, UriKind.Relative), Cancel)).StatusCode);

        // The file moved away under the running app: SQLite opens a new, empty one, which has none of the migrations.
        SqliteConnection.ClearAllPools();
        var aside = app.DatabasePath + ".aside";
        File.Move(app.DatabasePath, aside);
        try
        {
            using var notReady = await client.GetAsync(new Uri(HealthEndpoints.ReadyPath, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync(Cancel));
            using var live = await client.GetAsync(new Uri(HealthEndpoints.LivePath, UriKind.Relative), Cancel);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(app.DatabasePath + suffix);
            }
            File.Move(aside, app.DatabasePath);
        }

        using var ready = await client.GetAsync(new Uri(HealthEndpoints.ReadyPath, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Cancel));
    }
}
