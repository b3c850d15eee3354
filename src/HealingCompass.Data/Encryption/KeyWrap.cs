using System.Security.Cryptography;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// Wraps (encrypts) a data key under a key derived from a secret, and unwraps it again. This is what lets a
/// password change or a recovery re-encrypt 32 bytes instead of every record, and what makes a forgotten
/// password without the recovery key final: nothing else can derive the wrapping key.
/// </summary>
/// <remarks>
/// Argon2id (fresh 16-byte salt per wrap) derives a 256-bit key-encryption key; AES-256-GCM with a fresh
/// 12-byte nonce encrypts the data key. The associated data binds the blob version, the Argon2id settings, the
/// purpose (password or recovery) and the user id. Recovery keys are normalised first (see
/// <see cref="RecoveryKey.Normalize"/>), so however the person types theirs, the same bytes are derived from.
/// Passwords are used exactly as given (UTF-8), just as the sign-in check uses them.
/// </remarks>
public static class KeyWrap
{
    private const string Context = "HealingCompass.KeyWrap";

    /// <summary>Wraps <paramref name="key"/> under <paramref name="secret"/> for this user and purpose.</summary>
    /// <exception cref="ArgumentException">An argument is empty, the recovery key is malformed, or the settings are below the minimum.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public static WrappedKey Wrap(DataKey key, string secret, string userId, KeyPurpose purpose, KdfParameters p)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(p);
        RequireKnown(purpose);
        if (!p.MeetsMinimum && !p.IsForTestsOnly)
        {
            throw new ArgumentException("Argon2id settings below the minimum (19 MiB, 2 passes) are refused for new keys.", nameof(p));
        }

        if (purpose == KeyPurpose.Recovery)
        {
            secret = RecoveryKey.TryParse(secret, out var normalized)
                ? normalized
                : throw new ArgumentException("The recovery key is not in the expected format.", nameof(secret));
        }

        var salt = RandomNumberGenerator.GetBytes(KdfParameters.SaltLength);
        var nonce = RandomNumberGenerator.GetBytes(WrappedKey.NonceSizeInBytes);
        var ciphertext = new byte[DataKey.SizeInBytes];
        var tag = new byte[WrappedKey.TagSizeInBytes];
        Span<byte> plain = stackalloc byte[DataKey.SizeInBytes];
        byte[] kek = [];
        try
        {
            kek = KeyDerivation.DeriveKey(secret, salt, p);
            key.CopyTo(plain);
            using var aes = new AesGcm(kek, WrappedKey.TagSizeInBytes);
            aes.Encrypt(nonce, plain, ciphertext, tag, AssociatedDataFor(WrappedKey.CurrentVersion, p, purpose, userId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
            CryptographicOperations.ZeroMemory(plain);
        }

        return new WrappedKey(p, salt, nonce, ciphertext, tag);
    }

    /// <summary>Unwraps the data key. The caller owns (and disposes) the returned key.</summary>
    /// <exception cref="KeyUnlockException">The secret is wrong, or the wrapped key is not this user's for this purpose, or it was changed.</exception>
    public static DataKey Unwrap(WrappedKey wrapped, string secret, string userId, KeyPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        RequireKnown(purpose);
        if (purpose == KeyPurpose.Recovery)
        {
            secret = RecoveryKey.TryParse(secret, out var normalized)
                ? normalized
                : throw new KeyUnlockException(KeyPurpose.Recovery, KeyUnlockException.MalformedRecoveryKeyMessage);
        }

        if (secret.Length == 0)
        {
            throw new KeyUnlockException(purpose);
        }

        var kek = KeyDerivation.DeriveKey(secret, wrapped.Salt.ToArray(), wrapped.Kdf);
        Span<byte> plain = stackalloc byte[DataKey.SizeInBytes];
        try
        {
            using var aes = new AesGcm(kek, WrappedKey.TagSizeInBytes);
            aes.Decrypt(wrapped.Nonce.Span, wrapped.Ciphertext.Span, wrapped.Tag.Span, plain, AssociatedDataFor(wrapped.Version, wrapped.Kdf, purpose, userId));
            return DataKey.FromBytes(plain);
        }
        catch (CryptographicException ex)
        {
            throw new KeyUnlockException(purpose, ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static byte[] AssociatedDataFor(byte version, KdfParameters p, KeyPurpose purpose, string userId) =>
        new AssociatedData(Context)
            .AddByte(version)
            .AddInt32(p.MemoryKiB)
            .AddInt32(p.Iterations)
            .AddInt32(p.Parallelism)
            .AddByte((byte)purpose)
            .AddString(userId)
            .ToArray();

    private static void RequireKnown(KeyPurpose purpose)
    {
        if (purpose is not (KeyPurpose.Password or KeyPurpose.Recovery))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose));
        }
    }
}
