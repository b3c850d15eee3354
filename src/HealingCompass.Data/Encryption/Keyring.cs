namespace HealingCompass.Data.Encryption;

/// <summary>
/// What is stored for each person so their data key can be recovered by them and nobody else: the data key
/// wrapped once by their password and once by their recovery key. Neither copy can be opened without its
/// secret, so a copy of the database or its backups reveals no saved data.
/// </summary>
/// <remarks>
/// Persist each <see cref="WrappedKey"/> as its <see cref="WrappedKey.ToBlob"/> (two non-null BLOB columns)
/// and rebuild with <see cref="FromBlobs"/>. A password change or recovery re-wraps the data key only
/// (<see cref="Rewrap"/>); no record is re-encrypted. Losing both the password and the recovery key loses the
/// data: that is the point, and the sign-up page must say so plainly.
/// </remarks>
/// <param name="PasswordWrapped">The data key wrapped by a key derived from the password.</param>
/// <param name="RecoveryWrapped">The data key wrapped by a key derived from the recovery key.</param>
public sealed record Keyring(WrappedKey PasswordWrapped, WrappedKey RecoveryWrapped)
{
    /// <summary>
    /// A new data key for a new person, wrapped by their password and by a new recovery key. Show
    /// <c>RecoveryKey</c> once, for them to print or write down, then forget it; store <c>Stored</c>; keep
    /// <c>Key</c> only while their data is unlocked, and dispose it.
    /// </summary>
    public static (Keyring Stored, DataKey Key, string RecoveryKey) CreateForNewUser(string userId, string password, KdfParameters p)
    {
        var recoveryKey = Encryption.RecoveryKey.Generate();
        var key = DataKey.Create();
        try
        {
            var stored = new Keyring(
                KeyWrap.Wrap(key, password, userId, KeyPurpose.Password, p),
                KeyWrap.Wrap(key, recoveryKey, userId, KeyPurpose.Recovery, p));
            return (stored, key, recoveryKey);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Rebuilds a keyring from its two stored blobs.</summary>
    /// <exception cref="FormatException">A blob is damaged or from an unknown version.</exception>
    public static Keyring FromBlobs(byte[] passwordWrapped, byte[] recoveryWrapped)
    {
        ArgumentNullException.ThrowIfNull(passwordWrapped);
        ArgumentNullException.ThrowIfNull(recoveryWrapped);
        return new Keyring(WrappedKey.FromBlob(passwordWrapped), WrappedKey.FromBlob(recoveryWrapped));
    }

    /// <summary>The data key, unwrapped with the password. The caller disposes it.</summary>
    /// <exception cref="KeyUnlockException">That password doesn't unlock this account's data.</exception>
    public DataKey UnlockWithPassword(string userId, string password) =>
        KeyWrap.Unwrap(PasswordWrapped, password, userId, KeyPurpose.Password);

    /// <summary>
    /// The data key, unwrapped with the recovery key as the person typed it (case, dashes, spaces and O/I/L
    /// confusions do not matter). The caller disposes it, usually after <see cref="Rewrap"/> with a new password.
    /// </summary>
    /// <exception cref="KeyUnlockException">That recovery key is malformed or doesn't unlock this account's data.</exception>
    public DataKey UnlockWithRecoveryKey(string userId, string recoveryKey) =>
        KeyWrap.Unwrap(RecoveryWrapped, recoveryKey, userId, KeyPurpose.Recovery);

    /// <summary>
    /// The same data key wrapped by a new password, for a password change or after recovery. The recovery copy
    /// is kept as it is; after a recovery, also call <see cref="RotateRecoveryKey"/>, since a used recovery key
    /// is spent. Store the result in place of this keyring: from then on the old password no longer unlocks anything.
    /// </summary>
    /// <param name="key">The unlocked data key (from this keyring; a different key would orphan the recovery copy).</param>
    /// <param name="userId">The owner's user id, as when the keyring was created.</param>
    /// <param name="newPassword">The new password.</param>
    /// <param name="p">Argon2id settings for the new wrap (may be stronger than the old ones).</param>
    public Keyring Rewrap(DataKey key, string userId, string newPassword, KdfParameters p) =>
        this with { PasswordWrapped = KeyWrap.Wrap(key, newPassword, userId, KeyPurpose.Password, p) };

    /// <summary>
    /// The same data key wrapped by a brand new recovery key, for when the old one may have been seen. Show the
    /// new recovery key once; the old one stops working once the result is stored.
    /// </summary>
    public (Keyring Stored, string RecoveryKey) RotateRecoveryKey(DataKey key, string userId, KdfParameters p)
    {
        var recoveryKey = Encryption.RecoveryKey.Generate();
        return (this with { RecoveryWrapped = KeyWrap.Wrap(key, recoveryKey, userId, KeyPurpose.Recovery, p) }, recoveryKey);
    }
}
