namespace HealingCompass.Data.Journal.Attachments;

/// <summary>
/// One file added to an entry: exactly its original bytes, encrypted as one <c>FieldCipher</c> field bound to the
/// owner, <c>journal-attachment.original</c> and the attachment id. Its name, type, size and SHA-256 are in the
/// entry's (encrypted) content, so nothing here is readable but that a file of about this size exists. Kept while
/// any version lists it, so the history stays checkable; erasing the entry deletes it.
/// </summary>
public sealed class JournalAttachment
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public Guid EntryId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public required byte[] Payload { get; set; }

    /// <summary>
    /// For images, the copy without metadata (<see cref="MetadataFreeCopy"/>), made once when the file is added and
    /// encrypted the same way under <c>journal-attachment.without-metadata</c>; null for kinds that cannot be cleaned.
    /// Made once so that viewing it and exporting it only decrypt.
    /// </summary>
    public byte[]? WithoutMetadata { get; set; }
}
