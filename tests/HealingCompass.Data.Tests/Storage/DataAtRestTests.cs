using System.Text;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Assessment;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>
/// What someone with a copy of the database, its <c>-wal</c> and <c>-shm</c> files can read: every byte of
/// them, searched for a sentinel saved as sensitive data, at each point in SQLite's life cycle.
/// </summary>
public sealed class DataAtRestTests
{
    private const string NotesQuestion = "reflection.notes";

    [Fact]
    public async Task A_sentinel_saved_in_a_draft_never_reaches_the_database_wal_or_shm_files()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("sentinel.keeper");
        var sentinel = NewSentinel();
        var answers = new AnswerSet().Set(NotesQuestion, AnswerValue.FreeText($"Something only I should read: {sentinel}. Nobody else."));

        await database.Store.SaveDraftAsync(account.UserId, account.Key, answers, TestContext.Current.CancellationToken);
        answers.Set("reflection.seen_respected", 1); // saved a second time: the row is updated, not added
        await database.Store.SaveDraftAsync(account.UserId, account.Key, answers, TestContext.Current.CancellationToken);

        var payload = (await database.ReadDraftRowAsync(account.UserId)).Payload;
        var needles = Needles(sentinel);

        // 1. While a connection is open: the writes sit in the WAL (unless SQLite has already
        //    checkpointed them into the main file) and the shared-memory index.
        await using (var open = new SqliteConnection(database.ConnectionString))
        {
            await open.OpenAsync(TestContext.Current.CancellationToken);
            var files = database.ReadFiles();
            Assert.Contains(files, f => f.Contains(payload.AsSpan(1, 32))); // the scan does see the saved ciphertext
            AssertFoundNowhere(files, needles, "with a connection open");
        }

        // 2. After a checkpoint has copied everything into the main file.
        await database.CheckpointAsync();
        var checkpointed = database.ReadFiles();
        Assert.Contains(checkpointed, f => f.Name.EndsWith(".db", StringComparison.Ordinal) && f.Contains(payload.AsSpan(1, 32)));
        AssertFoundNowhere(checkpointed, needles, "after a checkpoint");

        // 3. After every connection has closed.
        database.CloseConnections();
        AssertFoundNowhere(database.ReadFiles(), needles, "after closing every connection");

        // The encryption is real: the owner's key brings the words back.
        var loaded = await database.Store.LoadDraftAsync(account.UserId, account.Key, TestContext.Current.CancellationToken);
        Assert.NotNull(loaded);
        Assert.Contains(sentinel, loaded[NotesQuestion]?.Text, StringComparison.Ordinal);
        Assert.Equal(1, loaded["reflection.seen_respected"]?.Number);
        Assert.Equal(Encoding.UTF8.GetByteCount(AnswersFile.Write(answers)) + 29, payload.Length);
        AssertFoundNowhere(database.ReadFiles(), needles, "after loading the draft again");
    }

    [Fact]
    public async Task The_same_scan_finds_a_sentinel_stored_as_plain_text()
    {
        // The control for the test above: a username is stored in the clear, so a sentinel used as one
        // must be found: in the WAL or the main file while connections are open (SQLite may already
        // have checkpointed), and in the main file after a checkpoint.
        await using var database = await TestDatabase.CreateAsync();
        var sentinel = NewSentinel();
        using var account = await database.AddAccountAsync(sentinel);
        var needles = Needles(sentinel);

        await using (var open = new SqliteConnection(database.ConnectionString))
        {
            await open.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Contains(database.ReadFiles(), f => f.Contains(needles["UTF-8 sentinel"]));
            Assert.Contains(database.ReadFiles(), f => f.Contains(needles["UTF-8 distinctive part"]));
        }

        await database.CheckpointAsync();
        var main = Assert.Single(database.ReadFiles(), f => f.Name.EndsWith(".db", StringComparison.Ordinal));
        Assert.True(main.Contains(needles["UTF-8 sentinel"]), $"Expected the plain-text sentinel in {main}.");

        database.CloseConnections();
        Assert.Contains(database.ReadFiles(), f => f.Contains(needles["UTF-8 sentinel"]));
    }

    [Fact]
    public async Task Deleting_a_draft_leaves_none_of_its_ciphertext_in_the_files()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("deletes.things");
        var answers = new AnswerSet().Set(NotesQuestion, AnswerValue.FreeText("A note that is later thrown away."));
        await database.Store.SaveDraftAsync(account.UserId, account.Key, answers, TestContext.Current.CancellationToken);
        var ciphertext = (await database.ReadDraftRowAsync(account.UserId)).Payload.AsSpan(1, 32).ToArray();
        await database.CheckpointAsync();
        Assert.Contains(database.ReadFiles(), f => f.Contains(ciphertext)); // it really was in the main file

        await database.Store.DeleteDraftAsync(account.UserId, TestContext.Current.CancellationToken);
        await database.CheckpointAsync();

        Assert.Null(await database.Store.LoadDraftAsync(account.UserId, account.Key, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(database.ReadFiles(), f => f.Contains(ciphertext)); // secure_delete overwrote it
        database.CloseConnections();
        Assert.DoesNotContain(database.ReadFiles(), f => f.Contains(ciphertext));
    }

    [Fact]
    public async Task Saving_a_draft_again_overwrites_its_earlier_ciphertext_in_the_files()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("changes.mind");
        var answers = new AnswerSet().Set(NotesQuestion, AnswerValue.FreeText("The first version of a note."));
        await database.Store.SaveDraftAsync(account.UserId, account.Key, answers, TestContext.Current.CancellationToken);
        var first = (await database.ReadDraftRowAsync(account.UserId)).Payload.AsSpan(1, 32).ToArray();
        await database.CheckpointAsync();
        Assert.Contains(database.ReadFiles(), f => f.Contains(first));

        answers.Set(NotesQuestion, AnswerValue.FreeText("The second version, a little longer than the first one."));
        await database.Store.SaveDraftAsync(account.UserId, account.Key, answers, TestContext.Current.CancellationToken);
        var second = (await database.ReadDraftRowAsync(account.UserId)).Payload.AsSpan(1, 32).ToArray();
        await database.CheckpointAsync();

        Assert.DoesNotContain(database.ReadFiles(), f => f.Contains(first));
        Assert.Contains(database.ReadFiles(), f => f.Contains(second));
    }

    [Fact]
    public async Task The_database_runs_with_foreign_keys_secure_delete_and_a_write_ahead_log()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.OpenAsync();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        Assert.Equal("1", await PragmaAsync(db, "foreign_keys"));
        Assert.Equal("1", await PragmaAsync(db, "secure_delete"));
    }

    private static string NewSentinel() => Sentinels.New();

    /// <summary>The sentinel's patterns, and the answers file's format name, which would show if its JSON were stored in the clear.</summary>
    private static Dictionary<string, byte[]> Needles(string sentinel)
    {
        var needles = Sentinels.Needles(sentinel);
        needles["UTF-8 answers file format name"] = Encoding.UTF8.GetBytes(AnswersFile.FormatName);
        return needles;
    }

    private static void AssertFoundNowhere(IReadOnlyList<DatabaseFile> files, Dictionary<string, byte[]> needles, string when) =>
        Sentinels.AssertFoundNowhere(files, needles, when);

    private static async Task<string> PragmaAsync(HealingCompassDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
