using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// Argon2id (RFC 9106) from a secret to a 32-byte key-encryption key. Internal on purpose: only
/// <see cref="KeyWrap"/> needs a raw key-encryption key, and it wipes it after use.
/// </summary>
internal static class KeyDerivation
{
    /// <summary>Key-encryption keys are AES-256 keys.</summary>
    public const int KeySizeInBytes = 32;

    /// <summary>Argon2id over the UTF-8 bytes of <paramref name="secret"/>. The caller wipes the result.</summary>
    public static byte[] DeriveKey(string secret, byte[] salt, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return DeriveKey(secret.AsSpan(), salt, parameters);
    }

    /// <summary>Argon2id over the UTF-8 bytes of <paramref name="secret"/>. The caller wipes the result.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<char> secret, byte[] salt, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(parameters);
        if (salt.Length != KdfParameters.SaltLength)
        {
            throw new ArgumentException($"The salt is {KdfParameters.SaltLength} bytes.", nameof(salt));
        }

        // The secret's bytes sit in a pinned array so they can be wiped without the GC having copied them.
        var secretBytes = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(secret), pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(secret, secretBytes);
            using var argon2 = new Argon2id(secretBytes)
            {
                Salt = salt,
                MemorySize = parameters.MemoryKiB,
                Iterations = parameters.Iterations,
                DegreeOfParallelism = parameters.Parallelism,
            };
            return argon2.GetBytes(KeySizeInBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
        }
    }
}
