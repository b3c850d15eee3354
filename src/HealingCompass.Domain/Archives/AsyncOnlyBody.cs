namespace HealingCompass.Domain.Archives;

/// <summary>
/// A forward-only stream over a response body for a ZIP written as it is built (the journal's evidence export and
/// "Export everything"): asynchronous writes go straight through (after anything held); the synchronous ones
/// ZipArchive still makes on a stream that cannot seek (a deflate stream's last block, the central directory) are
/// held until <see cref="DrainAsync"/>, which a Kestrel body needs since it refuses synchronous writes. Draining after
/// each file keeps at most one file's compressed bytes held.
/// </summary>
internal sealed class AsyncOnlyBody(Stream inner) : Stream
{
    private readonly MemoryStream held = new();
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    // ZipArchive reads the position to record where each file starts.
    public override long Position { get => written; set => throw new NotSupportedException(); }

    /// <summary>How many bytes are held now, waiting for <see cref="DrainAsync"/>.</summary>
    internal long Held => held.Length;

    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (held.Length > 0)
        {
            await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            held.SetLength(0);
        }
        await inner.FlushAsync(cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        held.Write(buffer, offset, count);
        written += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        held.Write(buffer);
        written += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (held.Length > 0)
        {
            await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            held.SetLength(0);
        }
        await inner.WriteAsync(buffer, cancellationToken);
        written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
        // Held bytes go out at the next drain; a synchronous flush would block.
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await held.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            held.Dispose();
        }
        base.Dispose(disposing);
    }
}
