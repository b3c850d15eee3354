using FsCheck.Xunit;
using HealingCompass.Domain.Activity;

namespace HealingCompass.Domain.Tests.Activity;

public sealed class DeviceDescriptionTests
{
    private static readonly string[] Browsers = ["Edge", "Opera", "Samsung Internet", "Firefox", "Chrome", "Safari", "A browser"];

    private static readonly string[] Systems = ["an iPhone", "an iPad", "Android", "Windows", "ChromeOS", "a Mac", "Linux", "an unknown system"];

    [Theory]
    [InlineData("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", "Firefox on Android")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Windows")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on an iPhone")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "Chrome on an iPhone")]
    [InlineData("Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15", "Firefox on an iPad")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari on a Mac")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 OPR/86.0.0.0", "Opera on Android")]
    [InlineData("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on ChromeOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0", "Edge on Android")]
    [InlineData("curl/8.5.0", "A browser on an unknown system")]
    [InlineData("", "A browser on an unknown system")]
    [InlineData(null, "A browser on an unknown system")]
    public void Real_user_agents_read_as_browser_family_on_system(string? userAgent, string expected) =>
        Assert.Equal(expected, DeviceDescription.From(userAgent));

    [Property(MaxTest = 1000)]
    public void Any_text_reads_as_one_known_family_on_one_known_system_and_nothing_of_the_text_itself(string? userAgent)
    {
        var description = DeviceDescription.From(userAgent);

        Assert.Contains(Browsers, b => description.StartsWith(b + " on ", StringComparison.Ordinal));
        Assert.Contains(Systems, s => description.EndsWith(" on " + s, StringComparison.Ordinal));
        Assert.True(description.Length <= DeviceDescription.MaxLength, description);
    }

    [Property(MaxTest = 500)]
    public void Version_numbers_and_device_models_never_change_or_reach_the_description(ushort major, ushort minor, string model)
    {
        var ua = $"Mozilla/5.0 (Linux; Android {major % 20}; {Sanitise(model)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{major}.{minor}.0.0 Mobile Safari/537.36";

        var description = DeviceDescription.From(ua);

        Assert.Equal("Chrome on Android", description);
        Assert.DoesNotContain(major.ToString(System.Globalization.CultureInfo.InvariantCulture), description, StringComparison.Ordinal);
    }

    // A model name made of letters and digits only, as real ones are, so it cannot spell a family by chance.
    private static string Sanitise(string? model) =>
        new([.. (model ?? "").Where(char.IsAsciiDigit).Take(8).Prepend('M')]);
}
