using HealingCompass.Web.Hosting;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Every <see cref="AccountOptions.ExpiredSessionSweepEvery"/> on the app's clock, deletes the session rows
/// whose cookies can no longer be valid. Without it a row stayed until its owner next signed in, keeping
/// when and on what kind of browser they last used the app in the database for as long as they stayed away.
/// </summary>
internal sealed partial class ExpiredSessionSweeper(
    SessionStore sessions,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<ExpiredSessionSweeper> logger) : PeriodicSweep(time)
{
    protected override TimeSpan Every => options.Value.ExpiredSessionSweepEvery;

    protected override async Task SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await sessions.DeleteExpiredAsync(cancellationToken);
            if (deleted > 0)
            {
                LogSwept(logger, deleted);
            }
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // A busy or unreachable database: the next sweep (or the owner's next sign-in) tries again.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired session rows.")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expired session rows could not be deleted this time.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
