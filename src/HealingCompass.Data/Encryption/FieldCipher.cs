using System.Security.Cryptography;
using System.Text;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// Encrypts and decrypts sensitive record fields (journal text, check-in notes, saved answers, plan notes) with
/// a person's <see cref="DataKey"/>, using AES-256-GCM bound to the record by <see cref="RecordBinding"/>. Every
/// feature uses this, rather than its own cryptography, so there is one place to review.
/// </summary>
/// <remarks>
/// Blob layout, version 1 (29 bytes plus the plaintext's length):
/// <code>
/// offset     size  field
///      0        1  version (1)
///      1       12  nonce, random for every encryption
///     13        n  ciphertext (same length as the plaintext)
///   13+n       16  GCM tag
/// </code>
/// The associated data is a context label, the version byte and the binding's owner id, record type and record
/// id, each length-prefixed. A random 96-bit nonce is safe for far more encryptions (2^32) than one person
/// makes with one key. Any failure to decrypt becomes a <see cref="RecordDecryptionException"/>.
/// </remarks>
public static class FieldCipher
{
    /// <summary>The blob layout written by this version.</summary>
    public const byte CurrentVersion = 1;

    public const int NonceSizeInBytes = 12;
    public const int TagSizeInBytes = 16;

    /// <summary>Bytes a blob adds to its plaintext: version, nonce and tag.</summary>
    public const int Overhead = 1 + NonceSizeInBytes + TagSizeInBytes;

    private const int NonceOffset = 1;
    private const int CiphertextOffset = NonceOffset + NonceSizeInBytes;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Encrypts <paramref name="plaintext"/> for the record named by <paramref name="binding"/>.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data is locked).</exception>
    public static byte[] Encrypt(DataKey key, ReadOnlySpan<byte> plaintext, RecordBinding binding)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(binding);
        var associatedData = binding.ToAssociatedData(CurrentVersion);

        var blob = new byte[Overhead + plaintext.Length];
        blob[0] = CurrentVersion;
        var nonce = blob.AsSpan(NonceOffset, NonceSizeInBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = key.CreateAesGcm(TagSizeInBytes);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(CiphertextOffset, plaintext.Length), blob.AsSpan(CiphertextOffset + plaintext.Length), associatedData);
        return blob;
    }

    /// <summary>Decrypts a blob written by <see cref="Encrypt"/> for the same key and binding.</summary>
    /// <exception cref="RecordDecryptionException">
    /// The blob belongs to another owner or record, was changed or cut short, or was encrypted with another key.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data is locked).</exception>
    public static byte[] Decrypt(DataKey key, byte[] blob, RecordBinding binding)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(binding);
        var associatedData = binding.ToAssociatedData(CurrentVersion);
        using var aes = key.CreateAesGcm(TagSizeInBytes);
        if (blob.Length < Overhead || blob[0] != CurrentVersion)
        {
            throw new RecordDecryptionException();
        }

        var ciphertextLength = blob.Length - Overhead;
        var plaintext = new byte[ciphertextLength];
        try
        {
            aes.Decrypt(
                blob.AsSpan(NonceOffset, NonceSizeInBytes),
                blob.AsSpan(CiphertextOffset, ciphertextLength),
                blob.AsSpan(CiphertextOffset + ciphertextLength, TagSizeInBytes),
                plaintext,
                associatedData);
            return plaintext;
        }
        catch (CryptographicException ex)
        {
            throw new RecordDecryptionException(ex);
        }
    }

    /// <summary>Encrypts the UTF-8 bytes of <paramref name="plaintext"/>; the temporary bytes are wiped.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data is locked).</exception>
    public static byte[] EncryptString(DataKey key, string plaintext, RecordBinding binding)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var utf8 = Encoding.UTF8.GetBytes(plaintext);
        try
        {
            return Encrypt(key, utf8, binding);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    /// <summary>Decrypts a blob written by <see cref="EncryptString"/>; the temporary bytes are wiped.</summary>
    /// <exception cref="RecordDecryptionException">As for <see cref="Decrypt"/>, or the content is not text.</exception>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data is locked).</exception>
    public static string DecryptString(DataKey key, byte[] blob, RecordBinding binding)
    {
        var utf8 = Decrypt(key, blob, binding);
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new RecordDecryptionException(ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }
}
