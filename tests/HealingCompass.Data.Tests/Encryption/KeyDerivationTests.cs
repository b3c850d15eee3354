using System.Diagnostics;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;
using Konscious.Security.Cryptography;

namespace HealingCompass.Data.Tests.Encryption;

public sealed class KeyDerivationTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Fact]
    public void The_default_parameters_meet_the_OWASP_minimum_and_really_lock_and_unlock_a_keyring()
    {
        var p = KdfParameters.Default;
        Assert.True(p.MemoryKiB >= 19 * 1024);
        Assert.True(p.Iterations >= 2);
        Assert.Equal(1, p.Parallelism);
        Assert.Equal(16, KdfParameters.SaltLength);
        Assert.True(p.MeetsMinimum);

        var timer = Stopwatch.StartNew();
        var kek = KeyDerivation.DeriveKey(TestKeys.Password, Salt, p);
        var oneDerivation = timer.Elapsed;
        Assert.Equal(32, kek.Length);

        var (stored, key, recoveryKey) = Keyring.CreateForNewUser(TestKeys.UserId, TestKeys.Password, p);
        using (key)
        {
            using var byPassword = stored.UnlockWithPassword(TestKeys.UserId, TestKeys.Password);
            using var byRecovery = stored.UnlockWithRecoveryKey(TestKeys.UserId, recoveryKey);
            Assert.True(TestKeys.Same(key, byPassword));
            Assert.True(TestKeys.Same(key, byRecovery));
            Assert.Throws<KeyUnlockException>(() => stored.UnlockWithPassword(TestKeys.UserId, "not the password"));
        }

        var reread = Keyring.FromBlobs(stored.PasswordWrapped.ToBlob(), stored.RecoveryWrapped.ToBlob());
        Assert.Equal(p.MemoryKiB, reread.PasswordWrapped.Kdf.MemoryKiB);
        Assert.Equal(p.Iterations, reread.RecoveryWrapped.Kdf.Iterations);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"One Argon2id derivation with m={p.MemoryKiB} KiB, t={p.Iterations}, p={p.Parallelism}: {oneDerivation.TotalMilliseconds:F0} ms; whole test {timer.Elapsed.TotalMilliseconds:F0} ms.");
    }

    [Theory]
    [InlineData(19_455, 2, 1)]
    [InlineData(19_456, 1, 1)]
    [InlineData(19_456, 2, 0)]
    [InlineData(8, 1, 1)]
    [InlineData(2_000_000, 2, 1)]
    public void Settings_below_the_minimum_or_beyond_the_bounds_are_refused(int memoryKiB, int iterations, int parallelism) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KdfParameters(memoryKiB, iterations, parallelism));

    [Fact]
    public void Weak_settings_read_back_from_storage_cannot_be_used_to_wrap_a_new_key()
    {
        var weak = KdfParameters.FromStored(256, 1, 1)!;
        using var key = DataKey.Create();

        Assert.False(weak.MeetsMinimum);
        Assert.Throws<ArgumentException>(() => KeyWrap.Wrap(key, TestKeys.Password, TestKeys.UserId, KeyPurpose.Password, weak));
    }

    [Theory]
    [InlineData(7, 1, 1)]
    [InlineData(256, 0, 1)]
    [InlineData(256, 1, 0)]
    [InlineData(2_000_000, 1, 1)]
    [InlineData(256, 65, 1)]
    [InlineData(256, 1, 17)]
    public void Impossible_or_unbounded_stored_settings_are_not_accepted(int memoryKiB, int iterations, int parallelism) =>
        Assert.Null(KdfParameters.FromStored(memoryKiB, iterations, parallelism));

    [Fact]
    public void The_same_secret_salt_and_settings_always_give_the_same_32_byte_key()
    {
        var a = KeyDerivation.DeriveKey(TestKeys.Password, Salt, TestKeys.Fast);
        var b = KeyDerivation.DeriveKey(TestKeys.Password.AsSpan(), Salt, TestKeys.Fast);
        var otherSalt = KeyDerivation.DeriveKey(TestKeys.Password, [.. Salt.Reverse()], TestKeys.Fast);
        var otherSecret = KeyDerivation.DeriveKey(TestKeys.Password + "!", Salt, TestKeys.Fast);

        Assert.Equal(32, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, otherSalt);
        Assert.NotEqual(a, otherSecret);
    }

    [Fact]
    public void A_salt_of_the_wrong_length_is_refused() =>
        Assert.Throws<ArgumentException>(() => KeyDerivation.DeriveKey(TestKeys.Password, new byte[8], TestKeys.Fast));

    [Fact]
    public void The_Argon2id_library_matches_the_RFC_9106_test_vector()
    {
        // RFC 9106 section 5.3, so a key wrapped today can be unwrapped by any correct Argon2id later.
        using var argon2 = new Argon2id([.. Enumerable.Repeat((byte)0x01, 32)])
        {
            Salt = [.. Enumerable.Repeat((byte)0x02, 16)],
            KnownSecret = [.. Enumerable.Repeat((byte)0x03, 8)],
            AssociatedData = [.. Enumerable.Repeat((byte)0x04, 12)],
            MemorySize = 32,
            Iterations = 3,
            DegreeOfParallelism = 4,
        };

        Assert.Equal(
            "0D640DF58D78766C08C037A34A8B53C9D01EF0452D75B65EB52520E96B01E659",
            Convert.ToHexString(argon2.GetBytes(32)));
    }
}
