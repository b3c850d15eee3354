using HealingCompass.Domain.Activity;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Activity;

/// <summary>Writes and reads the activity lines; one short-lived context per call.</summary>
public sealed class ActivityStore(IDbContextFactory<HealingCompassDbContext> contexts)
{
    // Not a GUID, so never a real account's id (the same stand-in as the sign-in checks use).
    private const string StandInUserId = "no-such-account";

    public async Task AddAsync(string userId, ActivityEvent activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Activity.Add(new ActivityRow
        {
            UserId = userId,
            Kind = activity.Kind,
            AtUtc = activity.AtUtc,
            Device = activity.Device,
            Network = activity.Network,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The database work of <see cref="AddAsync"/> for an attempt on a username that does not exist: a write
    /// that matches no row. Nothing is stored, so the table tells nobody which names were tried.
    /// </summary>
    public async Task StandInAsync(ActivityKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Activity.Where(a => a.UserId == StandInUserId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Kind, kind), cancellationToken);
    }

    /// <summary>The person's newest lines first, at most <paramref name="limit"/>, and how many they have in all.</summary>
    public async Task<(IReadOnlyList<ActivityEvent> Events, int Total)> ListAsync(string userId, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.Activity.AsNoTracking().Where(a => a.UserId == userId);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(limit)
            .Select(a => new ActivityEvent(a.Kind, a.AtUtc, a.Device, a.Network))
            .ToListAsync(cancellationToken);
        return (rows, total);
    }

    /// <summary>The person's sign-ins and failed attempts, newest first, for the "last signed in" line.</summary>
    public async Task<IReadOnlyList<ActivityEvent>> SignInsAndFailuresAsync(string userId, CancellationToken cancellationToken = default)
    {
        ActivityKind[] kinds = [.. Enum.GetValues<ActivityKind>().Where(k => k.IsSignIn() || k.IsFailedAttempt())];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Activity.AsNoTracking()
            .Where(a => a.UserId == userId && kinds.Contains(a.Kind))
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Select(a => new ActivityEvent(a.Kind, a.AtUtc, a.Device, a.Network))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deletes every account's lines from before <paramref name="cutoffUtc"/>; returns how many went.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Activity.Where(a => a.AtUtc < cutoffUtc).ExecuteDeleteAsync(cancellationToken);
    }
}
