using HealingCompass.Data.Encryption;

namespace HealingCompass.Data.Tests.Support;

/// <summary>Shared helpers for the encryption tests: the fast Argon2id settings and key comparison.</summary>
internal static class TestKeys
{
    /// <summary>Weak Argon2id settings, so each wrap takes milliseconds. Only one test uses the real ones.</summary>
    public static KdfParameters Fast => KdfParameters.FastForTestsOnly;

    public const string UserId = "user-7f3a";

    public const string Password = "correct horse battery staple";

    public static bool Same(DataKey a, DataKey b) => a.Bytes.SequenceEqual(b.Bytes);
}
