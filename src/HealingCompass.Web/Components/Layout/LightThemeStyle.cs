using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace HealingCompass.Web.Components.Layout;

/// <summary>
/// The light theme's CSS (MudBlazor's variables, scrollbar and chart rules), rendered by MudBlazor's own
/// <see cref="MudThemeProvider"/> once per process and served as one stylesheet whose address carries a fingerprint
/// of its text (<see cref="LightThemeStylesheet"/>). Building it per request was about a sixth of what a page cost to
/// render; written into every page's head it was 12,700 of a document's 23,000 characters, compressed again on every
/// request and sent again on every full load. As a file, a phone fetches it once and keeps it (docs/performance.md,
/// issue 15). Dark colours, when chosen, come from the layout's own provider and override these variables.
/// </summary>
internal sealed partial class LightThemeStyle(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    public const string PathPrefix = "/theme/light-";

    private readonly Lazy<Sheet> sheet = new(() => Build(scopes, loggers));

    /// <summary>The stylesheet's address: its fingerprint changes whenever the theme's text does.</summary>
    public string Href => sheet.Value.Href;

    /// <summary>The stylesheet's text, as MudBlazor wrote it inside its style elements.</summary>
    public string Css => sheet.Value.Css;

    /// <summary>The link element every page's head carries, one string for the process.</summary>
    public MarkupString Markup => sheet.Value.Link;

    /// <summary>The stylesheet's bytes for a response: brotli, gzip or none, compressed once at the smallest size.</summary>
    internal ReadOnlyMemory<byte> Bytes(string? encoding) => encoding switch
    {
        "br" => sheet.Value.Brotli,
        "gzip" => sheet.Value.Gzip,
        _ => sheet.Value.Plain,
    };

    private static Sheet Build(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        // Off the caller's renderer: this renderer has its own dispatcher, and waiting on it from inside another
        // renderer's synchronisation context could wait forever.
        var html = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(MudThemeProvider.Theme)] = HealingCompassTheme.Theme,
                    [nameof(MudThemeProvider.IsDarkMode)] = false,
                }));
                return output.ToHtmlString();
            });
        }).GetAwaiter().GetResult();

        // The provider writes its rules as raw markup inside style elements (no entities: checked by a test).
        var css = string.Concat(StyleElement().Matches(html).Select(m => m.Groups[1].Value));
        if (css.Length == 0)
        {
            throw new InvalidOperationException("MudBlazor's theme provider rendered no style element.");
        }
        var plain = Encoding.UTF8.GetBytes(css);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(plain).AsSpan(0, 8));
        var href = PathPrefix + fingerprint + ".css";
        return new Sheet(href, css, new MarkupString($"<link rel=\"stylesheet\" href=\"{href}\" />"),
            plain, Compress(plain, s => new BrotliStream(s, CompressionLevel.SmallestSize)),
            Compress(plain, s => new GZipStream(s, CompressionLevel.SmallestSize)));
    }

    private static byte[] Compress(byte[] plain, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var stream = compressor(buffer))
        {
            stream.Write(plain);
        }
        return buffer.ToArray();
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex StyleElement();

    private sealed record Sheet(string Href, string Css, MarkupString Link, byte[] Plain, byte[] Brotli, byte[] Gzip);
}
