using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HealingCompass.Data.Encryption;

/// <summary>What checking a password against a stored hash found.</summary>
public enum PasswordHashCheck
{
    /// <summary>Not an Argon2id hash written here (for example Identity's older PBKDF2 format).</summary>
    NotThisFormat,
    Wrong,
    Right,

    /// <summary>Right, but made with other settings than today's: store a new hash.</summary>
    RightButOutdated,
}

/// <summary>
/// Password hashes for sign-in, with the same Argon2id (and the same settings) as the key wrap, so a stolen
/// database offers no cheaper target than the wrapped data key (ADR 7). Written in the PHC string format
/// libsodium and others use: <c>$argon2id$v=19$m=65536,t=3,p=1$&lt;salt&gt;$&lt;hash&gt;</c> (base64, no padding).
/// </summary>
public static class PasswordHash
{
    private const string Prefix = "$argon2id$v=19$";
    private const int HashLength = 32;

    /// <summary>True when <paramref name="stored"/> is in this format (so not an older one).</summary>
    public static bool IsThisFormat(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>A new hash of <paramref name="password"/> with a fresh 16-byte salt.</summary>
    public static string Hash(string password, KdfParameters p)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(p);
        var salt = RandomNumberGenerator.GetBytes(KdfParameters.SaltLength);
        var hash = Derive(password, salt, p);
        try
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={p.MemoryKiB},t={p.Iterations},p={p.Parallelism}${Encode(salt)}${Encode(hash)}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hash);
        }
    }

    /// <summary>Checks <paramref name="password"/> against <paramref name="stored"/> in constant time.</summary>
    public static PasswordHashCheck Verify(string stored, string password, KdfParameters current)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(current);
        if (!TryParse(stored, out var p, out var salt, out var expected))
        {
            return PasswordHashCheck.NotThisFormat;
        }
        var actual = Derive(password, salt, p);
        try
        {
            return !CryptographicOperations.FixedTimeEquals(actual, expected) ? PasswordHashCheck.Wrong
                : p.SameCostAs(current) ? PasswordHashCheck.Right
                : PasswordHashCheck.RightButOutdated;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(actual);
        }
    }

    private static byte[] Derive(string password, byte[] salt, KdfParameters p)
    {
        var secret = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(password), pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(password, secret);
            return KeyDerivation.DeriveBytes(secret, salt, p, HashLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    // $argon2id$v=19$m=65536,t=3,p=1$salt$hash; anything else (or out of bounds) is not this format.
    private static bool TryParse(string? stored, out KdfParameters p, out byte[] salt, out byte[] hash)
    {
        p = KdfParameters.OwaspMinimum;
        salt = [];
        hash = [];
        if (!IsThisFormat(stored))
        {
            return false;
        }
        var parts = stored!.Substring(Prefix.Length).Split('$');
        if (parts.Length != 3)
        {
            return false;
        }
        var settings = parts[0].Split(',');
        if (settings.Length != 3
            || !TryReadSetting(settings[0], "m=", out var m)
            || !TryReadSetting(settings[1], "t=", out var t)
            || !TryReadSetting(settings[2], "p=", out var lanes)
            || KdfParameters.FromStored(m, t, lanes) is not { } read
            || !TryDecode(parts[1], out salt) || salt.Length != KdfParameters.SaltLength
            || !TryDecode(parts[2], out hash) || hash.Length != HashLength)
        {
            return false;
        }
        p = read;
        return true;
    }

    private static bool TryReadSetting(string text, string name, out int value)
    {
        value = 0;
        return text.StartsWith(name, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        var padded = text + new string('=', (4 - (text.Length % 4)) % 4);
        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }
}
