namespace HealingCompass.Domain.Journal;

/// <summary>What the content of one version turned out to be when checked against its digest.</summary>
public enum ContentCheck
{
    /// <summary>Not checked (no key at hand): only the chain's own fields are verified.</summary>
    NotChecked,

    /// <summary>The content and salt are there and give the stored digest.</summary>
    Matches,

    /// <summary>The content or salt is there but does not decrypt, or gives another digest.</summary>
    DoesNotMatch,

    /// <summary>Erased for good: only the digest is left, as intended.</summary>
    Erased,
}

public enum ChainBreakKind
{
    /// <summary>What was written (or its digest) is not what the chain recorded.</summary>
    ChangedContent,

    /// <summary>The time a version was written is not the time the chain recorded.</summary>
    ChangedWrittenAt,

    /// <summary>Another recorded detail (entry, version number, kind, or a stored hash) was changed.</summary>
    ChangedDetails,

    /// <summary>Changed, but without the key it cannot be told whether content or written-at.</summary>
    ChangedVersion,

    /// <summary>A version is missing.</summary>
    RemovedVersion,

    /// <summary>Versions are not in the order they were written.</summary>
    ReorderedVersions,
}

/// <summary>The first place the chain does not hold.</summary>
/// <param name="Kind">What kind of break.</param>
/// <param name="Sequence">The chain position where it was found.</param>
/// <param name="EntryId">The entry of the version where it was found (empty past the end).</param>
/// <param name="VersionNumber">That version's number in its entry.</param>
public sealed record ChainBreak(ChainBreakKind Kind, long Sequence, Guid EntryId, int VersionNumber)
{
    public string Describe() => Kind switch
    {
        ChainBreakKind.ChangedContent => $"Version {VersionNumber} of an entry has different content from what was written (position {Sequence}).",
        ChainBreakKind.ChangedWrittenAt => $"Version {VersionNumber} of an entry shows a different time written from the one recorded (position {Sequence}).",
        ChainBreakKind.ChangedDetails => $"Version {VersionNumber} of an entry has details that were changed after it was written (position {Sequence}).",
        ChainBreakKind.ChangedVersion => $"Version {VersionNumber} of an entry was changed after it was written (position {Sequence}).",
        ChainBreakKind.RemovedVersion => $"A version is missing before position {Sequence}.",
        ChainBreakKind.ReorderedVersions => $"Versions are out of the order they were written, at position {Sequence}.",
        _ => $"The record does not hold at position {Sequence}.",
    };
}

/// <summary>The result of walking a person's chain.</summary>
public sealed record ChainReport(int VersionsChecked, ChainBreak? FirstBreak)
{
    public bool Intact => FirstBreak is null;
}

