namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>What the first break in an export is, in the words a person (or an advocate) reads.</summary>
public enum ExportBreakKind
{
    ChangedContent,

    /// <summary>A version's salt belongs to another version: the content is fine, the salts were exchanged.</summary>
    SwappedSalt,

    ChangedWrittenAt,

    ChangedDetails,

    ChangedVersion,

    RemovedVersion,

    ReorderedVersions,

    /// <summary>Every version holds together, but the head does not end the chain they make.</summary>
    ReplacedHead,
}

/// <param name="Kind">What kind of break.</param>
/// <param name="Position">Place in the file's list of versions, from 1 (one past the end for the head).</param>
/// <param name="EntryId">The entry of the version there (empty for the head).</param>
/// <param name="VersionNumber">That version's number in its entry (0 for the head).</param>
public sealed record ExportBreak(ExportBreakKind Kind, long Position, Guid EntryId, int VersionNumber)
{
    /// <summary>A stable short name, the same one tools/verify-journal prints.</summary>
    public string Code => Kind switch
    {
        ExportBreakKind.ChangedContent => "changed-content",
        ExportBreakKind.SwappedSalt => "swapped-salt",
        ExportBreakKind.ChangedWrittenAt => "changed-written-at",
        ExportBreakKind.ChangedDetails => "changed-details",
        ExportBreakKind.ChangedVersion => "changed-version",
        ExportBreakKind.RemovedVersion => "removed-version",
        ExportBreakKind.ReorderedVersions => "reordered-versions",
        ExportBreakKind.ReplacedHead => "replaced-head",
        _ => "broken",
    };

    public string Describe() => Kind switch
    {
        ExportBreakKind.ChangedContent => $"Version {VersionNumber} of an entry (number {Position} in the file) has content that is not what was written.",
        ExportBreakKind.SwappedSalt => $"Version {VersionNumber} of an entry (number {Position} in the file) carries another version's salt: the salts were swapped.",
        ExportBreakKind.ChangedWrittenAt => $"Version {VersionNumber} of an entry (number {Position} in the file) shows a different time written from the one recorded.",
        ExportBreakKind.ChangedDetails => $"Version {VersionNumber} of an entry (number {Position} in the file) has details that were changed after it was written.",
        ExportBreakKind.ChangedVersion => $"Version {VersionNumber} of an entry (number {Position} in the file) was changed after it was written.",
        ExportBreakKind.RemovedVersion => $"A version is missing before number {Position} in the file.",
        ExportBreakKind.ReorderedVersions => $"Versions are out of the order they were written, at number {Position} in the file.",
        ExportBreakKind.ReplacedHead => "Every version holds together, but the head fingerprint was replaced: it is not the end of this chain.",
        _ => $"The record does not hold at number {Position} in the file.",
    };
}

public sealed record ExportReport(int VersionsChecked, int VersionsTotal, ExportBreak? FirstBreak, string Fingerprint)
{
    public bool Verified => FirstBreak is null;
}

/// <summary>
/// Checks an export with the journal's own <see cref="ChainVerifier"/> and <see cref="VersionChain"/> hashing:
/// the file's order is the chain's order, and each version's content is checked as SHA-256(salt ‖ content).
/// </summary>
public static class ExportVerifier
{
    public static ExportReport Verify(JournalExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var versions = export.Versions;
        var chain = new List<ChainVersion>(versions.Count);
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            chain.Add(new ChainVersion(Guid.Empty, i + 1, v.EntryId, v.VersionNumber, DateTimeOffset.FromUnixTimeMilliseconds(v.WrittenAtUnixMs), v.Kind, v.ContentDigest, v.PreviousHash, v.Hash));
        }
        var erasedEntries = versions.Where(v => v.Kind == VersionKind.Erase).Select(v => v.EntryId).ToHashSet();
        var report = ChainVerifier.Verify(chain, export.Head, c => CheckContent(versions[checked((int)c.Sequence - 1)], erasedEntries));
        if (report.FirstBreak is not { } found)
        {
            return new ExportReport(report.VersionsChecked, versions.Count, null, export.Fingerprint);
        }
        var kind = found.Kind switch
        {
            ChainBreakKind.ChangedContent when SaltOfAnother(versions, found.Sequence) => ExportBreakKind.SwappedSalt,
            ChainBreakKind.ChangedContent => ExportBreakKind.ChangedContent,
            ChainBreakKind.ChangedWrittenAt => ExportBreakKind.ChangedWrittenAt,
            ChainBreakKind.ChangedVersion => ExportBreakKind.ChangedVersion,
            ChainBreakKind.RemovedVersion => ExportBreakKind.RemovedVersion,
            ChainBreakKind.ReorderedVersions => ExportBreakKind.ReorderedVersions,
            // Past the last version, a head that neither matches nor counts more versions was itself replaced.
            ChainBreakKind.ChangedDetails when found.Sequence == versions.Count + 1 => ExportBreakKind.ReplacedHead,
            _ => ExportBreakKind.ChangedDetails,
        };
        return new ExportReport(report.VersionsChecked, versions.Count, new ExportBreak(kind, found.Sequence, found.EntryId, found.VersionNumber), export.Fingerprint);
    }

    private static ContentCheck CheckContent(ExportedVersion v, HashSet<Guid> erasedEntries)
    {
        if (v.Salt is null || v.Content is null)
        {
            // Content may be missing only where the chain itself records an erase of that entry.
            return v.Salt is null && v.Content is null && erasedEntries.Contains(v.EntryId) ? ContentCheck.Erased : ContentCheck.DoesNotMatch;
        }
        return VersionChain.Same(VersionChain.ContentDigest(v.Salt, v.Content), v.ContentDigest) ? ContentCheck.Matches : ContentCheck.DoesNotMatch;
    }

    // The content is as written, but under a salt that belongs to another version in the file.
    private static bool SaltOfAnother(IReadOnlyList<ExportedVersion> versions, long position)
    {
        var v = versions[checked((int)position - 1)];
        return v.Content is not null && versions.Any(o => o.Salt is not null && !ReferenceEquals(o, v) && VersionChain.Same(VersionChain.ContentDigest(o.Salt, v.Content), v.ContentDigest));
    }
}
