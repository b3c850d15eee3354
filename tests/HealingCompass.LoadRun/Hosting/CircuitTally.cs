using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HealingCompass.LoadRun.Hosting;

/// <summary>Counts the app's circuits: open (not yet disposed) and, of those, connected.</summary>
internal sealed class CircuitTally : CircuitHandler
{
    private int open;
    private int connected;

    public int Open => Volatile.Read(ref open);

    public int Connected => Volatile.Read(ref connected);

    private readonly ConcurrentDictionary<string, bool> everConnected = new();

    /// <summary>Connections that came up again on a circuit already connected once: reconnects, not new tabs.</summary>
    public int Reconnects => ReconnectTimes.Count;

    /// <summary>When each reconnect happened (UTC), for lining a failed wait up with the server's side.</summary>
    public ConcurrentQueue<DateTime> ReconnectTimes { get; } = new();

    private ConcurrentQueue<long>? inbound;

    /// <summary>
    /// Starts timing every inbound message a circuit handles (an event with the render it causes, a JS interop
    /// answer, a navigation), in stopwatch ticks, for <see cref="TakeInboundTimes"/>. Off unless asked: nothing
    /// else drains the queue.
    /// </summary>
    public void TimeInbound() => inbound ??= new ConcurrentQueue<long>();

    /// <summary>The inbound messages' handling times since the last call, in milliseconds.</summary>
    public List<double> TakeInboundTimes()
    {
        var times = new List<double>();
        while (inbound is not null && inbound.TryDequeue(out var ticks))
        {
            times.Add(ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency);
        }
        return times;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
    {
        if (inbound is not { } queue)
        {
            return next;
        }
        return async context =>
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(context);
            queue.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp() - start);
        };
    }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref connected);
        if (!everConnected.TryAdd(circuit.Id, true))
        {
            ReconnectTimes.Enqueue(DateTime.UtcNow);
        }
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref connected);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref open);
        everConnected.TryRemove(circuit.Id, out _);
        return Task.CompletedTask;
    }

    /// <summary>Waits until the open and connected counts are as expected; false on timeout.</summary>
    public async Task<bool> WaitForAsync(int expectedOpen, int expectedConnected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Open != expectedOpen || Connected != expectedConnected)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }
}
