namespace HealingCompass.Data.Accounts;

/// <summary>
/// One live sign-in (ADR 6, docs/security.md "Sessions"). The cookie's session id is kept only as a SHA-256
/// hash, so a copy of the database names no usable session. Deleting the row ends the sign-in for good:
/// a copy of the cookie then opens nothing.
/// </summary>
public sealed class UserSession
{
    /// <summary>A random handle the "Where you're signed in" page uses to name this row; not the session id.</summary>
    public required string Id { get; set; }

    /// <summary>SHA-256 of the cookie's session id (hc:sid), base64.</summary>
    public required string SessionIdHash { get; set; }

    public required string UserId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }

    /// <summary>Browser family and system in plain words ("Firefox on Windows"); never an address or the full user agent.</summary>
    public required string Device { get; set; }
}
