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

/// <param name="VersionsChecked">Versions that checked out before the first break (all of them when verified).</param>
/// <param name="VersionsTotal">Versions in the file.</param>
/// <param name="FirstBreak">The first break, or null when verified.</param>
/// <param name="Fingerprint">The head fingerprint the file states.</param>
/// <param name="OutsidePeriod">Versions whose hashes were checked but whose words are not in the file (another period).</param>
/// <param name="EarlierHeads">Each earlier export's head, checked against this chain.</param>
public sealed record ExportReport(int VersionsChecked, int VersionsTotal, ExportBreak? FirstBreak, string Fingerprint, int OutsidePeriod = 0, IReadOnlyList<PrefixCheck>? EarlierHeads = null)
{
    public bool Verified => FirstBreak is null;

    /// <summary>The sentence about versions of other periods, or null when every version's words are in the file.</summary>
    public string? DescribeOutsidePeriod() => OutsidePeriod == 0
        ? null
        : OutsidePeriod == 1
            ? "1 version is outside the chosen period: its hashes check, its words are not in this file."
            : $"{OutsidePeriod} versions are outside the chosen period: their hashes check, their words are not in this file.";
}

/// <summary>
/// Whether an earlier head (from an earlier export, or a fingerprint a person noted) is a point of this chain.
/// </summary>
/// <param name="Fingerprint">The earlier fingerprint, as shown.</param>
/// <param name="Position">The version of this chain it matches (0 for an empty journal), or null when it matches none.</param>
/// <param name="Total">How many versions this chain has.</param>
/// <param name="ExportedAt">When the earlier export was made, when known.</param>
public sealed record PrefixCheck(string Fingerprint, long? Position, int Total, DateTimeOffset? ExportedAt = null)
{
    public bool Matches => Position is not null;

    public string Describe() => Position switch
    {
        null => $"The earlier fingerprint {Fingerprint} does not match any point of this chain that checks out: either it belongs to another journal, or what was written up to then has been changed.",
        0 => $"The earlier fingerprint {Fingerprint} is the one of an empty journal: this chain starts from it, as every chain does.",
        { } at => $"Your earlier fingerprint {Fingerprint} matches this chain at version {at} of {Total}: nothing up to then was rewritten.",
    };
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
        var outside = versions.Count(v => v.OutsidePeriod && v.Salt is null && v.Content is null);
        if (report.FirstBreak is not { } found)
        {
            return new ExportReport(report.VersionsChecked, versions.Count, null, export.Fingerprint, outside, CheckEarlier(export, versions.Count));
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
        var broken = new ExportBreak(kind, found.Sequence, found.EntryId, found.VersionNumber);
        // Versions before the break still hold, so an earlier head among them is still confirmed.
        return new ExportReport(report.VersionsChecked, versions.Count, broken, export.Fingerprint, outside, CheckEarlier(export, (int)Math.Min(versions.Count, found.Sequence - 1)));
    }

    /// <summary>
    /// Checks a fingerprint a person typed (groups of hex digits, spaces and dashes ignored, at least the 16 digits the
    /// app shows) against the versions of <paramref name="export"/> that check out. Null when it is not a fingerprint.
    /// </summary>
    public static PrefixCheck? CheckFingerprint(JournalExport export, ExportReport report, string typed)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(report);
        var digits = new string([.. (typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')]).ToUpperInvariant();
        if (digits.Length < 16 || digits.Length > VersionChain.HashSize * 2 || !digits.All(Uri.IsHexDigit))
        {
            return null;
        }
        var shown = string.Join(' ', Enumerable.Range(0, 4).Select(i => digits.Substring(i * 4, 4))) + (digits.Length > 16 ? "…" : "");
        var holds = report.FirstBreak is { } found ? (int)Math.Min(export.Versions.Count, found.Position - 1) : export.Versions.Count;
        if (digits.All(c => c == '0') && digits.Length >= 16)
        {
            return new PrefixCheck(shown, 0, export.Versions.Count);
        }
        for (var i = 0; i < holds; i++)
        {
            if (Convert.ToHexString(export.Versions[i].Hash).StartsWith(digits, StringComparison.Ordinal))
            {
                return new PrefixCheck(shown, i + 1, export.Versions.Count);
            }
        }
        return new PrefixCheck(shown, null, export.Versions.Count);
    }

    // Each earlier head is confirmed when it is the hash of the version at its length, among the first `holds` that check out.
    private static List<PrefixCheck> CheckEarlier(JournalExport export, int holds) =>
    [
        .. export.Earlier.Select(e =>
        {
            var matches = e.Length == 0 || (e.Length <= holds && VersionChain.Same(export.Versions[checked((int)e.Length - 1)].Hash, e.Hash));
            return new PrefixCheck(e.Fingerprint, matches ? e.Length : null, export.Versions.Count, e.ExportedAt);
        }),
    ];

    private static ContentCheck CheckContent(ExportedVersion v, HashSet<Guid> erasedEntries)
    {
        if (v.OutsidePeriod && v.Salt is null && v.Content is null)
        {
            // Another period's words are not in the file; the version's own hashes are still checked.
            return ContentCheck.NotChecked;
        }
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
