using HealingCompass.Data.Encryption;
using HealingCompass.Data.Tests.Support;

namespace HealingCompass.Data.Tests.Encryption;

public sealed class KeyWrapTests
{
    private const string UserId = TestKeys.UserId;
    private const string Password = TestKeys.Password;

    [Fact]
    public void A_wrapped_key_unwraps_to_the_same_key()
    {
        using var key = DataKey.Create();
        var wrapped = KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Password, TestKeys.Fast);

        using var unwrapped = KeyWrap.Unwrap(wrapped, Password, UserId, KeyPurpose.Password);
        Assert.True(TestKeys.Same(key, unwrapped));
        Assert.Equal(TestKeys.Fast, wrapped.Kdf);
    }

    [Fact]
    public void A_wrapped_key_copied_to_another_user_does_not_unlock()
    {
        using var key = DataKey.Create();
        var wrapped = KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Password, TestKeys.Fast);

        Assert.Throws<KeyUnlockException>(() => KeyWrap.Unwrap(wrapped, Password, "someone-else", KeyPurpose.Password));
    }

    [Fact]
    public void The_password_copy_cannot_be_passed_off_as_the_recovery_copy()
    {
        using var key = DataKey.Create();
        var secret = RecoveryKey.Generate(); // the same secret for both, so only the purpose differs
        var asPassword = KeyWrap.Wrap(key, secret, UserId, KeyPurpose.Password, TestKeys.Fast);
        var asRecovery = KeyWrap.Wrap(key, secret, UserId, KeyPurpose.Recovery, TestKeys.Fast);

        Assert.Throws<KeyUnlockException>(() => KeyWrap.Unwrap(asPassword, secret, UserId, KeyPurpose.Recovery));
        Assert.Throws<KeyUnlockException>(() => KeyWrap.Unwrap(asRecovery, secret, UserId, KeyPurpose.Password));
    }

    [Fact]
    public void Changing_any_byte_of_a_stored_wrapped_key_makes_it_unusable()
    {
        using var key = DataKey.Create();
        var blob = KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Password, TestKeys.Fast).ToBlob();

        for (var at = 0; at < blob.Length; at++)
        {
            var damaged = (byte[])blob.Clone();
            damaged[at] ^= 0x01;
            if (WrappedKey.TryFromBlob(damaged, out var wrapped))
            {
                Assert.Throws<KeyUnlockException>(() => KeyWrap.Unwrap(wrapped, Password, UserId, KeyPurpose.Password));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(88)]
    [InlineData(90)]
    public void A_stored_wrapped_key_of_the_wrong_length_is_reported_as_damaged(int length)
    {
        var error = Assert.Throws<FormatException>(() => WrappedKey.FromBlob(new byte[length]));
        Assert.Equal("This account's stored key is damaged or in a format this version can't read.", error.Message);
    }

    [Fact]
    public void A_stored_wrapped_key_from_an_unknown_version_is_reported_as_damaged()
    {
        using var key = DataKey.Create();
        var blob = KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Password, TestKeys.Fast).ToBlob();
        blob[0] = 2;

        Assert.False(WrappedKey.TryFromBlob(blob, out _));
        Assert.Throws<FormatException>(() => WrappedKey.FromBlob(blob));
    }

    [Fact]
    public void Wrapping_refuses_empty_secrets_and_user_ids_and_malformed_recovery_keys()
    {
        using var key = DataKey.Create();
        Assert.Throws<ArgumentException>(() => KeyWrap.Wrap(key, "", UserId, KeyPurpose.Password, TestKeys.Fast));
        Assert.Throws<ArgumentException>(() => KeyWrap.Wrap(key, Password, "", KeyPurpose.Password, TestKeys.Fast));
        Assert.Throws<ArgumentException>(() => KeyWrap.Wrap(key, Password, UserId, KeyPurpose.Recovery, TestKeys.Fast));
        Assert.Throws<ArgumentOutOfRangeException>(() => KeyWrap.Wrap(key, Password, UserId, (KeyPurpose)9, TestKeys.Fast));
    }
}
