namespace HealingCompass.Data.Journal;

/// <summary>Where an entry stands; only <see cref="Active"/> entries are listed.</summary>
public enum JournalEntryState
{
    Active = 1,

    /// <summary>"Remove from my journal": gone from lists, its history kept.</summary>
    Removed = 2,

    /// <summary>"Erase for good": every version's content and salt deleted; only the hashes are kept.</summary>
    Erased = 3,
}

/// <summary>
/// One journal entry. Readable without the key: that it exists, when it was first and last written, how many
/// versions it has and its state. Everything the person wrote is in <see cref="JournalContent"/>, encrypted.
/// </summary>
public sealed class JournalEntry
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>The number of the entry's latest version (creation is version 1).</summary>
    public int VersionCount { get; set; }

    public JournalEntryState State { get; set; }

    public DateTime? ErasedUtc { get; set; }
}

/// <summary>One link of the person's chain (see <c>Domain.Journal.VersionChain</c>). Never updated once written.</summary>
public sealed class JournalVersion
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public Guid EntryId { get; set; }

    /// <summary>Position in the person's chain, from 1.</summary>
    public long Sequence { get; set; }

    public int VersionNumber { get; set; }

    /// <summary>A <c>VersionKind</c>.</summary>
    public int Kind { get; set; }

    /// <summary>Server time, whole milliseconds since 1970 UTC: exactly what the hash covers.</summary>
    public long WrittenAtUnixMs { get; set; }

    public required byte[] ContentDigest { get; set; }

    public required byte[] PreviousHash { get; set; }

    public required byte[] Hash { get; set; }
}

/// <summary>
/// The content of one version: the salt followed by the content's bytes, encrypted as one field bound to the owner,
/// the record type <c>journal-version.content</c> and the version id. Its SHA-256 is the version's content digest.
/// Erasing deletes this row, and with it the salt.
/// </summary>
public sealed class JournalContent
{
    public Guid VersionId { get; set; }

    public required string UserId { get; set; }

    public required byte[] Payload { get; set; }
}

/// <summary>The end of a person's chain, so a version deleted from the end is noticed; and the journal's own state.</summary>
public sealed class JournalHead
{
    public required string UserId { get; set; }

    public long Length { get; set; }

    public required byte[] Hash { get; set; }

    /// <summary>The day the rising-pattern offer was last shown, encrypted (<c>journal-head.rise-offered</c>).</summary>
    public byte[]? RiseOffered { get; set; }

    /// <summary>True once the person has read the first-use guidance.</summary>
    public bool GuidanceSeen { get; set; }
}

/// <summary>The entry being typed, saved as the person goes: one per person, encrypted (<c>journal-draft.content</c>).</summary>
public sealed class JournalDraft
{
    public required string UserId { get; set; }

    /// <summary>A new id at every save: the ciphertext is bound to it.</summary>
    public Guid RecordId { get; set; }

    /// <summary>The entry being edited, or null for a new entry.</summary>
    public Guid? EntryId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public required byte[] Payload { get; set; }
}
