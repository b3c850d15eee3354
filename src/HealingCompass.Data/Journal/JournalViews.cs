using HealingCompass.Domain.Journal;

namespace HealingCompass.Data.Journal;

public enum JournalWriteStatus
{
    Saved,

    /// <summary>Nothing was saved: see the problems.</summary>
    Invalid,

    /// <summary>No such entry for this person (another person's id looks exactly like a missing one).</summary>
    NotFound,

    /// <summary>The edit changed nothing, so no version was added.</summary>
    Unchanged,
}

public sealed record JournalWriteResult(JournalWriteStatus Status, Guid? EntryId, IReadOnlyList<EntryProblem> Problems)
{
    public static JournalWriteResult NotFound { get; } = new(JournalWriteStatus.NotFound, null, []);

    public bool Succeeded => Status is JournalWriteStatus.Saved or JournalWriteStatus.Unchanged;
}

/// <summary>An entry in the list: its latest content (null if it could not be opened) and when it was written.</summary>
public sealed record JournalEntrySummary(Guid Id, EntryContent? Content, DateTimeOffset FirstWritten, DateTimeOffset LastWritten, int EditCount);

/// <summary>One version of an entry; <see cref="Content"/> is null for a removal, an erase, or erased content.</summary>
public sealed record VersionView(int Number, VersionKind Kind, DateTimeOffset WrittenAt, EntryContent? Content, string? ChangeReason, bool Unreadable = false);

/// <summary>An entry with its whole history, oldest version first.</summary>
public sealed record EntryHistory(Guid Id, JournalEntryState State, DateTimeOffset FirstWritten, DateTimeOffset? ErasedAt, IReadOnlyList<VersionView> Versions)
{
    /// <summary>The latest version that has content (the entry as it reads now).</summary>
    public VersionView? Latest => Versions.LastOrDefault(v => v.Kind is VersionKind.Create or VersionKind.Edit);

    public int EditCount => Versions.Count(v => v.Kind == VersionKind.Edit);
}

/// <summary>What the list shows: filters (all optional), an optional search, and a page.</summary>
public sealed record JournalQuery
{
    public DateOnly? HappenedFrom { get; init; }

    public DateOnly? HappenedTo { get; init; }

    public string? Category { get; init; }

    /// <summary>Entries at this severity or higher.</summary>
    public int? MinimumSeverity { get; init; }

    public bool ChildrenPresentOnly { get; init; }

    public bool WithReportNumberOnly { get; init; }

    public string? Search { get; init; }

    /// <summary>From 1.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = JournalStore.DefaultPageSize;

    /// <summary>True when anything beyond paging narrows the list (so every entry must be opened to decide).</summary>
    public bool Narrows =>
        HappenedFrom is not null || HappenedTo is not null || !string.IsNullOrEmpty(Category) || MinimumSeverity is not null
        || ChildrenPresentOnly || WithReportNumberOnly || !string.IsNullOrWhiteSpace(Search);

    public bool Matches(EntryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return (HappenedFrom is null && HappenedTo is null || content.Happened?.Overlaps(HappenedFrom, HappenedTo) == true)
            && (string.IsNullOrEmpty(Category) || content.Categories.Contains(Category, StringComparer.Ordinal))
            && (MinimumSeverity is null || content.Severity >= MinimumSeverity)
            && (!ChildrenPresentOnly || content.ChildrenPresent == true)
            && (!WithReportNumberOnly || content.HasReportNumber)
            && (string.IsNullOrWhiteSpace(Search) || content.Mentions(Search));
    }
}

public sealed record JournalListing(IReadOnlyList<JournalEntrySummary> Entries, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The entry being typed, as last autosaved.</summary>
public sealed record JournalDraftView(EntryContent Content, Guid? EntryId, DateTimeOffset SavedAt);
