using HealingCompass.Web.Hosting;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Components.Activity;

/// <summary>
/// Every <see cref="ActivityOptions.SweepEvery"/> on the app's clock, deletes activity lines older than
/// <see cref="ActivityOptions.KeepFor"/>, for every account, whether or not its owner comes back.
/// </summary>
internal sealed partial class ActivitySweeper(
    Data.Activity.ActivityStore store,
    IOptionsMonitor<ActivityOptions> options,
    TimeProvider time,
    ILogger<ActivitySweeper> logger) : PeriodicSweep(time)
{
    protected override TimeSpan Every => options.CurrentValue.SweepEvery;

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await store.DeleteOlderThanAsync(Time.GetUtcNow().UtcDateTime - options.CurrentValue.KeepFor, cancellationToken);
            if (deleted > 0)
            {
                LogSwept(logger, deleted);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // A busy or unreachable database: the next sweep tries again.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} old activity lines.")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old activity lines could not be deleted this time.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
