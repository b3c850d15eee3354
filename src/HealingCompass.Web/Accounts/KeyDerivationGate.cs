using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Every password hash and key derivation (each holds tens of MiB while it runs) passes through here, so a
/// burst of sign-ins waits its turn instead of exhausting memory: at most
/// <see cref="AccountOptions.ConcurrentKeyDerivations"/> run at once. It also counts them, which is how the
/// tests show that an unknown username costs the same work as a known one.
/// </summary>
public sealed class KeyDerivationGate : IDisposable
{
    private readonly SemaphoreSlim slots;
    private long runs;
    private int running;
    private int peak;

    public KeyDerivationGate(IOptions<AccountOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Limit = Math.Max(1, options.Value.ConcurrentKeyDerivations);
        slots = new SemaphoreSlim(Limit, Limit);
    }

    /// <summary>How many derivations may run at once.</summary>
    public int Limit { get; }

    /// <summary>Derivations run since start.</summary>
    public long Runs => Interlocked.Read(ref runs);

    /// <summary>The most that ever ran at once (never above <see cref="Limit"/>).</summary>
    public int PeakConcurrent => Volatile.Read(ref peak);

    /// <summary>Runs <paramref name="derive"/> once a slot is free, waiting without holding a thread.</summary>
    public async Task<T> RunAsync<T>(Func<T> derive)
    {
        ArgumentNullException.ThrowIfNull(derive);
        await slots.WaitAsync().ConfigureAwait(false);
        return Enter(derive);
    }

    /// <summary>The same, for callers that cannot await (Identity's password hasher is synchronous).</summary>
    public T Run<T>(Func<T> derive)
    {
        ArgumentNullException.ThrowIfNull(derive);
        slots.Wait();
        return Enter(derive);
    }

    public void Dispose() => slots.Dispose();

    // Called holding a slot; releases it.
    private T Enter<T>(Func<T> derive)
    {
        try
        {
            Interlocked.Increment(ref runs);
            var now = Interlocked.Increment(ref running);
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }
            return derive();
        }
        finally
        {
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }
}
