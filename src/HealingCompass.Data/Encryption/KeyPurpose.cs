namespace HealingCompass.Data.Encryption;

/// <summary>
/// Which secret wraps a copy of the data key. It is part of the authenticated data, so a copy wrapped by the
/// recovery key can never be passed off as the password copy, or the other way round.
/// </summary>
public enum KeyPurpose
{
    /// <summary>Wrapped by a key derived from the person's password.</summary>
    Password = 1,

    /// <summary>Wrapped by a key derived from the recovery key shown once at sign-up.</summary>
    Recovery = 2,
}
