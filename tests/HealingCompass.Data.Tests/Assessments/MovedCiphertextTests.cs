using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Assessment;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.Assessments;

/// <summary>
/// Someone with write access to the database moves a saved draft's ciphertext around. It must never open
/// anywhere but in its own row, for its own owner: the associated data names both.
/// </summary>
public sealed class MovedCiphertextTests
{
    private const string ClearMessage = "This saved item can't be opened: it doesn't belong to this account or record, or it was changed.";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_draft_copied_into_another_persons_row_fails_to_open_with_a_clear_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await database.AddAccountAsync("alex");
        using var sam = await database.AddAccountAsync("sam", "another long passphrase here");
        await SaveNoteAsync(database, alex, "Alex's private note.");
        await SaveNoteAsync(database, sam, "Sam's private note.");

        var alexPayload = (await database.ReadDraftRowAsync(alex.UserId)).Payload;
        await SetDraftPayloadAsync(database, sam.UserId, alexPayload);

        var error = await Assert.ThrowsAsync<RecordDecryptionException>(() =>
            database.Store.LoadDraftAsync(sam.UserId, sam.Key, TestContext.Current.CancellationToken));
        Assert.Equal(ClearMessage, error.Message);
        Assert.DoesNotContain("Alex", error.ToString(), StringComparison.Ordinal);

        // Even Alex's own key cannot open it there: the row names Sam as the owner.
        await Assert.ThrowsAsync<RecordDecryptionException>(() =>
            database.Store.LoadDraftAsync(sam.UserId, alex.Key, TestContext.Current.CancellationToken));

        // And Alex's own draft, where it belongs, still opens.
        var alexDraft = await database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken);
        Assert.Equal("Alex's private note.", alexDraft?["reflection.notes"]?.Text);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_draft_copied_into_another_record_of_the_same_person_fails_to_open(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await database.AddAccountAsync("alex.two");
        await SaveNoteAsync(database, alex, "Belongs to the first record only.");
        var original = await database.ReadDraftRowAsync(alex.UserId);

        // Another row of Alex's takes over as the draft, carrying a byte-for-byte copy of the first one's blob.
        var otherId = Guid.NewGuid();
        await using (var db = await database.OpenAsync())
        {
            await db.SavedAssessments.Where(a => a.Id == original.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDraft, false), TestContext.Current.CancellationToken);
            db.SavedAssessments.Add(new SavedAssessment
            {
                Id = otherId,
                UserId = alex.UserId,
                IsDraft = true,
                CreatedUtc = original.CreatedUtc,
                UpdatedUtc = original.UpdatedUtc,
                Payload = original.Payload.ToArray(),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var error = await Assert.ThrowsAsync<RecordDecryptionException>(() =>
            database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken));
        Assert.Equal(ClearMessage, error.Message);

        // Back in its own record, the same bytes open again: only the move made it fail.
        await using (var db = await database.OpenAsync())
        {
            await db.SavedAssessments.Where(a => a.Id == otherId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
            await db.SavedAssessments.Where(a => a.Id == original.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsDraft, true), TestContext.Current.CancellationToken);
        }
        var restored = await database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken);
        Assert.Equal("Belongs to the first record only.", restored?["reflection.notes"]?.Text);
    }

    [Theory]
    [InlineData(0)]   // the version byte
    [InlineData(5)]   // the nonce
    [InlineData(20)]  // the ciphertext
    [InlineData(-1)]  // the last byte of the tag
    public async Task A_draft_with_any_byte_changed_fails_to_open_with_the_same_clear_error(int offset)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var alex = await database.AddAccountAsync("alex.three");
        await SaveNoteAsync(database, alex, "Do not tamper with me.");
        var payload = (await database.ReadDraftRowAsync(alex.UserId)).Payload;
        var index = offset >= 0 ? offset : payload.Length + offset;
        payload[index] ^= 0x01;

        await SetDraftPayloadAsync(database, alex.UserId, payload);

        var error = await Assert.ThrowsAsync<RecordDecryptionException>(() =>
            database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken));
        Assert.Equal(ClearMessage, error.Message);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_draft_cut_short_fails_to_open_with_the_same_clear_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await database.AddAccountAsync("alex.four");
        await SaveNoteAsync(database, alex, "Whole or nothing.");
        var payload = (await database.ReadDraftRowAsync(alex.UserId)).Payload;

        await SetDraftPayloadAsync(database, alex.UserId, payload[..^1]);
        var shortened = await Assert.ThrowsAsync<RecordDecryptionException>(() =>
            database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken));
        Assert.Equal(ClearMessage, shortened.Message);

        await SetDraftPayloadAsync(database, alex.UserId, [0x01]);
        await Assert.ThrowsAsync<RecordDecryptionException>(() =>
            database.Store.LoadDraftAsync(alex.UserId, alex.Key, TestContext.Current.CancellationToken));
    }

    private static Task SaveNoteAsync(TestDatabase database, TestAccount account, string note) =>
        database.Store.SaveDraftAsync(
            account.UserId,
            account.Key,
            new AnswerSet().Set("reflection.notes", AnswerValue.FreeText(note)),
            TestContext.Current.CancellationToken);

    /// <summary>Writes bytes straight into a person's draft row, as someone editing the database file would.</summary>
    private static async Task SetDraftPayloadAsync(TestDatabase database, string userId, byte[] payload)
    {
        await using var db = await database.OpenAsync();
        var row = await db.SavedAssessments.SingleAsync(a => a.UserId == userId && a.IsDraft, TestContext.Current.CancellationToken);
        row.Payload = payload;
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}
