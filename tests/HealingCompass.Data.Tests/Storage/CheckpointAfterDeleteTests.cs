using System.Text;
using HealingCompass.Data.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// Deleted means gone from the <c>.db</c>, <c>-wal</c> and <c>-shm</c> files while connections are still open
/// (as in the running app), whichever way the delete is made. A username is stored in the clear, so a
/// sentinel used as one is first found by the scan, then must be found nowhere.
/// </summary>
public sealed class CheckpointAfterDeleteTests
{
    [Fact]
    public async Task An_account_removed_through_SaveChanges_is_gone_from_every_file_with_connections_open()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sentinel = NewSentinel();
        using var account = await database.AddAccountAsync(sentinel);
        await using var held = await HoldConnectionAsync(database);
        Assert.Contains(database.ReadFiles(), f => f.Contains(Encoding.UTF8.GetBytes(sentinel))); // the control

        await using (var db = await database.OpenAsync())
        {
            db.Users.Remove(await db.Users.SingleAsync(u => u.Id == account.UserId, TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        AssertGone(database, sentinel);
    }

    [Fact]
    public async Task An_account_removed_with_ExecuteDelete_is_gone_from_every_file_with_connections_open()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sentinel = NewSentinel();
        using var account = await database.AddAccountAsync(sentinel);
        await using var held = await HoldConnectionAsync(database);

        await using (var db = await database.OpenAsync())
        {
            await db.Users.Where(u => u.Id == account.UserId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        }

        AssertGone(database, sentinel);
    }

    [Fact]
    public async Task A_delete_inside_a_transaction_is_gone_from_every_file_once_it_commits()
    {
        await using var database = await TestDatabase.CreateAsync();
        var sentinel = NewSentinel();
        using var account = await database.AddAccountAsync(sentinel);
        using var staying = await database.AddAccountAsync("stays.here");
        await using var held = await HoldConnectionAsync(database);

        await using (var db = await database.OpenAsync())
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken); // kept open: only the commit can trigger it
            await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await db.Users.Where(u => u.Id == account.UserId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
            AssertGone(database, sentinel);
        }

        await using var after = await database.OpenAsync();
        Assert.True(await after.Users.AnyAsync(u => u.Id == staying.UserId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_database_keeps_no_wal_beyond_a_checkpoint()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.OpenAsync();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_size_limit;";

        Assert.Equal(0L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    private static string NewSentinel() => $"sentinel.{Guid.NewGuid():N}";

    /// <summary>A second connection left open, as the app's pool keeps them: SQLite cannot drop the WAL on close.</summary>
    private static async Task<SqliteConnection> HoldConnectionAsync(TestDatabase database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private static void AssertGone(TestDatabase database, string sentinel)
    {
        var files = database.ReadFiles();
        Assert.Contains(files, f => f.Name.EndsWith("-wal", StringComparison.Ordinal)); // still there, but emptied
        foreach (var needle in new[] { Encoding.UTF8.GetBytes(sentinel), Encoding.UTF8.GetBytes(sentinel.ToUpperInvariant()), Encoding.Unicode.GetBytes(sentinel) })
        {
            Assert.All(files, f => Assert.False(f.Contains(needle), $"The deleted username is still in {f}."));
        }
    }
}
