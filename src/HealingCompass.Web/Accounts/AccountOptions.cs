namespace HealingCompass.Web.Accounts;

/// <summary>Session and lock timings (configuration section "Accounts"). Documented in docs/security.md.</summary>
public sealed class AccountOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Saved data locks after this long without use and needs the password again.</summary>
    public TimeSpan AutoLockAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often rows of sessions that can no longer be valid are deleted, whoever signs in.</summary>
    public TimeSpan ExpiredSessionSweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Sign-in, sign-up, unlock, recovery and password-change attempts allowed per username per minute.</summary>
    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>
    /// The same attempts per client address per minute, for every username together: looser, because a
    /// household, a refuge or an office may share one address (behind a proxy, see ForwardedHeaders).
    /// </summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 60;

    /// <summary>Failed sign-ins before an account is locked out for <see cref="LockoutFor"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan LockoutFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Password hashes and key derivations allowed to run at once; more wait their turn. Each holds the
    /// KDF's memory (64 MiB by default, ADR 7), so 4 caps that at 256 MiB however many sign in together.
    /// </summary>
    public int ConcurrentKeyDerivations { get; set; } = 4;

    /// <summary>Argon2id memory (KiB) for new password hashes and key wraps; never below 19 MiB (ADR 7).</summary>
    public int KeyDerivationMemoryKiB { get; set; } = Data.Encryption.KdfParameters.RecommendedMemoryKiB;

    /// <summary>Argon2id passes for new password hashes and key wraps; never below 2 (ADR 7).</summary>
    public int KeyDerivationIterations { get; set; } = Data.Encryption.KdfParameters.RecommendedIterations;
}
