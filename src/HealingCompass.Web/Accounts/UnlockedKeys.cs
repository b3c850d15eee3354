using System.Collections.Concurrent;
using HealingCompass.Data.Encryption;
using Microsoft.Extensions.Options;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// The only place an unwrapped data key lives: server memory, keyed by a random session id from the
/// sign-in cookie (ADR 6). A key not used for <see cref="AccountOptions.AutoLockAfter"/> is dropped and
/// zeroed (auto-lock); ending a session (sign-out, quick exit's lock, password change, recovery, "End"
/// on the sessions page) and shutdown drop keys too. Nothing here touches disk.
/// </summary>
public sealed class UnlockedKeys : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TimeProvider time;
    private readonly IOptionsMonitor<AccountOptions> options;
    private readonly ITimer sweeper;

    public UnlockedKeys(TimeProvider time, IOptionsMonitor<AccountOptions> options)
    {
        this.time = time;
        this.options = options;
        sweeper = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    /// <summary>Keeps the key for this sign-in session, replacing any earlier one.</summary>
    public void Put(string sessionId, string userId, DataKey key)
    {
        var entry = new Entry(userId, key, time.GetUtcNow());
        entries.AddOrUpdate(sessionId, entry, (_, old) =>
        {
            old.Key.Dispose();
            return entry;
        });
    }

    /// <summary>The key for this session and user, if it is still unlocked; using it counts as activity.</summary>
    public bool TryGet(string? sessionId, string? userId, out DataKey key)
    {
        key = default!;
        if (sessionId is null || userId is null || !entries.TryGetValue(sessionId, out var entry) || entry.UserId != userId)
        {
            return false;
        }
        if (IsExpired(entry))
        {
            Remove(sessionId);
            return false;
        }
        entry.LastUsed = time.GetUtcNow();
        key = entry.Key;
        return true;
    }

    /// <summary>How many keys are held now (for the load run's leak check; not shown anywhere).</summary>
    internal int Count => entries.Count;

    public bool IsUnlocked(string? sessionId, string? userId) => TryGet(sessionId, userId, out _);

    public void Remove(string? sessionId)
    {
        if (sessionId is not null && entries.TryRemove(sessionId, out var entry))
        {
            entry.Key.Dispose();
            Locked?.Invoke(sessionId);
        }
    }

    /// <summary>
    /// Drops and zeroes the key without telling open pages: for the page that is wiping the account and leaving
    /// through quick exit, whose own circuit must not move it to the lock screen and race the way out.
    /// </summary>
    public void Forget(string? sessionId)
    {
        if (sessionId is not null && entries.TryRemove(sessionId, out var entry))
        {
            entry.Key.Dispose();
        }
    }

    /// <summary>Raised with the session id whenever a key is dropped, so open pages can lock at once.</summary>
    public event Action<string>? Locked;

    /// <summary>Locks every other session of a user, e.g. after a password change.</summary>
    public void RemoveAllFor(string userId, string? exceptSessionId = null)
    {
        foreach (var (sessionId, entry) in entries)
        {
            if (entry.UserId == userId && sessionId != exceptSessionId)
            {
                Remove(sessionId);
            }
        }
    }

    /// <summary>Locks every session whose id matches, e.g. one ended from the sessions page (which knows only its hash).</summary>
    public void RemoveWhere(Func<string, bool> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        foreach (var sessionId in entries.Keys)
        {
            if (matches(sessionId))
            {
                Remove(sessionId);
            }
        }
    }

    internal void Sweep()
    {
        foreach (var (sessionId, entry) in entries)
        {
            if (IsExpired(entry))
            {
                Remove(sessionId);
            }
        }
    }

    private bool IsExpired(Entry entry) => time.GetUtcNow() - entry.LastUsed >= options.CurrentValue.AutoLockAfter;

    public void Dispose()
    {
        sweeper.Dispose();
        foreach (var sessionId in entries.Keys)
        {
            Remove(sessionId);
        }
    }

    private sealed class Entry(string userId, DataKey key, DateTimeOffset lastUsed)
    {
        public string UserId { get; } = userId;

        public DataKey Key { get; } = key;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
    }
}
