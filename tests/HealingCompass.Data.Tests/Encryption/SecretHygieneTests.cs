using System.Text;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;

namespace HealingCompass.Data.Tests.Encryption;

/// <summary>Nothing secret reaches an exception message, a stack dump or a ToString, where logs could keep it.</summary>
public sealed class SecretHygieneTests
{
    private const string Password = "Sentinel-Password-4471";
    private const string Plaintext = "SENTINEL-JOURNAL-TEXT-9930";

    [Fact]
    public void A_failed_unlock_never_repeats_the_password_or_recovery_key_tried()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(TestKeys.UserId, Password, TestKeys.Fast);
        using (key)
        {
            var wrongPassword = Password + "x";
            var wrongRecovery = RecoveryKey.Generate();
            var failures = new Exception[]
            {
                Assert.Throws<KeyUnlockException>(() => stored.UnlockWithPassword(TestKeys.UserId, wrongPassword)),
                Assert.Throws<KeyUnlockException>(() => stored.UnlockWithRecoveryKey(TestKeys.UserId, wrongRecovery)),
                Assert.Throws<KeyUnlockException>(() => stored.UnlockWithRecoveryKey(TestKeys.UserId, recoveryKey + "Z")),
                Assert.Throws<FormatException>(() => RecoveryKey.Normalize(recoveryKey + "Z")),
            };

            foreach (var failure in failures)
            {
                AssertReveals(failure.ToString(), nothingOf: [Password, wrongPassword, recoveryKey, wrongRecovery, .. KeyForms(key)]);
            }
        }
    }

    [Fact]
    public void A_failed_decryption_never_repeats_the_text_or_the_key()
    {
        using var key = DataKey.Create();
        using var otherKey = DataKey.Create();
        var binding = new RecordBinding(TestKeys.UserId, "journal-entry.text", "entry-1");
        var blob = FieldCipher.EncryptString(key, Plaintext, binding);

        var failure = Assert.Throws<RecordDecryptionException>(() => FieldCipher.DecryptString(otherKey, blob, binding));

        Assert.DoesNotContain("CryptographicException", failure.Message, StringComparison.Ordinal);
        AssertReveals(failure.ToString(), nothingOf: [Plaintext, .. KeyForms(key), .. KeyForms(otherKey)]);
    }

    [Fact]
    public void Keys_keyrings_and_wrapped_keys_print_no_key_material()
    {
        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(TestKeys.UserId, Password, TestKeys.Fast);
        using (key)
        {
            var printed = string.Join("\n", key.ToString(), stored.ToString(), stored.PasswordWrapped.ToString(), stored.RecoveryWrapped.ToString());

            AssertReveals(printed, nothingOf: [Password, recoveryKey, .. KeyForms(key),
                Convert.ToHexString(stored.PasswordWrapped.Ciphertext.Span), Convert.ToBase64String(stored.PasswordWrapped.Ciphertext.Span)]);
            Assert.Equal("WrappedKey(v1, Argon2id m=256 KiB, t=1, p=1)", stored.PasswordWrapped.ToString());
        }
    }

    private static string[] KeyForms(DataKey key) =>
    [
        Convert.ToHexString(key.Bytes),
        Convert.ToHexString(key.Bytes).ToLowerInvariant(),
        Convert.ToBase64String(key.Bytes),
        Encoding.Latin1.GetString(key.Bytes),
    ];

    private static void AssertReveals(string text, string[] nothingOf)
    {
        foreach (var secret in nothingOf)
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
