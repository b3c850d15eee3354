using System.Text;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;

namespace HealingCompass.Data.Tests.Encryption;

/// <summary>
/// Argon2id now runs in libsodium (ADR 7): it must give exactly what the managed code gave, so keys wrapped
/// before still open, and new settings must cost a guess at least what Bitwarden's default does.
/// </summary>
public sealed class NativeArgon2idTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    [Theory]
    [InlineData(256, 1)]
    [InlineData(KdfParameters.MinimumMemoryKiB, KdfParameters.MinimumIterations)]
    public void Libsodium_derives_the_same_bytes_as_the_managed_code_did(int memoryKiB, int iterations)
    {
        var p = KdfParameters.FromStored(memoryKiB, iterations, 1)!;
        var secret = Encoding.UTF8.GetBytes(TestKeys.Password);

        var native = KeyDerivation.DeriveBytes(secret, Salt, p, 32);
        var managed = KeyDerivation.DeriveWithKonscious(secret, Salt, p, 32);

        Assert.Equal(Convert.ToHexString(managed), Convert.ToHexString(native));
    }

    [Fact]
    public void A_key_wrapped_by_the_managed_code_at_the_old_settings_still_unwraps()
    {
        // The old wrap, rebuilt by hand the way version 1 did it: Konscious Argon2id at 19 MiB, t=2.
        using var key = DataKey.Create();
        var old = KdfParameters.OwaspMinimum;
        var wrapped = KeyWrap.Wrap(key, TestKeys.Password, TestKeys.UserId, KeyPurpose.Password, old);
        var kek = KeyDerivation.DeriveWithKonscious(Encoding.UTF8.GetBytes(TestKeys.Password), wrapped.Salt.ToArray(), old, 32);
        Assert.Equal(Convert.ToHexString(kek), Convert.ToHexString(KeyDerivation.DeriveKey(TestKeys.Password, wrapped.Salt.ToArray(), old)));

        using var unwrapped = KeyWrap.Unwrap(WrappedKey.FromBlob(wrapped.ToBlob()), TestKeys.Password, TestKeys.UserId, KeyPurpose.Password);
        Assert.True(TestKeys.Same(key, unwrapped));
    }

    [Fact]
    public void New_keys_and_hashes_cost_at_least_Bitwardens_default_memory_and_passes()
    {
        var p = KdfParameters.Default;

        Assert.True(p.MemoryKiB >= 64 * 1024);
        Assert.True(p.Iterations >= 3);
        Assert.False(p.SameCostAs(KdfParameters.OwaspMinimum));
    }
}

/// <summary>Password hashes in the PHC string format, with the key wrap's Argon2id.</summary>
public sealed class PasswordHashTests
{
    private static readonly KdfParameters Cheap = TestKeys.Fast;

    [Fact]
    public void A_hash_verifies_the_right_password_only_and_names_its_settings()
    {
        var hash = PasswordHash.Hash(TestKeys.Password, Cheap);

        Assert.StartsWith("$argon2id$v=19$m=256,t=1,p=1$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(TestKeys.Password, hash, StringComparison.Ordinal);
        Assert.Equal(PasswordHashCheck.Right, PasswordHash.Verify(hash, TestKeys.Password, Cheap));
        Assert.Equal(PasswordHashCheck.Wrong, PasswordHash.Verify(hash, TestKeys.Password + "!", Cheap));
        Assert.NotEqual(hash, PasswordHash.Hash(TestKeys.Password, Cheap)); // a fresh salt each time
    }

    [Fact]
    public void A_hash_made_with_other_settings_verifies_but_asks_to_be_replaced()
    {
        var hash = PasswordHash.Hash(TestKeys.Password, Cheap);

        Assert.Equal(PasswordHashCheck.RightButOutdated, PasswordHash.Verify(hash, TestKeys.Password, KdfParameters.OwaspMinimum));
    }

    [Theory]
    [InlineData("AQAAAAIAA0bwAAAAEAAAAAAAAAAAAAAAAAAAAAA=")] // Identity's PBKDF2 format
    [InlineData("$argon2id$v=19$m=256,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=2000000,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=256,t=1,p=1$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public void Anything_not_in_this_format_or_out_of_bounds_is_not_read_as_a_hash(string stored) =>
        Assert.Equal(PasswordHashCheck.NotThisFormat, PasswordHash.Verify(stored, TestKeys.Password, Cheap));
}
