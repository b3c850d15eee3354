using HealingCompass.Data.Accounts;
using HealingCompass.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// Rows of sessions that can no longer be valid are deleted on a timer, not only at their owner's next
/// sign-in. The app runs on a clock the test moves; the sweep is awaited, never waited for.
/// </summary>
public sealed class ExpiredSessionSweepTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly AccountsApp app;

    public ExpiredSessionSweepTests() => app = AccountsApp.OnClock(clock);

    [Fact]
    public async Task The_sweep_deletes_rows_past_their_lifetime_or_idle_too_long_and_keeps_live_ones()
    {
        var (client, userName, _) = await app.SignUpAsync("away");
        client.Dispose();
        var userId = (await app.FindUserAsync(userName))!.Id;
        var options = app.Services.GetRequiredService<IOptions<AccountOptions>>().Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await AddSessionsAsync(
            Row("too-old", userId, created: now - options.AbsoluteLifetime - TimeSpan.FromMinutes(1), lastSeen: now),
            Row("idle", userId, created: now - TimeSpan.FromHours(2), lastSeen: now - options.IdleTimeout - TimeSpan.FromMinutes(2)),
            Row("live", userId, created: now - TimeSpan.FromHours(1), lastSeen: now));
        var sweeper = app.Services.GetRequiredService<ExpiredSessionSweeper>();

        var sweep = sweeper.NextSweep;
        clock.Advance(options.ExpiredSessionSweepEvery);
        await sweep.WaitAsync(TestContext.Current.CancellationToken);

        await using var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var left = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId).Select(s => s.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("too-old", left);
        Assert.DoesNotContain("idle", left);
        Assert.Contains("live", left);
        Assert.Equal(2, left.Count); // and the sign-up's own session, seen when the clock started
    }

    private static UserSession Row(string id, string userId, DateTime created, DateTime lastSeen) => new()
    {
        Id = id,
        SessionIdHash = "hash-of-" + id,
        UserId = userId,
        CreatedUtc = created,
        LastSeenUtc = lastSeen,
        Device = "Firefox on Linux",
    };

    private async Task AddSessionsAsync(params UserSession[] rows)
    {
        await using var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Sessions.AddRange(rows);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose() => app.Dispose();
}
