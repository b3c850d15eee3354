namespace HealingCompass.Data.Journal;

/// <summary>
/// That the person exported their journal once: the head's length and hash and the export's time, encrypted as one
/// field (<c>journal-export.head</c>) bound to the owner and this row's id. Encrypted because the fact and time of
/// an export say someone is gathering evidence, which in the wrong hands (whoever gets the database file) could put
/// them at risk; and because a head sealed with the person's key cannot be forged by someone who rewrites the
/// readable chain without it. Only that a row exists is readable.
/// </summary>
public sealed class JournalExportRecord
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public required byte[] Payload { get; set; }
}
