namespace HealingCompass.Data.MyData;

/// <summary>
/// That an account's data was brought in from an export, and when: so the journal can say "imported on …,
/// originally written …". Plain: it says no more than the rows' own timestamps do. One per account (only an
/// empty account takes an import).
/// </summary>
public sealed class DataImport
{
    public required string UserId { get; set; }

    public DateTime ImportedUtc { get; set; }

    /// <summary>When the export was made on the other server.</summary>
    public DateTime ExportedUtc { get; set; }

    /// <summary>How many versions of the chain came in: positions 1 to this are the imported ones.</summary>
    public long JournalLength { get; set; }
}
