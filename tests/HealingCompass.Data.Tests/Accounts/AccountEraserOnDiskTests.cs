using HealingCompass.Data.Accounts;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.MyData;
using HealingCompass.Data.Tests.CheckIns;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HealingCompass.Data.Tests.Accounts;

/// <summary>
/// After an account is deleted, nothing of it is in any byte of the <c>.db</c>, <c>-wal</c> or <c>-shm</c>
/// files (every kind of record, found by its stored bytes, since what a person wrote is only ever there
/// encrypted), another person's records are still there, and the username can be taken again.
/// </summary>
public sealed class AccountEraserOnDiskTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>
    /// The tables whose stored bytes the scan must have found before the delete: every kind of encrypted record.
    /// The readable ones (the username, a session, a line of activity) are found by their text.
    /// </summary>
    private static readonly string[] RecordTables =
    [
        "Keyrings", "SavedAssessments", "SavedPlans", "Commitments", "CheckIns",
        "JournalVersions", "JournalContents", "JournalHeads", "JournalDrafts", "JournalAttachments", "JournalExportRecords",
    ];

    [Fact]
    public async Task After_deleting_an_account_no_byte_of_any_of_its_records_is_in_the_database_wal_or_shm_files_and_another_persons_still_are()
    {
        await using var f = await CheckInFixture.CreateAsync();
        var database = f.Database;
        var leavingName = Sentinels.New();
        using var leaving = await database.AddAccountAsync(leavingName);
        using var staying = await database.AddAccountAsync("staying.person");
        var words = Sentinels.New();
        await FillAsync(f, leaving, words, "203.0.113.0/24");
        await FillAsync(f, staying, Sentinels.New(), "198.51.100.0/24");
        await using (var db = await database.OpenAsync())
        {
            db.DataImports.Add(new DataImport { UserId = leaving.UserId, JournalLength = 2 });
            db.Sessions.Add(new UserSession { Id = Guid.NewGuid().ToString("N"), SessionIdHash = leavingName, UserId = leaving.UserId, Device = "Firefox on Linux" });
            await db.SaveChangesAsync(Cancel);
        }

        await database.CheckpointAsync();
        var leavingBytes = await StoredBytesAsync(database, leaving.UserId);
        var stayingBytes = await StoredBytesAsync(database, staying.UserId);
        Assert.Empty(RecordTables.Except(leavingBytes.Select(b => b.Table)));
        Assert.Contains(leavingBytes, b => b.Table == "JournalAttachments" && b.Column == "WithoutMetadata"); // the photo's clean copy too
        var needles = leavingBytes.Select((b, i) => (b, i)).ToDictionary(x => $"{x.b.Table}.{x.b.Column} (#{x.i})", x => x.b.Bytes);
        foreach (var (what, needle) in Sentinels.Needles(leavingName))
        {
            needles["username: " + what] = needle;
        }
        needles["the activity's network"] = System.Text.Encoding.UTF8.GetBytes("203.0.113.0/24");
        // The control: the scan sees every one of them before the delete (the database stores text as UTF-8).
        foreach (var (what, needle) in needles.Where(n => !n.Key.Contains("UTF-16", StringComparison.Ordinal)))
        {
            Assert.True(database.ReadFiles().Any(file => file.Contains(needle)), $"The scan should see {what} before the delete.");
        }

        await using (var open = new SqliteConnection(database.ConnectionString))
        {
            await open.OpenAsync(Cancel); // a reader held open while deleting, as a live app has
            Assert.True(await new AccountEraser(database.Contexts).EraseAsync(leaving.UserId, Cancel));
            AssertNowhere(database, needles, "right after the delete, with a connection open");
        }
        database.CloseConnections();
        AssertNowhere(database, needles, "after closing every connection");
        AssertNowhere(database, Sentinels.Needles(words), "after closing every connection");

        // The other person's records are all still there, and still open with their key.
        foreach (var kept in stayingBytes)
        {
            Assert.True(database.ReadFiles().Any(file => file.Contains(kept.Bytes)), $"{kept.Table}.{kept.Column} of the other person went missing.");
        }
        Assert.Single(await database.Store.LoadHistoryAsync(staying.UserId, staying.Key, Cancel));
        Assert.True((await database.Journal.VerifyAsync(staying.UserId, staying.Key, Cancel)).Intact);
        Assert.NotNull(await database.Plans.LoadAsync(staying.UserId, staying.Key, Cancel));
    }

    [Fact]
    public async Task After_deleting_an_account_its_username_can_be_registered_again_through_identity()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var leaving = await database.AddAccountAsync("same.name.again");
        await using (var db = await database.OpenAsync())
        {
            using var users = Users(db);
            var taken = await users.CreateAsync(new ApplicationUser { UserName = "same.name.again" });
            Assert.Contains(taken.Errors, e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)); // the control
        }

        Assert.True(await new AccountEraser(database.Contexts).EraseAsync(leaving.UserId, Cancel));

        await using (var db = await database.OpenAsync())
        {
            using var users = Users(db);
            var again = new ApplicationUser { UserName = "same.name.again" };
            Assert.True((await users.CreateAsync(again, "a long new passphrase")).Succeeded);
            Assert.NotEqual(leaving.UserId, again.Id);
            Assert.True(await users.CheckPasswordAsync(again, "a long new passphrase"));
            Assert.False(await users.CheckPasswordAsync(again, leaving.Password));
            Assert.False(await db.Keyrings.AnyAsync(Cancel)); // the new account starts with nothing of the old one's
        }
    }

    /// <summary>A saved assessment, a kept plan with its commitments, a check-in with a note, a journal entry edited once, its files, a draft, a line of activity, an export's record.</summary>
    private static async Task FillAsync(CheckInFixture f, TestAccount account, string words, string network)
    {
        var database = f.Database;
        await database.Store.SaveCompletedAsync(account.UserId, account.Key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText($"Saved answer {words}")), Cancel);
        await f.KeepPlanAsync(account);
        var own = await database.Plans.AddOwnAsync(account.UserId, account.Key, CommitmentKind.Boundary, $"My own boundary {words}", Cancel);
        Assert.NotNull(own);
        Assert.True((await database.CheckIns.SubmitAsync(account.UserId, account.Key, CheckInFixture.Answers(note: $"Check-in note {words}"), cancellationToken: Cancel)).Saved);
        var entryId = (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"First telling {words}" }, Cancel)).EntryId!.Value;
        await database.Journal.EditAsync(account.UserId, account.Key, entryId, new EntryContent { WhatHappened = $"Second telling {words}" }, $"Because {words}", Cancel);
        var files = new JournalAttachmentStore(database.Contexts, database.Journal, TimeProvider.System);
        Assert.True((await files.AddAsync(account.UserId, account.Key, entryId, "letter.pdf", new MemoryStream(TestFiles.PdfWith(words)), Cancel)).Saved);
        Assert.True((await files.AddAsync(account.UserId, account.Key, entryId, "photo.jpg", new MemoryStream(TestFiles.JpegWithGps()), Cancel)).Saved);
        await database.Journal.SaveDraftAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"Draft {words}" }, null, Cancel);
        await new ActivityStore(database.Contexts).AddAsync(account.UserId, new ActivityEvent(ActivityKind.SignedIn, DateTime.UtcNow, "Firefox on Linux", network), Cancel);
        _ = await new JournalExporter(database.Contexts, TimeProvider.System).ExportAsync(account.UserId, account.Key, Cancel); // leaves its record
    }

    /// <summary>
    /// Distinctive stored bytes of every row the person owns, per table and column: 32 bytes from the middle of
    /// each blob (ciphertext, wrapped keys, hashes) and the readable text columns that are theirs alone.
    /// </summary>
    private static async Task<List<StoredBytes>> StoredBytesAsync(TestDatabase database, string userId)
    {
        await using var db = await database.OpenAsync();
        var tables = PersonalTables.Of(db.Model);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Cancel);
        var found = new List<StoredBytes>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table.Table}\" WHERE {table.OwnedWhere};";
            command.Parameters.AddWithValue(PersonalTables.UserParameter, userId);
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            while (await reader.ReadAsync(Cancel))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is byte[] { Length: >= 32 } blob && blob.Distinct().Count() > 8)
                    {
                        found.Add(new StoredBytes(table.Table, reader.GetName(i), blob.AsSpan(blob.Length / 2 - 16, 32).ToArray()));
                    }
                }
            }
        }
        return found;
    }

    private static void AssertNowhere(TestDatabase database, Dictionary<string, byte[]> needles, string when)
    {
        var files = database.ReadFiles();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            foreach (var (what, needle) in needles)
            {
                Assert.False(file.Contains(needle), $"Found {what} of the deleted account in {file} {when}.");
            }
        }
    }

    private sealed record StoredBytes(string Table, string Column, byte[] Bytes);

    private static UserManager<ApplicationUser> Users(HealingCompassDbContext db) =>
        new(new Microsoft.AspNetCore.Identity.EntityFrameworkCore.UserStore<ApplicationUser>(db),
            Options.Create(new IdentityOptions()),
            new PasswordHasher<ApplicationUser>(),
            [new UserValidator<ApplicationUser>()],
            [],
            new UpperInvariantLookupNormalizer(),
            new IdentityErrorDescriber(),
            null!,
            NullLogger<UserManager<ApplicationUser>>.Instance);
}
