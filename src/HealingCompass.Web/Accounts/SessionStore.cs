using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Domain.Activity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Server-side sign-ins (docs/security.md "Sessions"): a cookie counts only while its session's row exists.
/// Ending a session deletes the row and drops its unlocked key, so a copy of the cookie opens nothing.
/// </summary>
public sealed class SessionStore(
    IDbContextFactory<HealingCompassDbContext> contexts,
    UnlockedKeys keys,
    IOptionsMonitor<AccountOptions> options,
    TimeProvider time)
{
    /// <summary>Last seen is written at most this often per session, so a busy page costs a read, not a write.</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Records a new sign-in, and clears the user's rows whose cookies can no longer be valid.</summary>
    public async Task CreateAsync(string sessionId, string userId, string? userAgent)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync();
        await db.Sessions.Where(s => s.UserId == userId).Where(ExpiredAt(now)).ExecuteDeleteAsync();
        db.Sessions.Add(new UserSession
        {
            Id = WebEncoders(RandomNumberGenerator.GetBytes(16)),
            SessionIdHash = Hash(sessionId),
            UserId = userId,
            CreatedUtc = now,
            LastSeenUtc = now,
            Device = DeviceDescription.From(userAgent),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Deletes every account's rows whose cookies can no longer be valid (past the absolute lifetime, or idle
    /// too long), so a closed browser's session does not stay in the database until its owner signs in again.
    /// </summary>
    /// <returns>How many rows went.</returns>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.Where(ExpiredAt(now)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Whether this sign-in is still live for this user; refreshes last seen now and then.</summary>
    public async Task<bool> IsLiveAsync(string? sessionId, string? userId, CancellationToken cancellationToken = default)
    {
        if (sessionId is null || userId is null)
        {
            return false;
        }
        var hash = Hash(sessionId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Sessions.AsNoTracking()
            .Where(s => s.SessionIdHash == hash && s.UserId == userId)
            .Select(s => new { s.Id, s.LastSeenUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return false;
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (now - row.LastSeenUtc >= LastSeenResolution)
        {
            await db.Sessions.Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenUtc, now), cancellationToken);
        }
        return true;
    }

    /// <summary>The user's live sign-ins, most recently seen first; <paramref name="currentSessionId"/> marks this browser's.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(string userId, string? currentSessionId)
    {
        var current = currentSessionId is null ? null : Hash(currentSessionId);
        await using var db = await contexts.CreateDbContextAsync();
        // Only rows whose cookie could still be valid: a closed browser's session is not "signed in".
        var now = time.GetUtcNow().UtcDateTime;
        var createdAfter = now - options.CurrentValue.AbsoluteLifetime;
        var seenAfter = now - options.CurrentValue.IdleTimeout - LastSeenResolution;
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.CreatedUtc >= createdAfter && s.LastSeenUtc >= seenAfter)
            .ToListAsync();
        return [.. rows.OrderByDescending(s => s.LastSeenUtc)
            .Select(s => new SessionSummary(s.Id, s.Device, s.CreatedUtc, s.LastSeenUtc, s.SessionIdHash == current))];
    }

    /// <summary>Ends this browser's sign-in for good.</summary>
    public async Task EndAsync(string? sessionId)
    {
        if (sessionId is null)
        {
            return;
        }
        keys.Remove(sessionId);
        var hash = Hash(sessionId);
        await using var db = await contexts.CreateDbContextAsync();
        await db.Sessions.Where(s => s.SessionIdHash == hash).ExecuteDeleteAsync();
    }

    /// <summary>Ends one of the user's sign-ins, named by the handle the sessions page shows.</summary>
    /// <returns>Whether there was such a sign-in to end.</returns>
    public async Task<bool> EndByHandleAsync(string userId, string handle)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var hash = await db.Sessions.Where(s => s.Id == handle && s.UserId == userId).Select(s => s.SessionIdHash).SingleOrDefaultAsync();
        if (hash is null)
        {
            return false;
        }
        await db.Sessions.Where(s => s.Id == handle).ExecuteDeleteAsync();
        keys.RemoveWhere(sessionId => Hash(sessionId) == hash);
        return true;
    }

    /// <summary>Ends every sign-in of the user except <paramref name="exceptSessionId"/> (all of them when null).</summary>
    public async Task EndAllForAsync(string userId, string? exceptSessionId = null)
    {
        var keep = exceptSessionId is null ? null : Hash(exceptSessionId);
        await using var db = await contexts.CreateDbContextAsync();
        await db.Sessions.Where(s => s.UserId == userId && s.SessionIdHash != keep).ExecuteDeleteAsync();
        keys.RemoveAllFor(userId, exceptSessionId);
    }

    /// <summary>Rows whose cookie is past its absolute lifetime or its idle timeout (with last seen's resolution as slack).</summary>
    private Expression<Func<UserSession, bool>> ExpiredAt(DateTime now)
    {
        var createdBefore = now - options.CurrentValue.AbsoluteLifetime;
        var idleBefore = now - options.CurrentValue.IdleTimeout - LastSeenResolution;
        return s => s.CreatedUtc < createdBefore || s.LastSeenUtc < idleBefore;
    }

    internal static string Hash(string sessionId) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private static string WebEncoders(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>One row of "Where you're signed in".</summary>
public sealed record SessionSummary(string Handle, string Device, DateTime CreatedUtc, DateTime LastSeenUtc, bool IsThisBrowser);
