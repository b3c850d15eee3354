namespace HealingCompass.Data.Accounts;

/// <summary>
/// The person's data key, stored only wrapped: once by a key derived from their password and once by
/// their recovery key. Neither copy can be opened without one of those secrets.
/// </summary>
public sealed class UserKeyring
{
    public required string UserId { get; set; }

    /// <summary>The data key wrapped by the password (versioned blob, see the encryption docs).</summary>
    public required byte[] PasswordWrapped { get; set; }

    /// <summary>The data key wrapped by the recovery key shown once at sign-up.</summary>
    public required byte[] RecoveryWrapped { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
