using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// Argon2id (RFC 9106) from a secret to a 32-byte key-encryption key. Internal on purpose: only
/// <see cref="KeyWrap"/> and the password hasher need raw derived bytes, and they wipe them after use.
/// </summary>
/// <remarks>
/// One lane (p = 1), which is every setting this app has written, runs in libsodium (NSec): native code, so
/// the defender pays what an attacker pays per guess, about 7× less than the managed Konscious code did at
/// 64 MiB (ADR 7). Both compute the same RFC 9106 function, so keys wrapped before still open. More lanes
/// (which NSec does not offer) still go to Konscious, for any wrap stored with them.
/// </remarks>
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
            return DeriveBytes(secretBytes, salt, parameters, KeySizeInBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
        }
    }

    /// <summary>Argon2id over raw secret bytes, <paramref name="length"/> bytes out. The caller wipes both.</summary>
    public static byte[] DeriveBytes(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt, KdfParameters parameters, int length)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Parallelism == 1)
        {
            var algorithm = NSec.Cryptography.PasswordBasedKeyDerivationAlgorithm.Argon2id(new NSec.Cryptography.Argon2Parameters
            {
                DegreeOfParallelism = 1,
                MemorySize = parameters.MemoryKiB,
                NumberOfPasses = parameters.Iterations,
            });
            var output = GC.AllocateArray<byte>(length, pinned: true);
            algorithm.DeriveBytes(secret, salt, output);
            return output;
        }
        return DeriveWithKonscious(secret, salt, parameters, length);
    }

    /// <summary>The managed implementation, for more than one lane (and for checking the two agree).</summary>
    internal static byte[] DeriveWithKonscious(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> salt, KdfParameters parameters, int length)
    {
        var secretCopy = GC.AllocateArray<byte>(secret.Length, pinned: true);
        try
        {
            secret.CopyTo(secretCopy);
            using var argon2 = new Argon2id(secretCopy)
            {
                Salt = salt.ToArray(),
                MemorySize = parameters.MemoryKiB,
                Iterations = parameters.Iterations,
                DegreeOfParallelism = parameters.Parallelism,
            };
            return argon2.GetBytes(length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretCopy);
        }
    }
}
