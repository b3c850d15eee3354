using FsCheck.Xunit;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Domain.Tests.Journal;

public sealed class VersionChainTests
{
    [Property(MaxTest = 100)]
    public void Any_sequence_of_creates_edits_removes_and_erases_verifies(int seed, byte length)
    {
        var chain = ChainBuilder.Random(seed, 1 + length % 80);
        var report = chain.Verify();
        Assert.True(report.Intact, report.FirstBreak?.Describe());
        Assert.Equal(chain.Versions.Count, report.VersionsChecked);
    }

    [Property(MaxTest = 100)]
    public void Every_write_changes_the_head_and_its_fingerprint(int seed, byte length)
    {
        var chain = new ChainBuilder(seed);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal) { VersionChain.Fingerprint(null) };
        for (var i = 0; i < 1 + length % 40; i++)
        {
            chain.Step();
            Assert.True(fingerprints.Add(VersionChain.Fingerprint(chain.Head)));
        }
    }

    [Property(MaxTest = 150)]
    public void Changing_a_versions_content_is_named_as_changed_content(int seed, byte length, int pick)
    {
        var chain = ChainBuilder.Random(seed, 2 + length % 60);
        var kept = chain.Versions.Where(v => chain.Contents.ContainsKey(v.Id)).ToList();
        if (kept.Count == 0)
        {
            return;
        }
        var changed = kept[Math.Abs(pick % kept.Count)];
        var (salt, content) = chain.Contents[changed.Id];
        chain.Contents[changed.Id] = (salt, [.. content, (byte)'!']);

        var report = chain.Verify();
        Assert.Equal(new ChainBreak(ChainBreakKind.ChangedContent, changed.Sequence, changed.EntryId, changed.VersionNumber), report.FirstBreak);
    }

    [Property(MaxTest = 150)]
    public void Changing_a_stored_digest_of_a_version_with_content_is_named_as_changed_content(int seed, byte length, int pick, byte bit)
    {
        var chain = ChainBuilder.Random(seed, 2 + length % 60);
        var kept = chain.Versions.Where(v => chain.Contents.ContainsKey(v.Id)).ToList();
        if (kept.Count == 0)
        {
            return;
        }
        var index = (int)kept[Math.Abs(pick % kept.Count)].Sequence - 1;
        chain.Versions[index] = chain.Versions[index] with { ContentDigest = Flip(chain.Versions[index].ContentDigest, bit) };

        Assert.Equal(ChainBreakKind.ChangedContent, chain.Verify().FirstBreak?.Kind);
        Assert.Equal(index + 1, chain.Verify().FirstBreak?.Sequence);
    }

    [Property(MaxTest = 150)]
    public void Changing_a_written_at_time_is_named_as_a_changed_written_at(int seed, byte length, int pick, int shift)
    {
        var chain = ChainBuilder.Random(seed, 2 + length % 60);
        var index = Math.Abs(pick % chain.Versions.Count);
        var moved = chain.Versions[index].WrittenAt.AddMilliseconds(shift == 0 ? 1 : shift);
        chain.Versions[index] = chain.Versions[index] with { WrittenAt = moved };

        var found = chain.Verify().FirstBreak;
        Assert.NotNull(found);
        Assert.Equal(index + 1, found.Sequence);
        // An erased version has no content left to rule out a changed digest, so it may only say "changed".
        var expected = chain.Contents.ContainsKey(chain.Versions[index].Id) ? ChainBreakKind.ChangedWrittenAt : ChainBreakKind.ChangedVersion;
        Assert.True(found.Kind == expected || (found.Kind == ChainBreakKind.ChangedWrittenAt), found.Describe());
    }

    [Property(MaxTest = 150)]
    public void Removing_any_version_is_named_as_a_removed_version(int seed, byte length, int pick)
    {
        var chain = ChainBuilder.Random(seed, 2 + length % 60);
        var index = Math.Abs(pick % chain.Versions.Count);
        var without = chain.Versions.Where((_, i) => i != index).ToList();

        var found = chain.Verify(without).FirstBreak;
        Assert.NotNull(found);
        Assert.Equal(ChainBreakKind.RemovedVersion, found.Kind);
        Assert.Equal(index + 1, found.Sequence);
    }

    [Property(MaxTest = 150)]
    public void Removing_a_version_and_renumbering_the_rest_is_still_named_as_a_removed_version(int seed, byte length, int pick)
    {
        var chain = ChainBuilder.Random(seed, 3 + length % 60);
        var index = Math.Abs(pick % (chain.Versions.Count - 1));
        var renumbered = chain.Versions.Where((_, i) => i != index).Select((v, i) => v with { Sequence = i + 1 }).ToList();

        var found = chain.Verify(renumbered).FirstBreak;
        Assert.NotNull(found);
        Assert.Equal(ChainBreakKind.RemovedVersion, found.Kind);
    }

    [Property(MaxTest = 150)]
    public void Swapping_two_versions_is_named_as_reordered(int seed, byte length, int a, int b)
    {
        var chain = ChainBuilder.Random(seed, 3 + length % 60);
        var i = Math.Abs(a % chain.Versions.Count);
        var j = Math.Abs(b % chain.Versions.Count);
        if (i == j)
        {
            j = (i + 1) % chain.Versions.Count;
        }
        // Reordering the stored rows: each keeps its fields but takes the other's place (and position number).
        var swapped = chain.Versions.ToList();
        (swapped[i], swapped[j]) = (swapped[j] with { Sequence = i + 1 }, swapped[i] with { Sequence = j + 1 });

        var found = chain.Verify(swapped).FirstBreak;
        Assert.NotNull(found);
        Assert.Equal(ChainBreakKind.ReorderedVersions, found.Kind);
        Assert.Equal(Math.Min(i, j) + 1, found.Sequence);
    }

    [Property(MaxTest = 150)]
    public void Changing_a_stored_hash_a_link_or_a_kind_is_detected_at_that_version(int seed, byte length, int pick, byte field, byte bit)
    {
        var chain = ChainBuilder.Random(seed, 2 + length % 60);
        var index = Math.Abs(pick % chain.Versions.Count);
        var v = chain.Versions[index];
        chain.Versions[index] = (field % 4) switch
        {
            0 => v with { Hash = Flip(v.Hash, bit) },
            1 => v with { PreviousHash = Flip(v.PreviousHash, bit) },
            2 => v with { Kind = v.Kind == VersionKind.Edit ? VersionKind.Remove : VersionKind.Edit },
            _ => v with { VersionNumber = v.VersionNumber + 1 + bit % 3 },
        };

        var found = chain.Verify().FirstBreak;
        Assert.NotNull(found);
        Assert.Equal(index + 1, found.Sequence);
    }

    [Fact]
    public void Deleting_the_last_version_is_caught_by_the_head()
    {
        var chain = ChainBuilder.Random(7, 10);
        var found = chain.Verify(chain.Versions.SkipLast(1).ToList()).FirstBreak;
        Assert.Equal(ChainBreakKind.RemovedVersion, found?.Kind);
        Assert.Equal(10, found?.Sequence);
    }

    [Fact]
    public void An_empty_journal_verifies_and_has_a_fingerprint_of_zeros()
    {
        Assert.True(ChainVerifier.Verify([], null).Intact);
        Assert.Equal("0000 0000 0000 0000", VersionChain.Fingerprint(null));
    }

    [Fact]
    public void The_same_content_gives_different_digests_with_different_salts()
    {
        var content = "He said I imagined it."u8.ToArray();
        Assert.NotEqual(VersionChain.ContentDigest(VersionChain.NewSalt(), content), VersionChain.ContentDigest(VersionChain.NewSalt(), content));
    }

    [Fact]
    public void The_hash_covers_each_piece_of_metadata()
    {
        var entry = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var digest = VersionChain.ContentDigest([1], [2]);
        var hash = VersionChain.ComputeHash(VersionChain.Genesis, entry, 1, at, VersionKind.Create, digest);
        byte[][] others =
        [
            VersionChain.ComputeHash(Flip(VersionChain.Genesis, 0), entry, 1, at, VersionKind.Create, digest),
            VersionChain.ComputeHash(VersionChain.Genesis, Guid.NewGuid(), 1, at, VersionKind.Create, digest),
            VersionChain.ComputeHash(VersionChain.Genesis, entry, 2, at, VersionKind.Create, digest),
            VersionChain.ComputeHash(VersionChain.Genesis, entry, 1, at.AddMilliseconds(1), VersionKind.Create, digest),
            VersionChain.ComputeHash(VersionChain.Genesis, entry, 1, at, VersionKind.Edit, digest),
            VersionChain.ComputeHash(VersionChain.Genesis, entry, 1, at, VersionKind.Create, Flip(digest, 9)),
        ];
        Assert.All(others, other => Assert.NotEqual(hash, other));
    }

    private static byte[] Flip(byte[] bytes, byte bit)
    {
        var copy = bytes.ToArray();
        copy[bit / 8 % copy.Length] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
