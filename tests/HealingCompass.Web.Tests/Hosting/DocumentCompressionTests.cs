using System.IO.Compression;
using System.Net.Http.Headers;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Hosting;

/// <summary>
/// On real Kestrel over HTTPS: a page's HTML document goes out compressed when the browser accepts it (brotli first,
/// else gzip) and reads back as the same page; without Accept-Encoding it goes out as it is; and nothing but HTML is
/// compressed, so downloads and plain answers keep their exact bytes.
/// </summary>
public sealed class DocumentCompressionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task A_page_goes_out_compressed_over_https_and_reads_back_as_the_same_page(string encoding)
    {
        using var app = KestrelApp.Start();
        using var client = app.NewClient();
        foreach (var path in new[] { "/", "/assessment", "/resources", "/account/login" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await client.SendAsync(request, Cancel);
            response.EnsureSuccessStatusCode();
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            var compressed = await response.Content.ReadAsByteArrayAsync(Cancel);
            var html = Decompress(compressed, encoding);
            Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("</html>", html, StringComparison.Ordinal);
            // At least a quarter smaller: about half, now that the theme is a file of its own and much of what is left
            // is sealed markers and tokens (random bytes in base64, which hardly compress).
            Assert.True(compressed.Length * 4 < System.Text.Encoding.UTF8.GetByteCount(html) * 3, $"{path}: {compressed.Length} bytes compressed from {html.Length}");

            using var plain = await client.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.Empty(plain.Content.Headers.ContentEncoding);
            Assert.StartsWith("<!DOCTYPE html>", (await plain.Content.ReadAsStringAsync(Cancel)).TrimStart(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Answers_that_are_not_html_keep_their_exact_bytes()
    {
        using var app = KestrelApp.Start();
        using var client = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request, Cancel);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    private static string Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        return reader.ReadToEnd();
    }
}
