using HealingCompass.Data.Activity;
using HealingCompass.Domain.Activity;

namespace HealingCompass.Web.Components.Activity;

/// <summary>
/// Records one line of a person's activity from the request that caused it: the time on the app's clock, the
/// browser family and system in words, and the coarse network (never the address). Recording an event is this
/// one call; callers never build a row.
/// </summary>
public sealed class ActivityLog(ActivityStore store, TimeProvider time)
{
    public Task RecordAsync(string userId, ActivityKind kind, HttpContext? http) =>
        store.AddAsync(userId, Describe(kind, time.GetUtcNow().UtcDateTime, http), http?.RequestAborted ?? default);

    /// <summary>
    /// What <see cref="RecordAsync"/> costs, for an attempt on a username that does not exist: the same database
    /// round trip, with nothing stored (see <c>SameWorkForUnknownAccounts</c>).
    /// </summary>
    public Task RecordNothingAsync(ActivityKind kind, HttpContext? http)
    {
        _ = Describe(kind, time.GetUtcNow().UtcDateTime, http);
        return store.StandInAsync(kind, http?.RequestAborted ?? default);
    }

    internal static ActivityEvent Describe(ActivityKind kind, DateTime atUtc, HttpContext? http) => new(
        kind,
        atUtc,
        DeviceDescription.From(http?.Request.Headers.UserAgent.ToString()),
        NetworkPrefix.Coarse(http?.Connection.RemoteIpAddress));
}
