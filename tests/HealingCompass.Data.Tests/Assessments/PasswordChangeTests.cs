using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Assessment;

namespace HealingCompass.Data.Tests.Assessments;

/// <summary>
/// A password change or recovery re-wraps the data key in the database and nothing else: drafts saved
/// before stay readable, and only the current password (or the recovery key) opens them.
/// </summary>
public sealed class PasswordChangeTests
{
    private const string Note = "Written before any password changed.";
    private const string NewPassword = "a quieter phrase for a new season";
    private const string AfterRecovery = "the phrase chosen after recovery";

    [Theory, ClassData(typeof(BothProviders))]
    public async Task After_a_password_change_the_saved_draft_opens_with_the_new_password_and_the_old_one_fails(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("changes.password");
        await SaveNoteAsync(database, account);
        var payloadBefore = (await database.ReadDraftRowAsync(account.UserId)).Payload;

        var stored = await database.ReadKeyringAsync(account.UserId);
        using (var unlocked = stored.UnlockWithPassword(account.UserId, account.Password))
        {
            await database.WritePasswordWrappedAsync(account.UserId, stored.Rewrap(unlocked, account.UserId, NewPassword, TestKeys.Fast));
        }

        var changed = await database.ReadKeyringAsync(account.UserId);
        var error = Assert.Throws<KeyUnlockException>(() => changed.UnlockWithPassword(account.UserId, account.Password));
        Assert.Equal("That password doesn't unlock this account's data.", error.Message);
        using var key = changed.UnlockWithPassword(account.UserId, NewPassword);
        var draft = await database.Store.LoadDraftAsync(account.UserId, key, TestContext.Current.CancellationToken);
        Assert.Equal(Note, draft?["reflection.notes"]?.Text);

        // Nothing was re-encrypted: the record's bytes are exactly as they were.
        Assert.Equal(payloadBefore, (await database.ReadDraftRowAsync(account.UserId)).Payload);
        Assert.Equal(stored.RecoveryWrapped, changed.RecoveryWrapped);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_recovery_key_restores_access_after_a_forgotten_password_and_the_forgotten_one_stays_useless(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("forgets.things");
        await SaveNoteAsync(database, account);
        var recoveryKey = account.RecoveryKey;
        account.Key.Dispose(); // signed out: the only key in memory is gone, and the password is "forgotten"

        var stored = await database.ReadKeyringAsync(account.UserId);
        using (var recovered = stored.UnlockWithRecoveryKey(account.UserId, recoveryKey.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)))
        {
            await database.WritePasswordWrappedAsync(account.UserId, stored.Rewrap(recovered, account.UserId, AfterRecovery, TestKeys.Fast));
        }

        var afterRecovery = await database.ReadKeyringAsync(account.UserId);
        Assert.Throws<KeyUnlockException>(() => afterRecovery.UnlockWithPassword(account.UserId, account.Password));
        using (var key = afterRecovery.UnlockWithPassword(account.UserId, AfterRecovery))
        {
            var draft = await database.Store.LoadDraftAsync(account.UserId, key, TestContext.Current.CancellationToken);
            Assert.Equal(Note, draft?["reflection.notes"]?.Text);
        }

        // Rewrap alone keeps the recovery copy; the account service then rotates it (Web.Tests RecoveryTests).
        using var again = afterRecovery.UnlockWithRecoveryKey(account.UserId, recoveryKey);
        var stillThere = await database.Store.LoadDraftAsync(account.UserId, again, TestContext.Current.CancellationToken);
        Assert.Equal(Note, stillThere?["reflection.notes"]?.Text);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_wrong_recovery_key_opens_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("guesses.keys");
        var stored = await database.ReadKeyringAsync(account.UserId);

        var error = Assert.Throws<KeyUnlockException>(() => stored.UnlockWithRecoveryKey(account.UserId, RecoveryKey.Generate()));
        Assert.Equal("That recovery key doesn't unlock this account's data.", error.Message);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Another_persons_password_copy_of_the_key_does_not_open_in_this_account(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await database.AddAccountAsync("alex.keys", "the same phrase for both");
        using var sam = await database.AddAccountAsync("sam.keys", "the same phrase for both");
        var alexKeyring = await database.ReadKeyringAsync(alex.UserId);

        // Sam's keyring row now holds Alex's wrapped key, and Sam types the (shared) password.
        await database.WritePasswordWrappedAsync(sam.UserId, alexKeyring);
        var samKeyring = await database.ReadKeyringAsync(sam.UserId);

        Assert.Throws<KeyUnlockException>(() => samKeyring.UnlockWithPassword(sam.UserId, "the same phrase for both"));
    }

    private static Task SaveNoteAsync(TestDatabase database, TestAccount account) =>
        database.Store.SaveDraftAsync(
            account.UserId,
            account.Key,
            new AnswerSet().Set("reflection.notes", AnswerValue.FreeText(Note)),
            TestContext.Current.CancellationToken);
}
