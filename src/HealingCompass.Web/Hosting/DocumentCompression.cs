using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace HealingCompass.Web.Hosting;

/// <summary>
/// The prerendered HTML documents are compressed (brotli, else gzip, at the fastest level), also over HTTPS. Static
/// assets are not touched here: <c>MapStaticAssets</c> serves them precompressed. Nothing but <c>text/html</c> is
/// compressed: downloads (ZIP, PDF, JSON answers, a journal's files) go out exactly as they are. Why this is safe
/// against BREACH here (cookies SameSite=Strict, per-response tokens) is ADR 17.
/// </summary>
internal static class DocumentCompression
{
    public static IServiceCollection AddDocumentCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a document is about 23 KB, and on 2 cores the CPU per page matters more than the last kilobyte.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
