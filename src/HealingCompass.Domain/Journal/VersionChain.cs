using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HealingCompass.Domain.Journal;

/// <summary>What a version did to its entry.</summary>
public enum VersionKind
{
    Create = 1,
    Edit = 2,
    Remove = 3,
    Erase = 4,
}

/// <summary>
/// One link of a person's journal chain, as stored. Nothing here is secret: the content is represented only by
/// <see cref="ContentDigest"/>, SHA-256 over a random per-version salt and the content, so nobody can confirm a
/// guessed sentence from it while the salt is kept encrypted (and nobody at all once it is erased).
/// </summary>
/// <param name="Sequence">Position in the person's chain, from 1.</param>
/// <param name="Id">The version's own id (its content rows are bound to it); not part of the hash.</param>
/// <param name="EntryId">The entry this version belongs to.</param>
/// <param name="Kind">What the version did.</param>
/// <param name="ContentDigest">SHA-256(salt ‖ content).</param>
/// <param name="PreviousHash">The hash of the version before it in the chain.</param>
/// <param name="Hash">This version's hash.</param>
/// <param name="VersionNumber">Position in the entry's history, from 1.</param>
/// <param name="WrittenAt">When the server wrote it; set once, never editable.</param>
public sealed record ChainVersion(
    Guid Id,
    long Sequence,
    Guid EntryId,
    int VersionNumber,
    DateTimeOffset WrittenAt,
    VersionKind Kind,
    byte[] ContentDigest,
    byte[] PreviousHash,
    byte[] Hash);

/// <summary>The end of a person's chain as last written: how many versions and the last hash.</summary>
public sealed record ChainHead(long Length, byte[] Hash);

/// <summary>
/// The version hash chain: each version's hash covers the previous version's hash, the version's metadata (entry
/// id, version number, written-at, kind) and its content digest. Changing, removing or reordering any version
/// changes every hash after it, so the head (shown as a short fingerprint) changes too.
/// </summary>
public static class VersionChain
{
    public const int HashSize = 32;

    public const int SaltSize = 32;

    private static readonly byte[] Context = Encoding.UTF8.GetBytes("HealingCompass.JournalChain.v1");

    /// <summary>The "previous hash" of a person's first version.</summary>
    public static byte[] Genesis => new byte[HashSize];

    /// <summary>A new random salt for one version's content digest.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>SHA-256(salt ‖ content).</summary>
    public static byte[] ContentDigest(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(salt);
        sha.AppendData(content);
        return sha.GetHashAndReset();
    }

    /// <summary>The hash of a version. Fixed-width big-endian fields, so no two inputs give the same bytes.</summary>
    public static byte[] ComputeHash(ReadOnlySpan<byte> previousHash, Guid entryId, int versionNumber, DateTimeOffset writtenAt, VersionKind kind, ReadOnlySpan<byte> contentDigest)
    {
        Span<byte> buffer = stackalloc byte[Context.Length + HashSize + 16 + 4 + 8 + 1 + HashSize];
        var at = 0;
        Context.CopyTo(buffer);
        at += Context.Length;
        Fixed(previousHash).CopyTo(buffer[at..]);
        at += HashSize;
        entryId.TryWriteBytes(buffer.Slice(at, 16), bigEndian: true, out _);
        at += 16;
        BinaryPrimitives.WriteInt32BigEndian(buffer[at..], versionNumber);
        at += 4;
        BinaryPrimitives.WriteInt64BigEndian(buffer[at..], writtenAt.ToUnixTimeMilliseconds());
        at += 8;
        buffer[at++] = (byte)kind;
        Fixed(contentDigest).CopyTo(buffer[at..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>Recomputes the hash of a stored version from its own fields.</summary>
    public static byte[] ComputeHash(ChainVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return ComputeHash(version.PreviousHash, version.EntryId, version.VersionNumber, version.WrittenAt, version.Kind, version.ContentDigest);
    }

    /// <summary>The next link after <paramref name="head"/> (null for a person's first version).</summary>
    public static ChainVersion Append(ChainHead? head, Guid versionId, Guid entryId, int versionNumber, DateTimeOffset writtenAt, VersionKind kind, byte[] contentDigest)
    {
        var previous = head?.Hash ?? Genesis;
        // Whole milliseconds: the hash covers milliseconds, so the stored time must round-trip exactly.
        var written = DateTimeOffset.FromUnixTimeMilliseconds(writtenAt.ToUnixTimeMilliseconds());
        var hash = ComputeHash(previous, entryId, versionNumber, written, kind, contentDigest);
        return new ChainVersion(versionId, (head?.Length ?? 0) + 1, entryId, versionNumber, written, kind, contentDigest, previous, hash);
    }

    /// <summary>A short fingerprint of the head, e.g. "3F2A 91C0 7B44 E01D", for a person to note and compare.</summary>
    public static string Fingerprint(ChainHead? head)
    {
        var hex = Convert.ToHexString(head?.Hash ?? Genesis, 0, 8);
        return string.Join(' ', Enumerable.Range(0, 4).Select(i => hex.Substring(i * 4, 4)));
    }

    internal static bool Same(byte[]? a, byte[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);

    // A stored value of the wrong length (changed outside the app) still hashes, and simply fails to match.
    private static ReadOnlySpan<byte> Fixed(ReadOnlySpan<byte> value)
    {
        if (value.Length == HashSize)
        {
            return value;
        }
        var copy = new byte[HashSize];
        SHA256.HashData(value).CopyTo(copy, 0);
        copy[0] ^= 0xFF;
        return copy;
    }
}
