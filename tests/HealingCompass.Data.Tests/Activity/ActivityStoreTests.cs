using HealingCompass.Data.Activity;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Activity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Activity;

/// <summary>The activity lines on a real SQLite file: repeats counted on one line, owners kept apart, and swept or deleted lines gone from every file.</summary>
public sealed class ActivityStoreTests
{
    private static readonly DateTime Start = new(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ActivityEvent Line(ActivityKind kind, int minutes, string device = "Chrome on Android", string? network = "203.0.113.0/24") =>
        new(kind, Start.AddMinutes(minutes), device, network);

    [Fact]
    public async Task Swept_lines_are_in_no_byte_of_the_db_wal_or_shm_and_newer_lines_stay()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("sweeps.lines");
        var store = new ActivityStore(database.Contexts);
        var sentinel = Sentinels.New(); // where a device description goes, so the scan has something to find
        await store.AddAsync(account.UserId, Line(ActivityKind.SignedIn, 0, device: sentinel), Cancel);
        await store.AddAsync(account.UserId, Line(ActivityKind.SignedOut, 120), Cancel);
        await database.CheckpointAsync();
        Assert.Contains(database.ReadFiles(), f => f.Contains(Sentinels.Needles(sentinel)["UTF-8 sentinel"]));

        int deleted;
        await using (var open = new SqliteConnection(database.ConnectionString))
        {
            await open.OpenAsync(Cancel); // a reader held open while sweeping, as a live app has
            deleted = await store.DeleteOlderThanAsync(Start.AddMinutes(60), Cancel);
            Sentinels.AssertFoundNowhere(database.ReadFiles(), Sentinels.Needles(sentinel), "right after the sweep, with a connection open");
        }
        database.CloseConnections();
        Sentinels.AssertFoundNowhere(database.ReadFiles(), Sentinels.Needles(sentinel), "after closing every connection");

        Assert.Equal(1, deleted);
        var (left, total) = await store.ListAsync(account.UserId, 10, Cancel);
        Assert.Equal(1, total);
        Assert.Equal(ActivityKind.SignedOut, Assert.Single(left).Kind);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Repeated_failed_attempts_count_on_one_line_until_something_else_happens_and_never_on_anothers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var mine = await database.AddAccountAsync("counts.repeats");
        using var theirs = await database.AddAccountAsync("someone.else");
        var store = new ActivityStore(database.Contexts);

        await store.AddAsync(mine.UserId, Line(ActivityKind.SignInFailed, 0), Cancel);
        await store.AddAsync(theirs.UserId, Line(ActivityKind.SignInFailed, 1), Cancel);
        await store.AddAsync(mine.UserId, Line(ActivityKind.SignInFailed, 2), Cancel);
        await store.AddAsync(mine.UserId, Line(ActivityKind.SignInFailed, 30), Cancel);
        await store.AddAsync(mine.UserId, Line(ActivityKind.SignedIn, 31), Cancel);
        await store.AddAsync(mine.UserId, Line(ActivityKind.SignInFailed, 32), Cancel);
        await store.AddAsync(mine.UserId, Line(ActivityKind.SignInFailed, 33, network: "198.51.100.0/24"), Cancel);

        var (lines, total) = await store.ListAsync(mine.UserId, 10, Cancel);

        Assert.Equal(4, total);
        Assert.Equal([1, 1, 1, 3], lines.Select(l => l.Count));
        Assert.Equal(Start, lines[^1].FirstAtUtc);
        Assert.Equal(Start.AddMinutes(30), lines[^1].AtUtc);
        Assert.Equal(5, await store.FailedAttemptsAfterAsync(mine.UserId, null, Cancel));
        Assert.Equal(2, await store.FailedAttemptsAfterAsync(mine.UserId, Start.AddMinutes(31), Cancel));
        Assert.Equal(1, (await store.ListAsync(theirs.UserId, 10, Cancel)).Total);
        Assert.Equal(ActivityKind.SignedIn, Assert.Single(await store.SessionStartsAsync(mine.UserId, Cancel)).Kind);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Deleting_the_account_deletes_its_lines_and_leaves_anothers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var leaving = await database.AddAccountAsync("leaves.now");
        using var staying = await database.AddAccountAsync("stays.here");
        var store = new ActivityStore(database.Contexts);
        await store.AddAsync(leaving.UserId, Line(ActivityKind.SignedIn, 0), Cancel);
        await store.AddAsync(staying.UserId, Line(ActivityKind.SignedIn, 0), Cancel);

        await using (var db = await database.OpenAsync())
        {
            await db.Users.Where(u => u.Id == leaving.UserId).ExecuteDeleteAsync(Cancel);
        }

        await using var check = await database.OpenAsync();
        Assert.Equal([staying.UserId], await check.Activity.Select(a => a.UserId).ToListAsync(Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task An_attempt_on_a_username_that_does_not_exist_stores_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        var store = new ActivityStore(database.Contexts);

        await store.StandInAsync(ActivityKind.SignInFailed, Cancel);

        await using var db = await database.OpenAsync();
        Assert.Equal(0, await db.Activity.CountAsync(Cancel));
    }
}
