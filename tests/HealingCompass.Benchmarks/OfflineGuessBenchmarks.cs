using BenchmarkDotNet.Attributes;

namespace HealingCompass.Benchmarks;

/// <summary>
/// One wrong guess against each offline target (see <see cref="OfflineTargets"/>); guesses per second per
/// core is 1 / mean. Few iterations: each run takes 30–700 ms. The quick median harness
/// (<c>-- offline-guesses</c>) gives the same figures in a minute.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class OfflineGuessBenchmarks
{
    private readonly OfflineTargets targets = new();

    [Benchmark(Baseline = true)]
    public void OldSignInHashPbkdf2() => targets.OldSignInHash();

    [Benchmark]
    public void OldKeyWrapArgon2id19MiB() => targets.OldKeyWrap();

    [Benchmark]
    public void OldKeyWrapArgon2id19MiBManaged() => targets.OldKeyWrapManaged();

    [Benchmark]
    public void NewSignInHashArgon2id64MiB() => targets.NewSignInHash();

    [Benchmark]
    public void NewKeyWrapArgon2id64MiB() => targets.NewKeyWrap();
}
