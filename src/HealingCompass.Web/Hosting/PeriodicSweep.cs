namespace HealingCompass.Web.Hosting;

/// <summary>
/// A background job that runs every <see cref="Every"/> on the app's clock (so tests move a fake clock instead of
/// waiting), and says when each run has finished.
/// </summary>
internal abstract class PeriodicSweep(TimeProvider time) : BackgroundService
{
    private TaskCompletionSource swept = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next sweep has finished (how tests know, without waiting on the wall clock).</summary>
    public Task NextSweep => Volatile.Read(ref swept).Task;

    /// <summary>The app's clock.</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract TimeSpan Every { get; }

    /// <summary>One sweep; it handles its own expected failures, so the next tick simply tries again.</summary>
    protected abstract Task SweepAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
                Interlocked.Exchange(ref swept, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}
