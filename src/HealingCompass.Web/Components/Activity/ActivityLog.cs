using HealingCompass.Data.Activity;
using HealingCompass.Domain.Activity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Components.Activity;

/// <summary>
/// Records one line of a person's activity from the request that caused it: the time on the app's clock, the
/// browser family and system in words, and the coarse network (never the address). Recording an event is this
/// one call; callers never build a row.
/// </summary>
public sealed partial class ActivityLog(ActivityStore store, TimeProvider time, ILogger<ActivityLog> logger)
{
    /// <summary>
    /// Adds the line. A database that cannot take it now is logged (the kind only) and the caller carries on:
    /// signing in, and above all signing out, must not fail for want of a line. Not cancelled with the request,
    /// so a closed tab does not leave its sign-out unrecorded.
    /// </summary>
    public async Task RecordAsync(string userId, ActivityKind kind, HttpContext? http)
    {
        try
        {
            await store.AddAsync(userId, Describe(kind, time.GetUtcNow().UtcDateTime, http));
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            LogNotRecorded(logger, kind, e);
        }
    }

    /// <summary>
    /// What <see cref="RecordAsync"/> costs, for an attempt on a username that does not exist: the same database
    /// round trips, with nothing stored (see <c>SameWorkForUnknownAccounts</c>).
    /// </summary>
    public async Task RecordNothingAsync(ActivityKind kind, HttpContext? http)
    {
        _ = Describe(kind, time.GetUtcNow().UtcDateTime, http);
        try
        {
            await store.StandInAsync(kind);
        }
        catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
        {
            LogNotRecorded(logger, kind, e);
        }
    }

    internal static ActivityEvent Describe(ActivityKind kind, DateTime atUtc, HttpContext? http) => new(
        kind,
        atUtc,
        DeviceDescription.From(http?.Request.Headers.UserAgent.ToString()),
        NetworkPrefix.Coarse(http?.Connection.RemoteIpAddress));

    [LoggerMessage(Level = LogLevel.Warning, Message = "An activity line ({Kind}) could not be written this time.")]
    private static partial void LogNotRecorded(ILogger logger, ActivityKind kind, Exception exception);
}
