using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HealingCompass.Data.Encryption;

/// <summary>
/// The recovery key shown once at sign-up: 160 random bits written as 32 Crockford base32 symbols in eight
/// groups of four, e.g. <c>7K3Q-M2XA-…</c>. Crockford's alphabet has no I, L, O or U, so it survives being
/// copied by hand; when read back, lowercase, spaces, missing dashes and O/I/L typed for 0/1/1 are accepted.
/// It is the only way back in after a forgotten password, so it has to be easy to write down and type.
/// </summary>
public static class RecoveryKey
{
    /// <summary>Random bytes in a recovery key: 160 bits.</summary>
    public const int EntropyBytes = 20;

    /// <summary>Base32 symbols in a recovery key (160 bits / 5).</summary>
    public const int SymbolCount = EntropyBytes * 8 / 5;

    /// <summary>Symbols per group.</summary>
    public const int GroupSize = 4;

    /// <summary>Length of the written form with dashes: 39 characters.</summary>
    public const int FormattedLength = SymbolCount + (SymbolCount / GroupSize) - 1;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new recovery key in its written form.</summary>
    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[EntropyBytes];
        RandomNumberGenerator.Fill(bytes);
        try
        {
            Span<char> symbols = stackalloc char[SymbolCount];
            var bitBuffer = 0;
            var bitCount = 0;
            var index = 0;
            foreach (var b in bytes)
            {
                bitBuffer = (bitBuffer << 8) | b;
                bitCount += 8;
                while (bitCount >= 5)
                {
                    bitCount -= 5;
                    symbols[index++] = Alphabet[(bitBuffer >> bitCount) & 31];
                }
            }

            return Format(symbols);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The written form of what a person typed: upper case, Crockford symbols, dashes every four.</summary>
    /// <exception cref="FormatException">It is not a recovery key (the message never repeats what was typed).</exception>
    public static string Normalize(string text) =>
        TryParse(text, out var normalized) ? normalized : throw new FormatException(KeyUnlockException.MalformedRecoveryKeyMessage);

    /// <summary>
    /// Reads a recovery key as a person might type it: any case, with or without dashes or spaces, O for 0 and
    /// I or L for 1. False for anything else (other letters, U, or the wrong number of symbols).
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? recoveryKey)
    {
        recoveryKey = null;
        if (text is null)
        {
            return false;
        }

        Span<char> symbols = stackalloc char[SymbolCount];
        var count = 0;
        foreach (var c in text)
        {
            if (c == '-' || c == '\u2010' || c == '\u2011' || c == '\u2013' || c == '\u2014' || char.IsWhiteSpace(c))
            {
                continue; // separators people (and word processors) put between groups
            }

            var symbol = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var u => u,
            };
            if (Alphabet.IndexOf(symbol, StringComparison.Ordinal) < 0 || count == SymbolCount)
            {
                return false;
            }

            symbols[count++] = symbol;
        }

        if (count != SymbolCount)
        {
            return false;
        }

        recoveryKey = Format(symbols);
        return true;
    }

    private static string Format(ReadOnlySpan<char> symbols)
    {
        var written = new StringBuilder(FormattedLength);
        for (var i = 0; i < symbols.Length; i++)
        {
            if (i > 0 && i % GroupSize == 0)
            {
                written.Append('-');
            }

            written.Append(symbols[i]);
        }

        return written.ToString();
    }
}
