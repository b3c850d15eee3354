using HealingCompass.Data.Activity;
using HealingCompass.Domain.Activity;
using HealingCompass.Web.Components.Activity;
using HealingCompass.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Activity;

/// <summary>
/// Lines older than the retention period are deleted by the hourly sweep, for every account; newer ones stay.
/// The app runs on a clock the test moves; the sweep is awaited, never waited for.
/// </summary>
public sealed class ActivitySweepTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly AccountsApp app;

    public ActivitySweepTests() => app = AccountsApp.OnClock(clock);

    [Fact]
    public async Task The_hourly_sweep_deletes_lines_older_than_90_days_and_keeps_the_rest()
    {
        var (client, userName, _) = await app.SignUpAsync("keeper");
        client.Dispose();
        var userId = (await app.FindUserAsync(userName))!.Id;
        var options = app.Services.GetRequiredService<IOptions<ActivityOptions>>().Value;
        Assert.Equal(TimeSpan.FromDays(90), options.KeepFor);
        Assert.Equal(TimeSpan.FromHours(1), options.SweepEvery);
        var store = app.Services.GetRequiredService<ActivityStore>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Measured from the sweep's own moment, an hour on from now.
        var sweepAt = now + options.SweepEvery;
        await store.AddAsync(userId, new ActivityEvent(ActivityKind.SignInFailed, sweepAt - options.KeepFor - TimeSpan.FromMinutes(1), "Chrome on Linux", "198.51.100.0/24"), TestContext.Current.CancellationToken);
        await store.AddAsync(userId, new ActivityEvent(ActivityKind.SignedIn, sweepAt - options.KeepFor + TimeSpan.FromMinutes(1), "Chrome on Linux", "198.51.100.0/24"), TestContext.Current.CancellationToken);
        var sweeper = app.Services.GetRequiredService<ActivitySweeper>();

        var sweep = sweeper.NextSweep;
        clock.Advance(options.SweepEvery);
        await sweep.WaitAsync(TestContext.Current.CancellationToken);

        await using var db = await app.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var left = await db.Activity.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.AtUtc).Select(a => a.Kind).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([ActivityKind.SignedIn, ActivityKind.AccountCreated], left); // just inside 90 days, and today's sign-up
    }

    [Fact]
    public async Task A_shorter_retention_from_configuration_is_what_the_sweep_and_the_page_use()
    {
        using var shortApp = new AccountsApp(new Dictionary<string, string>(StringComparer.Ordinal) { ["Activity:KeepFor"] = "30.00:00:00" });
        var (client, _, _) = await shortApp.SignUpAsync("brief");
        using (client)
        {
            Assert.Equal(TimeSpan.FromDays(30), shortApp.Services.GetRequiredService<IOptions<ActivityOptions>>().Value.KeepFor);
            var page = await client.GetAsync("/account/activity");
            Assert.Contains("kept for 30 days", page.Text, StringComparison.Ordinal);
        }
    }

    public void Dispose() => app.Dispose();
}
