namespace HealingCompass.Web.Components.Journal;

/// <summary>
/// Waits for a short pause in typing, then saves once: each change restarts the wait. Runs on the app's
/// <see cref="TimeProvider"/>, so tests move the clock instead of sleeping.
/// </summary>
public sealed class DraftAutosave : IDisposable
{
    /// <summary>Short, so a dropped connection, a quick exit or a closed tab loses at most this much typing.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(800);

    private readonly ITimer timer;
    private readonly Func<Task> save;
    private int pending;

    public DraftAutosave(TimeProvider time, Func<Task> save)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.save = save;
        timer = time.CreateTimer(_ => _ = FireAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Something was typed: save after the next pause.</summary>
    public void Changed()
    {
        Interlocked.Exchange(ref pending, 1);
        timer.Change(Pause, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The entry was saved (or thrown away): nothing is left to autosave.</summary>
    public void Cancel()
    {
        Interlocked.Exchange(ref pending, 0);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private async Task FireAsync()
    {
        if (Interlocked.Exchange(ref pending, 0) == 1)
        {
            await save();
        }
    }

    public void Dispose() => timer.Dispose();
}
