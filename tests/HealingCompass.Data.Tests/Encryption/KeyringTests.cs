using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;

namespace HealingCompass.Data.Tests.Encryption;

public sealed class KeyringTests
{
    private const string UserId = TestKeys.UserId;
    private const string Password = TestKeys.Password;
    private static readonly RecordBinding Entry = new(UserId, "journal-entry.text", "entry-1");

    [Fact]
    public void The_password_unlocks_the_key_created_at_sign_up()
    {
        var (stored, key, _) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        using (key)
        {
            using var unlocked = stored.UnlockWithPassword(UserId, Password);
            Assert.True(TestKeys.Same(key, unlocked));
        }
    }

    [Fact]
    public void A_wrong_password_fails_with_a_plain_unlock_error()
    {
        var (stored, key, _) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        key.Dispose();

        var error = Assert.Throws<KeyUnlockException>(() => stored.UnlockWithPassword(UserId, "correct horse battery stapler"));
        Assert.Equal("That password doesn't unlock this account's data.", error.Message);
        Assert.Equal(KeyPurpose.Password, error.Purpose);
        Assert.Throws<KeyUnlockException>(() => stored.UnlockWithPassword(UserId, ""));
    }

    [Fact]
    public void The_recovery_key_unlocks_the_same_data_key()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        using (key)
        {
            using var recovered = stored.UnlockWithRecoveryKey(UserId, recoveryKey);
            Assert.True(TestKeys.Same(key, recovered));
        }
    }

    [Fact]
    public void The_recovery_key_unlocks_however_the_person_types_it()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        key.Dispose();
        var typed = recoveryKey.Replace("-", " ", StringComparison.Ordinal).Replace('0', 'o').Replace('1', 'l').ToLowerInvariant();

        using var recovered = stored.UnlockWithRecoveryKey(UserId, "  " + typed + " ");
        using var again = stored.UnlockWithRecoveryKey(UserId, recoveryKey.Replace("-", "", StringComparison.Ordinal));
        Assert.True(TestKeys.Same(recovered, again));
    }

    [Fact]
    public void A_wrong_or_malformed_recovery_key_fails_with_a_plain_unlock_error()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        key.Dispose();
        var wrong = RecoveryKey.Generate();

        var error = Assert.Throws<KeyUnlockException>(() => stored.UnlockWithRecoveryKey(UserId, wrong));
        Assert.Equal("That recovery key doesn't unlock this account's data.", error.Message);
        Assert.Equal(KeyPurpose.Recovery, error.Purpose);

        var malformed = Assert.Throws<KeyUnlockException>(() => stored.UnlockWithRecoveryKey(UserId, recoveryKey[..^1]));
        Assert.StartsWith("That doesn't look like a recovery key.", malformed.Message, StringComparison.Ordinal);
        Assert.Throws<KeyUnlockException>(() => stored.UnlockWithRecoveryKey(UserId, Password));
    }

    [Fact]
    public void After_a_password_change_the_old_password_fails_the_new_one_works_and_earlier_data_still_opens()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        byte[] savedBefore;
        Keyring changed;
        using (key)
        {
            savedBefore = FieldCipher.EncryptString(key, "written before the change", Entry);
            changed = stored.Rewrap(key, UserId, "a brand new passphrase", TestKeys.Fast);
        }

        Assert.Throws<KeyUnlockException>(() => changed.UnlockWithPassword(UserId, Password));
        using var unlocked = changed.UnlockWithPassword(UserId, "a brand new passphrase");
        Assert.Equal("written before the change", FieldCipher.DecryptString(unlocked, savedBefore, Entry));

        Assert.Equal(stored.RecoveryWrapped, changed.RecoveryWrapped); // only the password copy was re-wrapped
        using var recovered = changed.UnlockWithRecoveryKey(UserId, recoveryKey);
        Assert.True(TestKeys.Same(unlocked, recovered));
    }

    [Fact]
    public void After_recovery_a_new_password_is_set_and_the_forgotten_one_stays_useless()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(UserId, "the forgotten one", TestKeys.Fast);
        var saved = FieldCipher.EncryptString(key, "kept safe", Entry);
        key.Dispose();

        Keyring afterRecovery;
        using (var recovered = stored.UnlockWithRecoveryKey(UserId, recoveryKey))
        {
            afterRecovery = stored.Rewrap(recovered, UserId, "a remembered one", TestKeys.Fast);
        }

        Assert.Throws<KeyUnlockException>(() => afterRecovery.UnlockWithPassword(UserId, "the forgotten one"));
        using var unlocked = afterRecovery.UnlockWithPassword(UserId, "a remembered one");
        Assert.Equal("kept safe", FieldCipher.DecryptString(unlocked, saved, Entry));
    }

    [Fact]
    public void Rotating_the_recovery_key_retires_the_old_one_and_keeps_the_password_copy()
    {
        var (stored, key, oldRecoveryKey) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        using (key)
        {
            var (rotated, newRecoveryKey) = stored.RotateRecoveryKey(key, UserId, TestKeys.Fast);

            Assert.NotEqual(oldRecoveryKey, newRecoveryKey);
            Assert.Equal(stored.PasswordWrapped, rotated.PasswordWrapped);
            Assert.Throws<KeyUnlockException>(() => rotated.UnlockWithRecoveryKey(UserId, oldRecoveryKey));
            using var recovered = rotated.UnlockWithRecoveryKey(UserId, newRecoveryKey);
            Assert.True(TestKeys.Same(key, recovered));
        }
    }

    [Fact]
    public void A_keyring_survives_being_stored_as_two_blobs()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        using (key)
        {
            var passwordBlob = stored.PasswordWrapped.ToBlob();
            var recoveryBlob = stored.RecoveryWrapped.ToBlob();
            var reread = Keyring.FromBlobs(passwordBlob, recoveryBlob);

            Assert.Equal(WrappedKey.BlobLength, passwordBlob.Length);
            Assert.Equal(89, WrappedKey.BlobLength);
            Assert.Equal(WrappedKey.CurrentVersion, passwordBlob[0]);
            Assert.Equal(stored, reread);
            using var byPassword = reread.UnlockWithPassword(UserId, Password);
            using var byRecovery = reread.UnlockWithRecoveryKey(UserId, recoveryKey);
            Assert.True(TestKeys.Same(key, byPassword));
            Assert.True(TestKeys.Same(key, byRecovery));
        }
    }

    [Fact]
    public void Each_sign_up_gets_its_own_key_salt_and_nonce()
    {
        var (a, keyA, _) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        var (b, keyB, _) = Keyring.CreateForNewUser(UserId, Password, TestKeys.Fast);
        using (keyA)
        using (keyB)
        {
            Assert.False(TestKeys.Same(keyA, keyB));
            Assert.NotEqual(a.PasswordWrapped, b.PasswordWrapped);
            Assert.False(a.PasswordWrapped.Salt.Span.SequenceEqual(b.PasswordWrapped.Salt.Span));
            Assert.False(a.PasswordWrapped.Salt.Span.SequenceEqual(a.RecoveryWrapped.Salt.Span));
        }
    }
}
