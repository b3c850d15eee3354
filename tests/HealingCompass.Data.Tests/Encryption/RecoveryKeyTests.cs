using System.Text.RegularExpressions;
using FsCheck.Xunit;
using HealingCompass.Data.Encryption;

namespace HealingCompass.Data.Tests.Encryption;

public sealed partial class RecoveryKeyTests
{
    private const string Known = "7K3Q-M2XA-0B1C-DEFG-HJKM-NPQR-STVW-XYZ9";

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$")]
    private static partial Regex WrittenForm();

    [Fact]
    public void A_recovery_key_is_eight_groups_of_four_Crockford_symbols_carrying_160_bits()
    {
        var key = RecoveryKey.Generate();

        Assert.Matches(WrittenForm(), key);
        Assert.Equal(39, key.Length);
        Assert.True(RecoveryKey.SymbolCount * 5 >= 128);
        Assert.Equal(160, RecoveryKey.SymbolCount * 5);
    }

    [Fact]
    public void Recovery_keys_do_not_repeat_and_use_the_whole_alphabet()
    {
        var keys = Enumerable.Range(0, 300).Select(_ => RecoveryKey.Generate()).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        var symbols = keys.SelectMany(k => k).Where(c => c != '-').Distinct().Count();
        Assert.Equal(32, symbols);
    }

    [Theory]
    [InlineData(Known)]
    [InlineData("7k3q-m2xa-0b1c-defg-hjkm-npqr-stvw-xyz9")]
    [InlineData("7K3QM2XA0B1CDEFGHJKMNPQRSTVWXYZ9")]
    [InlineData("7K3Q M2XA 0B1C DEFG HJKM NPQR STVW XYZ9")]
    [InlineData("  7k3q m2xa-0b1c defg\thjkm npqr\nstvw xyz9 ")]
    [InlineData("7K3Q-M2XA-OB1C-DEFG-HJKM-NPQR-STVW-XYZ9")] // O for 0
    [InlineData("7K3Q-M2XA-0BIC-DEFG-HJKM-NPQR-STVW-XYZ9")] // I for 1
    [InlineData("7K3Q-M2XA-0Blc-DEFG-HJKM-NPQR-STVW-XYZ9")] // l for 1
    [InlineData("7K3Q–M2XA–0B1C–DEFG–HJKM–NPQR–STVW–XYZ9")] // en dashes from a word processor
    [InlineData("7K3Q--M2XA-0B1C-DEFG-HJKM-NPQR-STVW-XYZ9-")]
    public void Human_variations_of_a_recovery_key_are_read_as_the_same_key(string typed)
    {
        Assert.Equal(Known, RecoveryKey.Normalize(typed));
        Assert.True(RecoveryKey.TryParse(typed, out var parsed));
        Assert.Equal(Known, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("7K3Q-M2XA-0B1C-DEFG-HJKM-NPQR-STVW-XYZ")]     // one symbol short
    [InlineData("7K3Q-M2XA-0B1C-DEFG-HJKM-NPQR-STVW-XYZ99")]   // one symbol too many
    [InlineData("7K3Q-M2XA-0B1C-DEFG-HJKM-NPQR-STVW-XYZU")]    // U is not in Crockford's alphabet
    [InlineData("7K3Q-M2XA-0B1C-DEFG-HJKM-NPQR-STVW-XYZ!")]
    [InlineData("correct horse battery staple")]
    public void Anything_else_is_not_a_recovery_key(string? typed)
    {
        Assert.False(RecoveryKey.TryParse(typed, out var parsed));
        Assert.Null(parsed);
        if (typed is not null)
        {
            var error = Assert.Throws<FormatException>(() => RecoveryKey.Normalize(typed));
            Assert.Equal("That doesn't look like a recovery key. A recovery key has 32 letters and numbers, in groups of 4.", error.Message);
        }
    }

    [Property(MaxTest = 200)]
    public void Any_generated_key_survives_being_retyped_carelessly(bool lower, bool dropDashes, bool spaces, bool confuse)
    {
        var key = RecoveryKey.Generate();
        var typed = key;
        if (confuse)
        {
            typed = typed.Replace('0', 'O').Replace('1', 'I');
        }

        if (lower)
        {
            typed = typed.ToLowerInvariant();
        }

        if (dropDashes)
        {
            typed = typed.Replace("-", "", StringComparison.Ordinal);
        }

        if (spaces)
        {
            typed = " " + typed.Replace("-", " ", StringComparison.Ordinal) + " ";
        }

        Assert.Equal(key, RecoveryKey.Normalize(typed));
    }
}
