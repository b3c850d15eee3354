namespace HealingCompass.Data.Encryption;

/// <summary>
/// A saved item could not be decrypted: it was moved to another account or record, changed, cut short, or
/// opened with another key. One type and one plain message for all of these, so callers need not catch
/// <see cref="System.Security.Cryptography.CryptographicException"/> and nothing leaks which check failed.
/// </summary>
public sealed class RecordDecryptionException : Exception
{
    internal const string DefaultMessage =
        "This saved item can't be opened: it doesn't belong to this account or record, or it was changed.";

    public RecordDecryptionException() : base(DefaultMessage) { }

    public RecordDecryptionException(string message) : base(message) { }

    public RecordDecryptionException(string message, Exception innerException) : base(message, innerException) { }

    internal RecordDecryptionException(Exception? innerException) : base(DefaultMessage, innerException) { }
}
