using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace HealingCompass.LoadRun.Hosting;

/// <summary>
/// Kestrel connection middleware that counts the bytes the server writes and reads on each TCP connection
/// opened while counting is on: HTTP/1.1 status lines, headers and bodies, and WebSocket frames exactly as
/// sent (after permessage-deflate). Connections opened while it is off are not wrapped at all, so the
/// heap scenarios carry none of it.
/// </summary>
internal sealed class WireCounter
{
    private readonly ConcurrentQueue<ConnectionTally> connections = new();
    private volatile bool counting;

    public Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async context =>
    {
        if (!counting)
        {
            await next(context);
            return;
        }
        var tally = new ConnectionTally();
        connections.Enqueue(tally);
        var original = context.Transport;
        context.Transport = new CountingPipe(original, tally);
        try
        {
            await next(context);
        }
        finally
        {
            context.Transport = original;
        }
    };

    public void Start()
    {
        connections.Clear();
        counting = true;
    }

    /// <summary>Stops counting new connections and returns what the counted ones carried so far.</summary>
    public IReadOnlyList<ConnectionBytes> Stop()
    {
        counting = false;
        return [.. connections.Select(c => new ConnectionBytes(c.FirstRequestLine, c.BytesOut, c.BytesIn))];
    }

    /// <summary>What one connection carried: the first request line the client sent on it, and bytes each way.</summary>
    internal sealed record ConnectionBytes(string FirstRequestLine, long BytesOut, long BytesIn);

    /// <summary>One connection: bytes each way and the first request line the client sent on it.</summary>
    internal sealed class ConnectionTally
    {
        private long bytesOut;
        private long bytesIn;

        public long BytesOut => Interlocked.Read(ref bytesOut);

        public long BytesIn => Interlocked.Read(ref bytesIn);

        public string FirstRequestLine { get; private set; } = "";

        public void AddOut(long count) => Interlocked.Add(ref bytesOut, count);

        public void AddIn(in ReadOnlySequence<byte> consumed)
        {
            if (consumed.IsEmpty)
            {
                return;
            }
            if (FirstRequestLine.Length == 0)
            {
                var head = consumed.Slice(0, Math.Min(consumed.Length, 200)).ToArray();
                var end = Array.IndexOf(head, (byte)'\r');
                FirstRequestLine = Encoding.ASCII.GetString(head, 0, end < 0 ? head.Length : end);
            }
            Interlocked.Add(ref bytesIn, consumed.Length);
        }
    }

    private sealed class CountingPipe(IDuplexPipe inner, ConnectionTally tally) : IDuplexPipe
    {
        public PipeReader Input { get; } = new CountingReader(inner.Input, tally);

        public PipeWriter Output { get; } = new CountingWriter(inner.Output, tally);
    }

    private sealed class CountingReader(PipeReader inner, ConnectionTally tally) : PipeReader
    {
        private ReadOnlySequence<byte> last;

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            tally.AddIn(last.Slice(last.Start, consumed));
            last = default;
            inner.AdvanceTo(consumed, examined);
        }

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken);
            last = result.Buffer;
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result))
            {
                return false;
            }
            last = result.Buffer;
            return true;
        }
    }

    private sealed class CountingWriter(PipeWriter inner, ConnectionTally tally) : PipeWriter
    {
        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void Advance(int bytes)
        {
            tally.AddOut(bytes);
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            tally.AddOut(source.Length);
            return inner.WriteAsync(source, cancellationToken);
        }
    }
}