/// <summary>
/// Walks a person's chain in stored order and names the first break. Each single change to a stored field is
/// detected; its name comes from which explanation fits: the content digest (with the key), the link to the
/// version before, the stored hash, the kind, the version number or entry, and otherwise the written-at time.
/// </summary>
public static class ChainVerifier
{
    /// <param name="versions">Every stored version of one person, ordered by <see cref="ChainVersion.Sequence"/>.</param>
    /// <param name="head">The head as recorded when last written; null when the person has never written.</param>
    /// <param name="checkContent">Checks a version's stored content against its digest; null checks none.</param>
    /// <param name="knownEntryIds">The person's entries, to recognise a version moved to another entry.</param>
    public static ChainReport Verify(
        IReadOnlyList<ChainVersion> versions,
        ChainHead? head,
        Func<ChainVersion, ContentCheck>? checkContent = null,
        IReadOnlyCollection<Guid>? knownEntryIds = null)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var previous = VersionChain.Genesis;
        var previousWritten = DateTimeOffset.MinValue;
        var entries = new Dictionary<Guid, (int Last, VersionKind Kind)>();
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i];
            var position = (long)i + 1;
            if (v.Sequence != position)
            {
                return Broken(v.Sequence > position ? ChainBreakKind.RemovedVersion : ChainBreakKind.ReorderedVersions, position, v);
            }
            // The hash the rest of the chain says this version had: the next one's link, or the head.
            var expected = i + 1 < versions.Count ? versions[i + 1].PreviousHash : head?.Hash;
            var content = checkContent?.Invoke(v) ?? ContentCheck.NotChecked;
            var selfConsistent = VersionChain.Same(VersionChain.ComputeHash(v), v.Hash);

            if (content == ContentCheck.DoesNotMatch)
            {
                return Broken(ChainBreakKind.ChangedContent, position, v);
            }
            if (!VersionChain.Same(v.PreviousHash, previous))
            {
                if (selfConsistent)
                {
                    // A whole, untouched version that was written after some other one than the one before it now.
                    var followsAnother = versions.Any(o => VersionChain.Same(o.Hash, v.PreviousHash));
                    return Broken(followsAnother ? ChainBreakKind.ReorderedVersions : ChainBreakKind.RemovedVersion, position, v);
                }
                return Broken(ChainBreakKind.ChangedDetails, position, v); // its stored link was changed
            }
            if (!selfConsistent)
            {
                return Broken(NameChange(v, expected, previousWritten, entries, content, knownEntryIds), position, v);
            }

            entries.TryGetValue(v.EntryId, out var entry);
            if (v.VersionNumber != entry.Last + 1)
            {
                return Broken(v.VersionNumber > entry.Last + 1 ? ChainBreakKind.RemovedVersion : ChainBreakKind.ReorderedVersions, position, v);
            }
            if (!KindFollows(entry.Last == 0 ? null : entry.Kind, v.Kind))
            {
                return Broken(ChainBreakKind.ChangedDetails, position, v);
            }
            entries[v.EntryId] = (v.VersionNumber, v.Kind);
            previous = v.Hash;
            previousWritten = v.WrittenAt;
        }

        if (head is null)
        {
            return versions.Count == 0 ? new ChainReport(0, null) : new ChainReport(versions.Count, new ChainBreak(ChainBreakKind.ChangedDetails, versions.Count, versions[^1].EntryId, versions[^1].VersionNumber));
        }
        if (head.Length != versions.Count || !VersionChain.Same(head.Hash, previous))
        {
            // Versions written after the last one here are gone (or the head itself was changed).
            var kind = head.Length > versions.Count ? ChainBreakKind.RemovedVersion : ChainBreakKind.ChangedDetails;
            return new ChainReport(versions.Count, new ChainBreak(kind, versions.Count + 1, Guid.Empty, 0));
        }
        return new ChainReport(versions.Count, null);

        ChainReport Broken(ChainBreakKind kind, long position, ChainVersion v) =>
            new(checked((int)position - 1), new ChainBreak(kind, position, v.EntryId, v.VersionNumber));
    }

    /// <summary>Which single stored field explains a version whose hash no longer matches its fields.</summary>
    private static ChainBreakKind NameChange(
        ChainVersion v,
        byte[]? expected,
        DateTimeOffset previousWritten,
        Dictionary<Guid, (int Last, VersionKind Kind)> entries,
        ContentCheck content,
        IReadOnlyCollection<Guid>? knownEntryIds)
    {
        bool Gives(ChainVersion candidate) => expected is not null && VersionChain.Same(VersionChain.ComputeHash(candidate), expected);

        if (expected is not null && VersionChain.Same(VersionChain.ComputeHash(v), expected))
        {
            return ChainBreakKind.ChangedDetails; // the fields are as written; the stored hash was changed
        }
        if (Enum.GetValues<VersionKind>().Any(k => k != v.Kind && Gives(v with { Kind = k })))
        {
            return ChainBreakKind.ChangedDetails;
        }
        entries.TryGetValue(v.EntryId, out var entry);
        if (v.VersionNumber != entry.Last + 1 || Gives(v with { VersionNumber = entry.Last + 1 }))
        {
            return ChainBreakKind.ChangedDetails;
        }
        if (knownEntryIds is not null && (!knownEntryIds.Contains(v.EntryId) || knownEntryIds.Any(id => id != v.EntryId && Gives(v with { EntryId = id }))))
        {
            return ChainBreakKind.ChangedDetails;
        }
        if (v.WrittenAt < previousWritten)
        {
            return ChainBreakKind.ChangedWrittenAt;
        }
        // Left: the digest or the written-at. With the content checked and matching, it is the time.
        return content == ContentCheck.Matches ? ChainBreakKind.ChangedWrittenAt : ChainBreakKind.ChangedVersion;
    }

    private static bool KindFollows(VersionKind? last, VersionKind next) => (last, next) switch
    {
        (null, VersionKind.Create) => true,
        (VersionKind.Create or VersionKind.Edit, VersionKind.Edit or VersionKind.Remove or VersionKind.Erase) => true,
        (VersionKind.Remove, VersionKind.Erase) => true,
        _ => false,
    };
}
