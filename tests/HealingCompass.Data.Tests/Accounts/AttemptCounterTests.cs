using System.Text;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Data.Tests.Accounts;

/// <summary>The database-backed attempt counts that keep one limit across every app instance (ADR 18).</summary>
public sealed class AttemptCounterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_partitions_window_is_its_own_minute_from_its_first_attempt_even_across_a_clock_minute(DatabaseProvider provider)
    {
        // 12:00:50: the first attempt opens the window; the clock minute turning at 12:01:00 does not reset it.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 50, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock: clock, provider: provider);

        Assert.Equal(1, await database.Attempts.CountAsync("name:ALICE", Cancel));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(2, await database.Attempts.CountAsync("name:ALICE", Cancel));
        Assert.Equal(1, await database.Attempts.CountAsync("name:BOB", Cancel)); // another partition counts on its own
        clock.Advance(TimeSpan.FromSeconds(39)); // 59 s after the first
        Assert.Equal(3, await database.Attempts.CountAsync("name:ALICE", Cancel));
        clock.Advance(TimeSpan.FromSeconds(1)); // 60 s: a new window
        Assert.Equal(1, await database.Attempts.CountAsync("name:ALICE", Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Two_instances_counting_at_once_lose_no_attempt_and_share_one_count(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        var other = database.NewInstance().GetRequiredService<AttemptCounter>();
        var counters = new[] { database.Attempts, other };

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => counters[i % 2].CountAsync("address:192.0.2.7", Cancel), Cancel)));

        // Each attempt saw its own place in the one window: 1 … 40, none twice, none lost.
        Assert.Equal(Enumerable.Range(1, 40), counts.Order());
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_table_keeps_a_hash_and_never_the_address_or_the_username(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        var name = "name:" + Sentinels.New().ToUpperInvariant();
        await database.Attempts.CountAsync(name, Cancel);
        await database.Attempts.CountAsync("address:203.0.113.77", Cancel);
        await database.CheckpointAsync();

        await using (var db = await database.OpenAsync())
        {
            var keys = await db.AttemptWindows.AsNoTracking().Select(w => w.Key).ToListAsync(Cancel);
            Assert.Equal(new[] { AttemptCounter.KeyOf("address:203.0.113.77"), AttemptCounter.KeyOf(name) }.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
            Assert.All(keys, k => Assert.Matches("^[0-9a-f]{64}$", k));
        }
        foreach (var file in database.ReadFiles())
        {
            Assert.False(file.Contains(Encoding.UTF8.GetBytes(name[5..])), $"{file} holds the username");
            Assert.False(file.Contains("203.0.113.77"u8), $"{file} holds the address");
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Windows_that_ended_are_swept_when_a_new_one_opens(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(clock: clock, provider: provider);
        for (var i = 0; i < 5; i++)
        {
            await database.Attempts.CountAsync($"address:198.51.100.{i}", Cancel);
        }
        clock.Advance(TimeSpan.FromMinutes(2));

        await database.Attempts.CountAsync("address:198.51.100.200", Cancel);

        await using var db = await database.OpenAsync();
        Assert.Equal([AttemptCounter.KeyOf("address:198.51.100.200")], await db.AttemptWindows.AsNoTracking().Select(w => w.Key).ToListAsync(Cancel));
    }
}
