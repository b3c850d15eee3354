using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace HealingCompass.Web.Accounts;

/// <summary>
/// Time-based one-time codes as authenticator apps make them (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second
/// steps, 6 digits), from the Base32 key Identity generates. Identity keeps its own copy internal, and it
/// does not say which time step a code matched, which is what one-use codes need.
/// </summary>
public static class Totp
{
    public static readonly TimeSpan StepLength = TimeSpan.FromSeconds(30);

    private const int Digits = 6;
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The time step <paramref name="time"/> falls in (whole 30-second periods since 1970).</summary>
    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)StepLength.TotalSeconds;

    /// <summary>The 6-digit code for <paramref name="step"/>, with leading zeros.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "RFC 6238's default, the one every authenticator app uses; SHA-1's collisions do not weaken HMAC.")]
    public static string Code(ReadOnlySpan<byte> key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(key, counter, mac);
        var offset = mac[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFF_FFFF) % 1_000_000;
        CryptographicOperations.ZeroMemory(mac);
        return value.ToString(new string('0', Digits), CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a Base32 key (RFC 4648 alphabet, case and spaces ignored, no padding needed).</summary>
    public static bool TryDecodeKey(string? key, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }
        var output = new List<byte>(key.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var symbol in key)
        {
            if (symbol is ' ' or '=')
            {
                continue;
            }
            var index = Base32Alphabet.IndexOf(char.ToUpperInvariant(symbol), StringComparison.Ordinal);
            if (index < 0)
            {
                return false;
            }
            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        bytes = [.. output];
        return bytes.Length > 0;
    }
}
