namespace HealingCompass.Data.Encryption;

/// <summary>
/// Argon2id cost settings for turning a password or recovery key into a key-encryption key. The cost is what
/// makes guessing passwords against a stolen database slow, so the public constructor refuses anything below
/// the OWASP minimum (19 MiB of memory, 2 passes, 1 lane). The settings are stored next to each wrapped key,
/// so they can be raised later without locking anyone out.
/// </summary>
public sealed record KdfParameters
{
    /// <summary>OWASP's Argon2id minimum: 19 MiB.</summary>
    public const int MinimumMemoryKiB = 19_456;

    /// <summary>OWASP's Argon2id minimum with 19 MiB: two passes.</summary>
    public const int MinimumIterations = 2;

    /// <summary>Upper bound, so a tampered database cannot make an unlock allocate without limit (1 GiB).</summary>
    public const int MaximumMemoryKiB = 1_048_576;

    /// <summary>Upper bound on passes, for the same reason.</summary>
    public const int MaximumIterations = 64;

    /// <summary>Upper bound on lanes.</summary>
    public const int MaximumParallelism = 16;

    /// <summary>Every salt is 16 random bytes (RFC 9106 recommends 16).</summary>
    public const int SaltLength = 16;

    private readonly bool _forTestsOnly;

    /// <summary>Argon2id settings for new keys.</summary>
    /// <param name="memoryKiB">Memory in KiB; at least <see cref="MinimumMemoryKiB"/>.</param>
    /// <param name="iterations">Passes over memory; at least <see cref="MinimumIterations"/>.</param>
    /// <param name="parallelism">Lanes; 1 to <see cref="MaximumParallelism"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is below the minimum or above the bound.</exception>
    public KdfParameters(int memoryKiB = MinimumMemoryKiB, int iterations = MinimumIterations, int parallelism = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryKiB, MinimumMemoryKiB);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(memoryKiB, MaximumMemoryKiB);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaximumIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parallelism, MaximumParallelism);
        MemoryKiB = memoryKiB;
        Iterations = iterations;
        Parallelism = parallelism;
    }

    private KdfParameters(int memoryKiB, int iterations, int parallelism, bool forTestsOnly)
    {
        MemoryKiB = memoryKiB;
        Iterations = iterations;
        Parallelism = parallelism;
        _forTestsOnly = forTestsOnly;
    }

    /// <summary>Bitwarden's default memory and passes: 64 MiB.</summary>
    public const int RecommendedMemoryKiB = 65_536;

    /// <summary>Bitwarden's default passes with 64 MiB: three.</summary>
    public const int RecommendedIterations = 3;

    /// <summary>
    /// Settings for new hashes and wraps: m = 64 MiB, t = 3, p = 1 (libsodium), at least as costly per guess
    /// as Bitwarden's default (64 MiB, t = 3, p = 4; ADR 7 explains why one lane costs no less).
    /// </summary>
    public static KdfParameters Default { get; } = new(RecommendedMemoryKiB, RecommendedIterations, 1);

    /// <summary>The OWASP minimum (m = 19 MiB, t = 2, p = 1): the settings of keys wrapped before ADR 7's amendment.</summary>
    public static KdfParameters OwaspMinimum { get; } = new();

    /// <summary>
    /// Deliberately weak settings (256 KiB, one pass) so unit tests run in milliseconds. Never use them for a
    /// real account: a password wrapped with them is cheap to guess.
    /// </summary>
    internal static KdfParameters FastForTestsOnly { get; } = new(256, 1, 1, forTestsOnly: true);

    /// <summary>Memory cost in KiB.</summary>
    public int MemoryKiB { get; }

    /// <summary>Number of passes (time cost).</summary>
    public int Iterations { get; }

    /// <summary>Number of lanes (degree of parallelism).</summary>
    public int Parallelism { get; }

    /// <summary>True when the settings meet the OWASP minimum.</summary>
    public bool MeetsMinimum => MemoryKiB >= MinimumMemoryKiB && Iterations >= MinimumIterations;

    /// <summary>True when <paramref name="other"/> costs exactly as much (memory, passes and lanes).</summary>
    public bool SameCostAs(KdfParameters other) =>
        other is not null && MemoryKiB == other.MemoryKiB && Iterations == other.Iterations && Parallelism == other.Parallelism;

    /// <summary>True only for <see cref="FastForTestsOnly"/>.</summary>
    internal bool IsForTestsOnly => _forTestsOnly;

    /// <summary>
    /// Settings read back from a stored wrapped key. Unwrapping must accept what was used when wrapping (even
    /// the test settings), but within Argon2's own limits and the upper bounds above.
    /// </summary>
    /// <returns>The settings, or null when they are impossible or out of bounds.</returns>
    internal static KdfParameters? FromStored(int memoryKiB, int iterations, int parallelism) =>
        parallelism is < 1 or > MaximumParallelism
        || iterations is < 1 or > MaximumIterations
        || memoryKiB < 8 * parallelism || memoryKiB > MaximumMemoryKiB
            ? null
            : new KdfParameters(memoryKiB, iterations, parallelism, forTestsOnly: false);
}
