using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// One copy of a data key, encrypted (AES-256-GCM) under a key derived by Argon2id from a password or recovery
/// key. It carries everything needed to unwrap it again except the secret: the Argon2id settings and salt it
/// was derived with, the nonce, the ciphertext and the tag. Safe to store: it reveals nothing without the secret.
/// </summary>
/// <remarks>
/// Stored as one versioned blob (<see cref="ToBlob"/>, <see cref="FromBlob"/>), 89 bytes in version 1,
/// integers big-endian:
/// <code>
/// offset  size  field
///      0     1  version (1)
///      1     4  Argon2id memory in KiB
///      5     4  Argon2id iterations
///      9     4  Argon2id parallelism
///     13    16  salt
///     29    12  nonce
///     41    32  ciphertext (the wrapped data key)
///     73    16  GCM tag
/// </code>
/// The version, the Argon2id settings, the key's purpose and the user id are GCM associated data, so changing
/// any of them, or moving the blob to another user or purpose, makes unwrapping fail.
/// </remarks>
public sealed record WrappedKey
{
    /// <summary>The blob layout written by this version.</summary>
    public const byte CurrentVersion = 1;

    public const int NonceSizeInBytes = 12;
    public const int TagSizeInBytes = 16;

    /// <summary>Length of a version 1 blob.</summary>
    public const int BlobLength = 1 + (3 * sizeof(int)) + KdfParameters.SaltLength + NonceSizeInBytes + DataKey.SizeInBytes + TagSizeInBytes;

    internal const string DamagedMessage = "This account's stored key is damaged or in a format this version can't read.";

    private const int KdfOffset = 1;
    private const int SaltOffset = KdfOffset + (3 * sizeof(int));
    private const int NonceOffset = SaltOffset + KdfParameters.SaltLength;
    private const int CiphertextOffset = NonceOffset + NonceSizeInBytes;
    private const int TagOffset = CiphertextOffset + DataKey.SizeInBytes;

    private readonly byte[] _salt;
    private readonly byte[] _nonce;
    private readonly byte[] _ciphertext;
    private readonly byte[] _tag;

    internal WrappedKey(KdfParameters kdf, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag)
    {
        ArgumentNullException.ThrowIfNull(kdf);
        RequireLength(salt, KdfParameters.SaltLength, nameof(salt));
        RequireLength(nonce, NonceSizeInBytes, nameof(nonce));
        RequireLength(ciphertext, DataKey.SizeInBytes, nameof(ciphertext));
        RequireLength(tag, TagSizeInBytes, nameof(tag));
        Kdf = kdf;
        _salt = salt.ToArray();
        _nonce = nonce.ToArray();
        _ciphertext = ciphertext.ToArray();
        _tag = tag.ToArray();
    }

    /// <summary>The blob layout this key was read from or written in.</summary>
    public byte Version { get; } = CurrentVersion;

    /// <summary>The Argon2id settings the wrapping key was derived with.</summary>
    public KdfParameters Kdf { get; }

    public ReadOnlyMemory<byte> Salt => _salt;

    public ReadOnlyMemory<byte> Nonce => _nonce;

    public ReadOnlyMemory<byte> Ciphertext => _ciphertext;

    public ReadOnlyMemory<byte> Tag => _tag;

    /// <summary>The versioned blob to store (layout in the remarks on <see cref="WrappedKey"/>).</summary>
    public byte[] ToBlob()
    {
        var blob = new byte[BlobLength];
        blob[0] = CurrentVersion;
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(KdfOffset), Kdf.MemoryKiB);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(KdfOffset + 4), Kdf.Iterations);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(KdfOffset + 8), Kdf.Parallelism);
        _salt.CopyTo(blob, SaltOffset);
        _nonce.CopyTo(blob, NonceOffset);
        _ciphertext.CopyTo(blob, CiphertextOffset);
        _tag.CopyTo(blob, TagOffset);
        return blob;
    }

    /// <summary>Reads a blob written by <see cref="ToBlob"/>.</summary>
    /// <exception cref="FormatException">The blob is damaged or from an unknown version.</exception>
    public static WrappedKey FromBlob(ReadOnlySpan<byte> blob) =>
        TryFromBlob(blob, out var wrapped) ? wrapped : throw new FormatException(DamagedMessage);

    /// <summary>Reads a blob written by <see cref="ToBlob"/>; false when it is damaged or from an unknown version.</summary>
    public static bool TryFromBlob(ReadOnlySpan<byte> blob, [NotNullWhen(true)] out WrappedKey? wrapped)
    {
        wrapped = null;
        if (blob.Length != BlobLength || blob[0] != CurrentVersion)
        {
            return false;
        }

        var kdf = KdfParameters.FromStored(
            BinaryPrimitives.ReadInt32BigEndian(blob[KdfOffset..]),
            BinaryPrimitives.ReadInt32BigEndian(blob[(KdfOffset + 4)..]),
            BinaryPrimitives.ReadInt32BigEndian(blob[(KdfOffset + 8)..]));
        if (kdf is null)
        {
            return false;
        }

        wrapped = new WrappedKey(
            kdf,
            blob.Slice(SaltOffset, KdfParameters.SaltLength),
            blob.Slice(NonceOffset, NonceSizeInBytes),
            blob.Slice(CiphertextOffset, DataKey.SizeInBytes),
            blob.Slice(TagOffset, TagSizeInBytes));
        return true;
    }

    /// <summary>Equal when every stored byte is equal (records would otherwise compare arrays by reference).</summary>
    public bool Equals(WrappedKey? other) =>
        other is not null
        && Kdf.MemoryKiB == other.Kdf.MemoryKiB
        && Kdf.Iterations == other.Kdf.Iterations
        && Kdf.Parallelism == other.Kdf.Parallelism
        && _salt.AsSpan().SequenceEqual(other._salt)
        && _nonce.AsSpan().SequenceEqual(other._nonce)
        && _ciphertext.AsSpan().SequenceEqual(other._ciphertext)
        && _tag.AsSpan().SequenceEqual(other._tag);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_salt);
        hash.AddBytes(_nonce);
        return hash.ToHashCode();
    }

    /// <summary>Only the version and cost settings: no key material, even wrapped.</summary>
    public override string ToString() =>
        $"WrappedKey(v{Version}, Argon2id m={Kdf.MemoryKiB} KiB, t={Kdf.Iterations}, p={Kdf.Parallelism})";

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes.", name);
        }
    }
}
