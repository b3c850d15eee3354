using HealingCompass.Data.Encryption;
using HealingCompass.Web.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>
/// The unlocked-key cache holds a key only while its session is live: signing out drops it, and so does the idle
/// lock, so a crowd that came and went leaves none behind (the count the journeys load run checks).
/// </summary>
public sealed class UnlockedKeysTests
{
    [Fact]
    public void Keys_of_sessions_that_signed_out_or_went_idle_are_all_gone_from_the_cache()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        using var keys = new UnlockedKeys(time, new Fixed(new AccountOptions { AutoLockAfter = TimeSpan.FromMinutes(15) }));
        for (var i = 0; i < 5; i++)
        {
            keys.Put($"session-{i}", $"user-{i}", DataKey.Create());
        }
        Assert.Equal(5, keys.Count);

        keys.Remove("session-0");
        keys.Remove("session-1");
        Assert.Equal(3, keys.Count);

        // The rest leave without signing out: the sweep drops them once they have been idle long enough.
        time.Advance(TimeSpan.FromMinutes(15));
        keys.Sweep();
        Assert.Equal(0, keys.Count);
    }

    [Fact]
    public void Unlocking_the_same_session_again_replaces_its_key_instead_of_adding_one()
    {
        var time = new FakeTimeProvider();
        using var keys = new UnlockedKeys(time, new Fixed(new AccountOptions()));

        keys.Put("session", "user", DataKey.Create());
        keys.Put("session", "user", DataKey.Create());

        Assert.Equal(1, keys.Count);
    }

    private sealed class Fixed(AccountOptions value) : IOptionsMonitor<AccountOptions>
    {
        public AccountOptions CurrentValue => value;

        public AccountOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<AccountOptions, string?> listener) => null;
    }
}
