namespace HealingCompass.Data.Accounts;

/// <summary>
/// How many account attempts one partition (a client address, or a username) made in its current minute. Kept in
/// the database so that every instance counts against the same number (ADR 18). The key is a SHA-256 hash, so the
/// table names no address and no username in plain text, and rows older than a minute are swept.
/// </summary>
public sealed class AttemptWindow
{
    /// <summary>SHA-256 of the partition ("address:…" or "name:…"), lower-case hex.</summary>
    public required string Key { get; set; }

    public int Count { get; set; }

    /// <summary>When this partition's window opened, in Unix seconds.</summary>
    public long WindowStart { get; set; }
}
