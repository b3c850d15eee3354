namespace HealingCompass.Data.Encryption;

/// <summary>
/// Where an encrypted field belongs: its owner, the kind of record (and field), and the record's id. It becomes
/// the AES-GCM associated data, so a ciphertext copied into another person's row, another record or another
/// field will not decrypt. When a record has several encrypted fields, name the field in
/// <see cref="RecordType"/> (e.g. <c>"journal-entry.text"</c>), or two fields of one record could be swapped.
/// The record id must be known before encrypting (generate it in code, not in the database).
/// </summary>
/// <param name="OwnerId">The user id that owns the record.</param>
/// <param name="RecordType">A stable name for the kind of record and field; never rename it once data is saved.</param>
/// <param name="RecordId">The record's id, as a stable string.</param>
public sealed record RecordBinding(string OwnerId, string RecordType, string RecordId)
{
    private const string Context = "HealingCompass.Field";

    /// <summary>Length-prefixed, so no two different bindings give the same bytes.</summary>
    internal byte[] ToAssociatedData(byte version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OwnerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(RecordType);
        ArgumentException.ThrowIfNullOrWhiteSpace(RecordId);
        return new AssociatedData(Context)
            .AddByte(version)
            .AddString(OwnerId)
            .AddString(RecordType)
            .AddString(RecordId)
            .ToArray();
    }
}
