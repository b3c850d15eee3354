using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;

namespace HealingCompass.Domain.Tests.Journal.Evidence;

public sealed class ExportPeriodAndEarlierHeadsTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    private static JournalExport ExportOf(ChainBuilder chain, Func<ExportedVersion, bool>? outside = null, IReadOnlyList<EarlierHead>? earlier = null) =>
        new(At, [.. chain.Versions.Select(v =>
        {
            var kept = chain.Contents.TryGetValue(v.Id, out var c);
            var version = new ExportedVersion(v.EntryId, v.VersionNumber, v.Kind, v.WrittenAt.ToUnixTimeMilliseconds(), v.PreviousHash, kept ? c.Salt : null, kept ? c.Content : null, v.ContentDigest, v.Hash);
            return outside?.Invoke(version) == true ? version with { Salt = null, Content = null, OutsidePeriod = true } : version;
        })], chain.Head, outside is null ? null : new ExportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), earlier);

    private static (ChainBuilder Chain, Guid A, Guid B) Sample()
    {
        var chain = new ChainBuilder(11);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        chain.Write(a, VersionKind.Create);
        chain.Write(b, VersionKind.Create);
        chain.Write(a, VersionKind.Edit);
        chain.Write(b, VersionKind.Edit);
        chain.Write(a, VersionKind.Edit);
        return (chain, a, b);
    }

    [Fact]
    public void Versions_outside_the_period_are_counted_not_broken_and_survive_a_round_trip_through_json()
    {
        var (chain, _, b) = Sample();
        var export = ExportOf(chain, v => v.EntryId == b);

        var read = JournalExportJson.Read(JournalExportJson.Write(export));
        Assert.Null(read.ProblemMessage);
        var report = ExportVerifier.Verify(read.Export!);

        Assert.True(report.Verified, report.FirstBreak?.Describe());
        Assert.Equal(2, report.OutsidePeriod);
        Assert.Equal("2 versions are outside the chosen period: their hashes check, their words are not in this file.", report.DescribeOutsidePeriod());
        Assert.Equal(new ExportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), read.Export!.Period);
        Assert.All(read.Export.Versions.Where(v => v.EntryId == b), v => Assert.True(v.OutsidePeriod && v.Content is null && v.Salt is null));
    }

    [Fact]
    public void A_version_outside_the_period_whose_hash_was_changed_still_breaks_the_chain()
    {
        var (chain, _, b) = Sample();
        var export = ExportOf(chain, v => v.EntryId == b);
        var versions = export.Versions.ToList();
        var digest = (byte[])versions[1].ContentDigest.Clone();
        digest[0] ^= 0x01;
        versions[1] = versions[1] with { ContentDigest = digest };

        var report = ExportVerifier.Verify(export with { Versions = versions });

        Assert.False(report.Verified);
        Assert.Equal(2, report.FirstBreak!.Position);
    }

    [Fact]
    public void Marking_a_version_outside_the_period_while_keeping_its_words_checks_the_words()
    {
        var (chain, a, _) = Sample();
        var export = ExportOf(chain);
        var versions = export.Versions.ToList();
        var content = (byte[])versions[0].Content!.Clone();
        content[3] ^= 0x01;
        versions[0] = versions[0] with { Content = content, OutsidePeriod = true };

        Assert.Equal(ExportBreakKind.ChangedContent, ExportVerifier.Verify(export with { Versions = versions }).FirstBreak?.Kind);
        Assert.Equal(a, versions[0].EntryId);
    }

    [Fact]
    public void An_earlier_exports_head_that_is_a_point_of_this_chain_is_confirmed_at_its_version()
    {
        var (chain, _, _) = Sample();
        var third = chain.Versions[2];
        var earlier = new EarlierHead(At.AddDays(-3), 3, third.Hash);

        var report = ExportVerifier.Verify(JournalExportJson.Read(JournalExportJson.Write(ExportOf(chain, earlier: [earlier]))).Export!);

        var check = Assert.Single(report.EarlierHeads!);
        Assert.True(check.Matches);
        Assert.Equal(3, check.Position);
        Assert.Equal(At.AddDays(-3), check.ExportedAt);
        Assert.Equal($"Your earlier fingerprint {earlier.Fingerprint} matches this chain at version 3 of 5: nothing up to then was rewritten.", check.Describe());
    }

    [Fact]
    public void An_earlier_head_that_was_rewritten_since_does_not_match()
    {
        var (chain, _, _) = Sample();
        var forged = (byte[])chain.Versions[2].Hash.Clone();
        forged[^1] ^= 0x01;

        var report = ExportVerifier.Verify(ExportOf(chain, earlier: [new EarlierHead(At, 3, forged), new EarlierHead(At, 9, chain.Versions[2].Hash)]));

        Assert.All(report.EarlierHeads!, c => Assert.False(c.Matches));
        Assert.Contains("does not match any point of this chain", report.EarlierHeads![0].Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_earlier_head_past_the_first_break_is_not_confirmed_but_one_before_it_is()
    {
        var (chain, _, _) = Sample();
        var export = ExportOf(chain, earlier: [new EarlierHead(At, 2, chain.Versions[1].Hash), new EarlierHead(At, 4, chain.Versions[3].Hash)]);
        var versions = export.Versions.ToList();
        var content = (byte[])versions[3].Content!.Clone();
        content[2] ^= 0x01;
        versions[3] = versions[3] with { Content = content };

        var report = ExportVerifier.Verify(export with { Versions = versions });

        Assert.Equal(4, report.FirstBreak!.Position);
        Assert.Equal([true, false], report.EarlierHeads!.Select(c => c.Matches));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_typed_fingerprint_is_found_at_its_version_in_any_spacing_and_case(bool spaced)
    {
        var (chain, _, _) = Sample();
        var export = ExportOf(chain);
        var report = ExportVerifier.Verify(export);
        var fingerprint = VersionChain.Fingerprint(new ChainHead(4, chain.Versions[3].Hash));
        var typed = spaced ? $"  {fingerprint.ToLowerInvariant()} " : fingerprint.Replace(" ", "-", StringComparison.Ordinal);

        var check = ExportVerifier.CheckFingerprint(export, report, typed);

        Assert.Equal(4, check?.Position);
        Assert.Equal(fingerprint, check!.Fingerprint);
    }

    [Theory]
    [InlineData("3F2A")]
    [InlineData("not a fingerprint at all")]
    [InlineData("GGGG GGGG GGGG GGGG")]
    public void Something_typed_that_is_not_a_fingerprint_is_not_checked(string typed)
    {
        var (chain, _, _) = Sample();
        var export = ExportOf(chain);

        Assert.Null(ExportVerifier.CheckFingerprint(export, ExportVerifier.Verify(export), typed));
    }

    [Fact]
    public void A_typed_fingerprint_from_another_journal_matches_nowhere()
    {
        var (chain, _, _) = Sample();
        var export = ExportOf(chain);

        var check = ExportVerifier.CheckFingerprint(export, ExportVerifier.Verify(export), "0123 4567 89AB CDEF");

        Assert.False(check!.Matches);
    }

    [Fact]
    public void A_format_1_file_is_still_read_and_verifies_with_every_version_inside()
    {
        var (chain, _, _) = Sample();
        var json = JsonNode.Parse(JournalExportJson.Write(ExportOf(chain)))!.AsObject();
        json["formatVersion"] = 1;
        json.Remove("period");
        json.Remove("earlierExports");
        foreach (var v in json["versions"]!.AsArray())
        {
            v!.AsObject().Remove("outsidePeriod");
        }

        var read = JournalExportJson.Read(Encoding.UTF8.GetBytes(json.ToJsonString()));

        Assert.Null(read.ProblemMessage);
        Assert.True(ExportVerifier.Verify(read.Export!).Verified);
        Assert.Null(read.Export!.Period);
        Assert.Empty(read.Export.Earlier);
    }

    [Fact]
    public void A_period_includes_an_entry_by_the_days_it_happened_or_else_the_day_it_was_first_written()
    {
        var march = new ExportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
        var april = new DateOnly(2026, 4, 2);

        Assert.True(march.Includes(new HappenedAt(new DateOnly(2026, 3, 31)), april));
        Assert.True(march.Includes(new HappenedAt(new DateOnly(2026, 2, 20), End: new DateOnly(2026, 3, 2)), april));
        Assert.False(march.Includes(new HappenedAt(new DateOnly(2026, 4, 1)), new DateOnly(2026, 3, 5)));
        Assert.True(march.Includes(null, new DateOnly(2026, 3, 5)));
        Assert.False(march.Includes(null, april));
        Assert.Equal(new ExportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), ExportPeriod.Of(new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 1)));
        Assert.Null(ExportPeriod.Of(null, null));
        Assert.Equal("from 1 March 2026", ExportPeriod.Of(new DateOnly(2026, 3, 1), null)!.Describe());
    }
}
