using System.Text;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Journal;

/// <summary>"Erase for good" leaves no trace of the words in the database, WAL or shared-memory files.</summary>
public sealed class JournalEraseTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_erasing_an_entry_its_sentinel_and_ciphertext_are_in_no_byte_of_the_files_and_a_kept_entry_opens_only_by_decryption()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("erases.for.good");
        var erased = $"ERASED-{Guid.NewGuid():N}";
        var kept = $"KEPT-{Guid.NewGuid():N}";
        var journal = database.Journal;
        var erasedId = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"First telling {erased}", Place = erased }, Cancel)).EntryId!.Value;
        await journal.EditAsync(account.UserId, account.Key, erasedId, new EntryContent { WhatHappened = $"Second telling {erased}" }, $"why {erased}", Cancel);
        await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"A kept entry {kept}" }, Cancel);
        await journal.SaveDraftAsync(account.UserId, account.Key, new EntryContent { WhatHappened = $"Editing {erased}" }, erasedId, Cancel);

        var ciphertexts = await CiphertextsAsync(database, erasedId);
        Assert.Equal(2, ciphertexts.Count);
        await database.CheckpointAsync();
        Assert.All(ciphertexts, c => Assert.Contains(database.ReadFiles(), f => f.Contains(c))); // the scan sees stored ciphertext

        await using (var open = new SqliteConnection(database.ConnectionString))
        {
            await open.OpenAsync(Cancel); // a reader held open while erasing, as a live app has
            Assert.True(await journal.EraseAsync(account.UserId, erasedId, Cancel));
            AssertNowhere(database, erased, ciphertexts, "right after erasing, with a connection open");
            AssertNowhere(database, kept, [], "right after erasing, with a connection open");
        }
        database.CloseConnections();
        AssertNowhere(database, erased, ciphertexts, "after closing every connection");
        AssertNowhere(database, kept, [], "after closing every connection");

        // The control: the kept sentinel is found, but only by decrypting through the store.
        var found = await journal.ListAsync(account.UserId, account.Key, new JournalQuery { Search = kept }, Cancel);
        Assert.Contains(kept, Assert.Single(found.Entries).Content!.WhatHappened, StringComparison.Ordinal);
        Assert.Empty((await journal.ListAsync(account.UserId, account.Key, new JournalQuery { Search = erased }, Cancel)).Entries);

        // Only hashes remain, the chain verifies, and the entry says when it was erased.
        var history = (await journal.GetAsync(account.UserId, account.Key, erasedId, Cancel))!;
        Assert.Equal(JournalEntryState.Erased, history.State);
        Assert.NotNull(history.ErasedAt);
        Assert.All(history.Versions, v => Assert.Null(v.Content));
        Assert.Equal(VersionKind.Erase, history.Versions[^1].Kind);
        Assert.Null(await journal.LoadDraftAsync(account.UserId, account.Key, Cancel)); // the draft of that entry went too
        Assert.True((await journal.VerifyAsync(account.UserId, account.Key, Cancel)).Intact);
    }

    private static async Task<List<byte[]>> CiphertextsAsync(TestDatabase database, Guid entryId)
    {
        await using var db = await database.OpenAsync();
        var ids = await db.JournalVersions.Where(v => v.EntryId == entryId).Select(v => v.Id).ToListAsync(Cancel);
        var payloads = await db.JournalContents.Where(c => ids.Contains(c.VersionId)).Select(c => c.Payload).ToListAsync(Cancel);
        return [.. payloads.Select(p => p.AsSpan(13, 32).ToArray())];
    }

    private static void AssertNowhere(TestDatabase database, string sentinel, List<byte[]> ciphertexts, string when)
    {
        var files = database.ReadFiles();
        Assert.NotEmpty(files);
        byte[][] needles = [Encoding.UTF8.GetBytes(sentinel), Encoding.Unicode.GetBytes(sentinel), .. ciphertexts];
        foreach (var file in files)
        {
            foreach (var needle in needles)
            {
                Assert.False(file.Contains(needle), $"Found {needle.Length} bytes of the erased entry in {file} {when}.");
            }
        }
    }
}
