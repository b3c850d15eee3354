namespace HealingCompass.Domain.Activity;

/// <summary>
/// A coarse, plain-words description of a browser from its User-Agent: family and system only, such as
/// "Firefox on Android". Never a version, a device model or any other part of the string, so what is kept
/// cannot single out one phone. Order matters: most browsers also claim to be Safari or Chrome.
/// </summary>
public static class DeviceDescription
{
    /// <summary>The longest value <see cref="From"/> returns (the sessions and activity columns hold 80).</summary>
    public const int MaxLength = 40;

    public static string From(string? userAgent) => $"{Browser(userAgent ?? "")} on {OperatingSystem(userAgent ?? "")}";

    /// <summary>The browser family, or "A browser".</summary>
    public static string Browser(string ua) =>
        Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/") ? "Edge"
        : Has(ua, "OPR/") || Has(ua, "Opera") ? "Opera"
        : Has(ua, "SamsungBrowser/") ? "Samsung Internet"
        : Has(ua, "Firefox/") || Has(ua, "FxiOS/") ? "Firefox"
        : Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "Chromium/") ? "Chrome"
        : Has(ua, "Safari/") ? "Safari"
        : "A browser";

    /// <summary>The system in words, or "an unknown system".</summary>
    public static string OperatingSystem(string ua) =>
        Has(ua, "iPhone") ? "an iPhone"
        : Has(ua, "iPad") ? "an iPad"
        : Has(ua, "Android") ? "Android"
        : Has(ua, "Windows") ? "Windows"
        : Has(ua, "CrOS") ? "ChromeOS"
        : Has(ua, "Mac OS X") || Has(ua, "Macintosh") ? "a Mac"
        : Has(ua, "Linux") ? "Linux"
        : "an unknown system";

    private static bool Has(string value, string part) => value.Contains(part, StringComparison.OrdinalIgnoreCase);
}
