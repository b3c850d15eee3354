using System.Security.Cryptography;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// A person's random 256-bit data key: every sensitive field they save is encrypted with it. It is never
/// stored in the clear (only wrapped, see <see cref="Keyring"/>), so whoever copies the database without the
/// person's password or recovery key reads nothing. Dispose it as soon as the data is locked: disposing
/// overwrites the key's bytes with zeros.
/// </summary>
/// <remarks>
/// The bytes live in an array on the pinned object heap, so the garbage collector never moves them and
/// leaves no stray copy behind. The key is deliberately never printable and has no public accessor. There is
/// no finalizer: one could wipe the bytes while a caller still holds a span over them, so wiping is the
/// owner's job, through <see cref="Dispose"/>.
/// </remarks>
public sealed class DataKey : IDisposable
{
    /// <summary>AES-256: 32 bytes.</summary>
    public const int SizeInBytes = 32;

    private readonly byte[] _bytes = GC.AllocateArray<byte>(SizeInBytes, pinned: true);
    private readonly Lock _gate = new();
    private bool _disposed;

    private DataKey() { }

    /// <summary>True once <see cref="Dispose"/> has run; the key can no longer encrypt or decrypt.</summary>
    public bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    /// <summary>
    /// The key's own memory, for tests that check it is wiped. Not safe against a concurrent
    /// <see cref="Dispose"/>: code that encrypts uses <see cref="CreateAesGcm"/> or <see cref="CopyTo"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data was locked).</exception>
    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _bytes;
            }
        }
    }

    /// <summary>A new key from the operating system's cryptographic random number generator.</summary>
    public static DataKey Create()
    {
        var key = new DataKey();
        RandomNumberGenerator.Fill(key._bytes);
        return key;
    }

    /// <summary>A key holding a copy of <paramref name="bytes"/>; the caller wipes its own copy.</summary>
    internal static DataKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != SizeInBytes)
        {
            throw new ArgumentException($"A data key is {SizeInBytes} bytes.", nameof(bytes));
        }

        var key = new DataKey();
        bytes.CopyTo(key._bytes);
        return key;
    }

    /// <summary>
    /// An AES-GCM instance holding its own copy of the key. Taken under the same lock as <see cref="Dispose"/>,
    /// so an auto-lock on another thread can never leave a half-wiped key in use (which would save data under
    /// a key of zeros).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data was locked).</exception>
    internal AesGcm CreateAesGcm(int tagSizeInBytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new AesGcm(_bytes, tagSizeInBytes);
        }
    }

    /// <summary>Copies the key into <paramref name="destination"/> (which the caller wipes), under the lock.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data was locked).</exception>
    internal void CopyTo(Span<byte> destination)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _bytes.CopyTo(destination);
        }
    }

    /// <summary>An independent copy, for a holder that disposes its own key on its own schedule.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed (the data was locked).</exception>
    public DataKey Copy()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return FromBytes(_bytes);
        }
    }

    /// <summary>Wipes the key. Safe to call more than once and from another thread (auto-lock).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            CryptographicOperations.ZeroMemory(_bytes);
            _disposed = true;
        }
    }

    /// <summary>Never the key: logs and debuggers see only this.</summary>
    public override string ToString() => "DataKey(redacted)";
}
