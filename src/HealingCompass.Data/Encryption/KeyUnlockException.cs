namespace HealingCompass.Data.Encryption;

/// <summary>
/// The password or recovery key given does not unlock this account's data key. The message is written to be
/// shown to the person as it is, and never contains the secret they typed.
/// </summary>
/// <remarks>
/// AES-GCM cannot tell a wrong secret from a damaged stored key, so both end here; that is also why the
/// message does not guess which.
/// </remarks>
public sealed class KeyUnlockException : Exception
{
    internal const string WrongPasswordMessage = "That password doesn't unlock this account's data.";
    internal const string WrongRecoveryKeyMessage = "That recovery key doesn't unlock this account's data.";
    internal const string MalformedRecoveryKeyMessage =
        "That doesn't look like a recovery key. A recovery key has 32 letters and numbers, in groups of 4.";

    public KeyUnlockException() : this(KeyPurpose.Password) { }

    public KeyUnlockException(string message) : base(message) { }

    public KeyUnlockException(string message, Exception innerException) : base(message, innerException) { }

    internal KeyUnlockException(KeyPurpose purpose, Exception? innerException = null)
        : base(purpose == KeyPurpose.Recovery ? WrongRecoveryKeyMessage : WrongPasswordMessage, innerException)
    {
        Purpose = purpose;
    }

    internal KeyUnlockException(KeyPurpose purpose, string message) : base(message)
    {
        Purpose = purpose;
    }

    /// <summary>Which secret failed: the password or the recovery key.</summary>
    public KeyPurpose Purpose { get; } = KeyPurpose.Password;
}
