namespace HealingCompass.Domain.Journal;

/// <summary>
/// A file added to an entry, as the entry's content records it. Listing it inside the content means the version's
/// content digest — and so the chain — covers the file's SHA-256, taken from the original bytes at upload. The bytes
/// themselves are stored apart, encrypted, and never re-encoded.
/// </summary>
/// <param name="Id">The stored file's id (its encrypted bytes are bound to it).</param>
/// <param name="FileName">The name the person's device gave the file; shown only to them and in their exports.</param>
/// <param name="MediaType">The type read from the file's own bytes (never the name or the browser's claim).</param>
/// <param name="Size">The original's length in bytes.</param>
/// <param name="Sha256">SHA-256 of the original bytes, lowercase hex.</param>
/// <param name="Says">What the file's own metadata claims, if anything; never verified.</param>
public sealed record EntryAttachment(Guid Id, string FileName, string MediaType, long Size, string Sha256, FileSays? Says = null);

/// <summary>What a file's own metadata claims: shown as "the file says", never as fact.</summary>
/// <param name="TakenAt">The capture time as the file states it (its own text, no time zone assumed).</param>
/// <param name="Device">The camera or device make and model, as the file states it.</param>
/// <param name="HasLocation">True when the file carries a GPS position: sharing it can reveal where someone was.</param>
public sealed record FileSays(string? TakenAt, string? Device, bool HasLocation);
