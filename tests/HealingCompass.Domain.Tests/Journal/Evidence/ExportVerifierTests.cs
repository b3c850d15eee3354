using System.Text;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;

namespace HealingCompass.Domain.Tests.Journal.Evidence;

public sealed class ExportVerifierTests
{
    private static JournalExport ExportOf(ChainBuilder chain) =>
        new(new DateTimeOffset(2026, 4, 1, 12, 0, 0, TimeSpan.Zero), [.. chain.Versions.Select(v =>
        {
            var kept = chain.Contents.TryGetValue(v.Id, out var c);
            return new ExportedVersion(v.EntryId, v.VersionNumber, v.Kind, v.WrittenAt.ToUnixTimeMilliseconds(), v.PreviousHash, kept ? c.Salt : null, kept ? c.Content : null, v.ContentDigest, v.Hash);
        })], chain.Head);

    /// <summary>A chain with at least one edit and no erase before position 3, so every tamper below has a target.</summary>
    private static ChainBuilder Sample()
    {
        var chain = new ChainBuilder(7);
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        chain.Write(a, VersionKind.Create);
        chain.Write(b, VersionKind.Create);
        chain.Write(a, VersionKind.Edit);
        chain.Write(b, VersionKind.Edit);
        chain.Write(b, VersionKind.Remove);
        chain.Erase(b);
        chain.Write(a, VersionKind.Edit);
        return chain;
    }

    [Fact]
    public void An_untouched_export_verifies_through_a_write_and_read_of_its_json_with_the_head_fingerprint()
    {
        var export = ExportOf(Sample());
        var read = JournalExportJson.Read(JournalExportJson.Write(export));

        Assert.Null(read.ProblemMessage);
        var report = ExportVerifier.Verify(read.Export!);
        Assert.True(report.Verified, report.FirstBreak?.Describe());
        Assert.Equal(export.Versions.Count, report.VersionsChecked);
        Assert.Equal(VersionChain.Fingerprint(export.Head), report.Fingerprint);
    }

    [Fact]
    public void Random_chains_with_erasures_verify_after_a_round_trip_through_json()
    {
        for (var seed = 1; seed <= 30; seed++)
        {
            var export = ExportOf(ChainBuilder.Random(seed, 25));
            var report = ExportVerifier.Verify(JournalExportJson.Read(JournalExportJson.Write(export)).Export!);
            Assert.True(report.Verified, $"seed {seed}: {report.FirstBreak?.Describe()}");
        }
    }

    [Fact]
    public void One_changed_byte_in_a_versions_content_is_named_changed_content_at_that_version()
    {
        var export = ExportOf(Sample());
        var content = (byte[])export.Versions[2].Content!.Clone();
        content[5] ^= 0x01;
        var tampered = With(export, 2, export.Versions[2] with { Content = content });

        var found = ExportVerifier.Verify(tampered).FirstBreak;
        Assert.Equal(new ExportBreak(ExportBreakKind.ChangedContent, 3, export.Versions[2].EntryId, 3 - 1), found);
    }

    [Fact]
    public void A_removed_version_is_named_removed_version()
    {
        var export = ExportOf(Sample());
        var versions = export.Versions.ToList();
        versions.RemoveAt(2);

        Assert.Equal(ExportBreakKind.RemovedVersion, ExportVerifier.Verify(export with { Versions = versions }).FirstBreak?.Kind);
    }

    [Fact]
    public void Two_versions_exchanged_in_place_are_named_reordered_versions()
    {
        var export = ExportOf(Sample());
        var versions = export.Versions.ToList();
        (versions[1], versions[2]) = (versions[2], versions[1]);

        var found = ExportVerifier.Verify(export with { Versions = versions }).FirstBreak;
        Assert.Equal(ExportBreakKind.ReorderedVersions, found?.Kind);
        Assert.Equal(2, found?.Position);
    }

    [Fact]
    public void Two_versions_salts_exchanged_are_named_swapped_salt()
    {
        var export = ExportOf(Sample());
        var tampered = With(With(export, 0, export.Versions[0] with { Salt = export.Versions[2].Salt }), 2, export.Versions[2] with { Salt = export.Versions[0].Salt });

        var found = ExportVerifier.Verify(tampered).FirstBreak;
        Assert.Equal(ExportBreakKind.SwappedSalt, found?.Kind);
        Assert.Equal(1, found?.Position);
    }

    [Fact]
    public void A_replaced_head_is_named_replaced_head_and_a_head_counting_more_versions_removed_version()
    {
        var export = ExportOf(Sample());
        var other = ExportOf(ChainBuilder.Random(99, 5)).Head!;

        Assert.Equal(ExportBreakKind.ReplacedHead, ExportVerifier.Verify(export with { Head = new ChainHead(export.Head!.Length, other.Hash) }).FirstBreak?.Kind);
        var cut = export with { Versions = [.. export.Versions.Take(export.Versions.Count - 1)] };
        Assert.Equal(ExportBreakKind.RemovedVersion, ExportVerifier.Verify(cut).FirstBreak?.Kind);
    }

    [Fact]
    public void Content_missing_from_a_version_whose_entry_was_never_erased_is_a_break()
    {
        var export = ExportOf(Sample());

        Assert.Equal(ExportBreakKind.ChangedContent, ExportVerifier.Verify(With(export, 0, export.Versions[0] with { Content = null, Salt = null })).FirstBreak?.Kind);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"formatVersion\": 1, \"head\": ", "broken")]
    [InlineData("{\"formatVersion\": 3, \"head\": {\"length\": 0, \"hash\": \"00\"}, \"versions\": []}", "format this page does not know")]
    [InlineData("{\"formatVersion\": 0, \"head\": {\"length\": 0, \"hash\": \"00\"}, \"versions\": []}", "format this page does not know")]
    [InlineData("{\"formatVersion\": 2, \"head\": {\"length\": 0, \"hash\": \"00\"}, \"versions\": []}", "field is missing")]
    [InlineData("{\"head\": {}}", "no format version")]
    [InlineData("{\"formatVersion\": 1, \"head\": {\"length\": 1}, \"versions\": []}", "field is missing")]
    [InlineData("{\"formatVersion\": 1, \"head\": {\"length\": 1, \"hash\": \"zz\"}, \"versions\": []}", "unexpected value")]
    [InlineData("[1, 2, 3]", "no format version")]
    [InlineData("{\"formatVersion\": 1, \"head\": {\"length\": 0, \"hash\": \"00\"}, \"versions\": [{\"entryId\": \"x\"}]}", "field is missing")]
    public void Bad_input_gives_a_kind_message_and_no_exception(string json, string expected)
    {
        var read = JournalExportJson.Read(Encoding.UTF8.GetBytes(json));

        Assert.Null(read.Export);
        Assert.Contains(expected, read.ProblemMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_past_the_size_limit_is_refused_before_parsing()
    {
        var read = JournalExportJson.Read(new byte[JournalExportJson.MaxBytes + 1]);

        Assert.Contains("16 MB", read.ProblemMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_kindly()
    {
        var read = JournalExportJson.Read(Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)));

        Assert.NotNull(read.ProblemMessage);
    }

    private static JournalExport With(JournalExport export, int index, ExportedVersion version)
    {
        var versions = export.Versions.ToList();
        versions[index] = version;
        return export with { Versions = versions };
    }
}
