using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using HealingCompass.Web.Components.Layout;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Layout;

/// <summary>
/// The light theme is one fingerprinted stylesheet, built once per process and linked from every page's head,
/// rather than 12,700 characters of variables written into every document.
/// </summary>
public sealed class LightThemeStyleTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/verify")]
    [InlineData("/account/login")]
    public async Task Every_page_head_links_the_theme_stylesheet_and_carries_no_copy_of_it(string path)
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        var head = new HtmlParser().ParseDocument(html).Head!;
        var link = Assert.Single(head.QuerySelectorAll("link[rel=stylesheet]"),
            l => l.GetAttribute("href")!.StartsWith(LightThemeStyle.PathPrefix, StringComparison.Ordinal));
        Assert.Equal(app.Services.GetRequiredService<LightThemeStyle>().Href, link.GetAttribute("href"));
        Assert.DoesNotContain(head.QuerySelectorAll("style"), s => s.TextContent.Contains("--mud-palette-primary:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stylesheet_holds_the_brand_colour_and_is_kept_for_a_year()
    {
        using var client = app.CreateClient();
        var style = app.Services.GetRequiredService<LightThemeStyle>();

        using var response = await client.GetAsync(new Uri(style.Href, UriKind.Relative), TestContext.Current.CancellationToken);
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        // #2A5D67, the theme's primary colour, as MudBlazor writes it; and its scrollbar rules come along.
        Assert.Contains("--mud-palette-primary: rgba(42,93,103,1);", css, StringComparison.Ordinal);
        Assert.Contains("::-webkit-scrollbar", css, StringComparison.Ordinal);
        // Raw CSS, not HTML: no entity or tag survived the lift out of the style elements.
        Assert.DoesNotContain("&", css, StringComparison.Ordinal);
        Assert.DoesNotContain("<", css, StringComparison.Ordinal);
        Assert.Equal(style.Css, css);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("identity", null)]
    public async Task The_stylesheet_comes_compressed_as_the_browser_asks_and_opens_to_the_same_text(string accept, string? expected)
    {
        // No automatic decompression: the bytes on the wire are what is checked.
        using var client = app.CreateDefaultClient();
        var style = app.Services.GetRequiredService<LightThemeStyle>();
        using var request = new HttpRequestMessage(HttpMethod.Get, style.Href);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        using var input = new MemoryStream(bytes);
        using Stream opened = expected switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => input,
        };
        using var reader = new StreamReader(opened, Encoding.UTF8);
        Assert.Equal(style.Css, await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        if (expected is not null)
        {
            Assert.True(bytes.Length < style.Css.Length / 4, $"{expected}: {bytes.Length} bytes for {style.Css.Length} characters");
        }
    }

    [Fact]
    public async Task Another_fingerprint_is_not_found()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(LightThemeStyle.PathPrefix + "0123456789abcdef.css", UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void The_theme_is_built_once_and_its_address_follows_its_text()
    {
        var style = app.Services.GetRequiredService<LightThemeStyle>();

        // Built once: every read hands out the same strings, not a new rendering.
        Assert.Same(style.Css, style.Css);
        Assert.Same(style.Markup.Value, style.Markup.Value);
        Assert.Matches("^/theme/light-[0-9a-f]{16}\\.css$", style.Href);
        Assert.Equal($"<link rel=\"stylesheet\" href=\"{style.Href}\" />", style.Markup.Value);
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(style.Css)).AsSpan(0, 8));
        Assert.EndsWith(fingerprint + ".css", style.Href, StringComparison.Ordinal);
    }
}
