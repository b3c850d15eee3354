namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>One version of an entry as the report shows it; <see cref="Content"/> is null for removals and erasures.</summary>
public sealed record ReportVersion(int Number, VersionKind Kind, DateTimeOffset WrittenAt, EntryContent? Content, string? ChangeReason, bool Unreadable);

/// <summary>One entry of the report, with every version the export holds for it, in order.</summary>
public sealed record ReportEntry(Guid EntryId, IReadOnlyList<ReportVersion> Versions)
{
    /// <summary>What the entry said last (the version before a removal), or null when it was erased.</summary>
    public EntryContent? Latest => Versions.LastOrDefault(v => v.Content is not null)?.Content;

    public int Edits => Versions.Count(v => v.Kind == VersionKind.Edit);

    public DateTimeOffset FirstWritten => Versions[0].WrittenAt;

    public ReportVersion? Removal => Versions.FirstOrDefault(v => v.Kind == VersionKind.Remove);

    public ReportVersion? Erasure => Versions.FirstOrDefault(v => v.Kind == VersionKind.Erase);
}

/// <summary>
/// The entries of an export for a person to read: the words come from the very bytes the chain's digests cover,
/// so the report shows what the file proves. Entries outside the chosen period are left out (their hashes stay in
/// journal.json); the rest are in the order they happened (or were first written, when no day was given).
/// </summary>
public static class ReportEntries
{
    public static IReadOnlyList<ReportEntry> From(JournalExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return [.. export.Versions
            .Where(v => !v.OutsidePeriod)
            .GroupBy(v => v.EntryId)
            .Select(g => new ReportEntry(g.Key, [.. g.OrderBy(v => v.VersionNumber).Select(Open)]))
            .OrderBy(e => e.Latest?.Happened?.Start ?? DateOnly.FromDateTime(e.FirstWritten.UtcDateTime))
            .ThenBy(e => e.FirstWritten)];
    }

    private static ReportVersion Open(ExportedVersion v)
    {
        var written = DateTimeOffset.FromUnixTimeMilliseconds(v.WrittenAtUnixMs);
        if (v.Kind is VersionKind.Remove or VersionKind.Erase || v.Content is null)
        {
            return new ReportVersion(v.VersionNumber, v.Kind, written, null, null, Unreadable: false);
        }
        try
        {
            var (content, reason) = EntryJson.Read(v.Content);
            return new ReportVersion(v.VersionNumber, v.Kind, written, content, reason, Unreadable: false);
        }
        catch (FormatException)
        {
            return new ReportVersion(v.VersionNumber, v.Kind, written, null, null, Unreadable: true);
        }
    }
}
