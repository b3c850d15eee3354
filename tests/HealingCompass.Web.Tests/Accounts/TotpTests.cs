using System.Text;
using HealingCompass.Web.Accounts;

namespace HealingCompass.Web.Tests.Accounts;

/// <summary>The codes are the ones authenticator apps make: RFC 6238's own test values.</summary>
public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1: the key is the ASCII "12345678901234567890"; the RFC lists 8 digits, apps show the last 6.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1111111111, "050471")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    [InlineData(20000000000, "353130")]
    public void Codes_match_the_RFC_6238_test_values(long unixSeconds, string expected)
    {
        var key = Encoding.ASCII.GetBytes("12345678901234567890");

        Assert.Equal(expected, Totp.Code(key, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))));
    }

    [Fact]
    public void A_Base32_key_reads_the_same_in_any_case_and_with_the_spaces_the_page_shows()
    {
        // "12345678901234567890" in Base32.
        Assert.True(Totp.TryDecodeKey("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", out var plain));
        Assert.True(Totp.TryDecodeKey("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", out var grouped));

        Assert.Equal("12345678901234567890", Encoding.ASCII.GetString(plain));
        Assert.Equal(plain, grouped);
        Assert.False(Totp.TryDecodeKey("NOT-BASE32!", out _));
    }
}
