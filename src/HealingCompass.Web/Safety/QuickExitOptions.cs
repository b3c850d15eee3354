namespace HealingCompass.Web.Safety;

/// <summary>Where quick exit sends the browser. Configurable so a deployment can pick a site that looks ordinary locally.</summary>
public sealed class QuickExitOptions
{
    public const string SectionName = "QuickExit";

    /// <summary>An everyday site that gives nothing away. Weather pages are a common, unremarkable choice.</summary>
    public string NeutralUrl { get; set; } = "https://www.bbc.co.uk/weather";

    internal static bool IsSafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
