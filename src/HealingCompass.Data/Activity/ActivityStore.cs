using HealingCompass.Domain.Activity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Activity;

/// <summary>Writes and reads the activity lines; one short-lived context per call.</summary>
public sealed class ActivityStore(IDbContextFactory<HealingCompassDbContext> contexts)
{
    /// <summary>Session starts read for the "last signed in" line: this session's own and the ones around it are among the newest.</summary>
    public const int SignInsRead = 20;

    // Not a GUID, so never a real account's id (the same stand-in as the sign-in checks use).
    private const string StandInUserId = "no-such-account";

    /// <summary>
    /// Adds the line, or counts it on the person's newest line when it is the same failed attempt again
    /// (<see cref="ActivityEvent.IsRepeatedBy"/>), so a run of guesses is one line with a count.
    /// </summary>
    public async Task AddAsync(string userId, ActivityEvent activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await NewestAsync(db, userId, cancellationToken);
        if (newest is not null && ToEvent(newest).IsRepeatedBy(activity))
        {
            newest.Count += activity.Count;
            newest.AtUtc = activity.AtUtc;
        }
        else
        {
            db.Activity.Add(new ActivityRow
            {
                UserId = userId,
                Kind = activity.Kind,
                AtUtc = activity.AtUtc,
                FirstAtUtc = activity.FirstAtUtc,
                Count = activity.Count,
                Device = activity.Device,
                Network = activity.Network,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The database work of <see cref="AddAsync"/> for an attempt on a username that does not exist: the same read,
    /// and a write that matches no row. Nothing is stored, so the table tells nobody which names were tried.
    /// </summary>
    public async Task StandInAsync(ActivityKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        _ = await NewestAsync(db, StandInUserId, cancellationToken);
        await db.Activity.Where(a => a.UserId == StandInUserId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Kind, kind), cancellationToken);
    }

    /// <summary>The person's newest lines first, at most <paramref name="limit"/>, and how many they have in all.</summary>
    public async Task<(IReadOnlyList<ActivityEvent> Events, int Total)> ListAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Activity.AsNoTracking().Where(a => a.UserId == userId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return ([.. rows.Select(ToEvent)], total);
    }

    /// <summary>The person's newest sign-ins and password changes (at most <see cref="SignInsRead"/>), for <see cref="SignInSummary.PreviousSignIn"/>.</summary>
    public async Task<IReadOnlyList<ActivityEvent>> SessionStartsAsync(string userId, CancellationToken cancellationToken = default)
    {
        ActivityKind[] kinds = [.. Enum.GetValues<ActivityKind>().Where(k => k.StartsSession())];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Activity.AsNoTracking()
            .Where(a => a.UserId == userId && kinds.Contains(a.Kind))
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(SignInsRead)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToEvent)];
    }

    /// <summary>How many failed attempts the person's lines stand for after <paramref name="afterUtc"/> (all of them when null).</summary>
    public async Task<int> FailedAttemptsAfterAsync(string userId, DateTime? afterUtc, CancellationToken cancellationToken = default)
    {
        ActivityKind[] kinds = [.. Enum.GetValues<ActivityKind>().Where(k => k.IsFailedAttempt())];
        var after = afterUtc ?? DateTime.MinValue;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Activity.AsNoTracking()
            .Where(a => a.UserId == userId && kinds.Contains(a.Kind) && a.AtUtc > after)
            .SumAsync(a => a.Count, cancellationToken);
    }

    /// <summary>Deletes every account's lines from before <paramref name="cutoffUtc"/>; returns how many went.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Activity.Where(a => a.AtUtc < cutoffUtc).ExecuteDeleteAsync(cancellationToken);
    }

    private static Task<ActivityRow?> NewestAsync(HealingCompassDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Activity.Where(a => a.UserId == userId).OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).FirstOrDefaultAsync(cancellationToken);

    private static ActivityEvent ToEvent(ActivityRow row) =>
        new(row.Kind, row.AtUtc, row.Device, row.Network) { Count = row.Count, FirstAtUtc = row.FirstAtUtc };
}
