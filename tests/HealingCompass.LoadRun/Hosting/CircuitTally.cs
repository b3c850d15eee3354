using Microsoft.AspNetCore.Components.Server.Circuits;

namespace HealingCompass.LoadRun.Hosting;

/// <summary>Counts the app's circuits: open (not yet disposed) and, of those, connected.</summary>
internal sealed class CircuitTally : CircuitHandler
{
    private int open;
    private int connected;

    public int Open => Volatile.Read(ref open);

    public int Connected => Volatile.Read(ref connected);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref open);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref connected);
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
