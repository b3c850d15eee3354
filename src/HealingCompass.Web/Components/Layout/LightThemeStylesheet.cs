using Microsoft.Net.Http.Headers;

namespace HealingCompass.Web.Components.Layout;

/// <summary>
/// Serves <see cref="LightThemeStyle"/> at its fingerprinted address, cached for a year like the other fingerprinted
/// assets: the address changes when the theme does, so a kept copy is never stale. It is the same file for everyone
/// and says nothing about a person, so keeping it is no more telling than keeping MudBlazor's own stylesheet.
/// </summary>
internal static class LightThemeStylesheet
{
    public static IEndpointRouteBuilder MapLightThemeStylesheet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LightThemeStyle.PathPrefix + "{fingerprint}.css", (HttpContext http, LightThemeStyle style) =>
        {
            var response = http.Response;
            if (!string.Equals(http.Request.Path.Value, style.Href, StringComparison.Ordinal))
            {
                // An older or made-up fingerprint: the status code pages give the kind not-found page.
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            var encoding = Preferred(http.Request);
            response.ContentType = "text/css; charset=utf-8";
            response.Headers.CacheControl = "public, max-age=31536000, immutable";
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (encoding is not null)
            {
                response.Headers.ContentEncoding = encoding;
            }
            var bytes = style.Bytes(encoding);
            response.ContentLength = bytes.Length;
            return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes).AsTask();
        }).ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Brotli, else gzip, else none, as the request's Accept-Encoding allows (a quality of 0 refuses).</summary>
    private static string? Preferred(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        // A coding named outright decides for itself; "*" speaks only for codings not named.
        bool Allows(string name) => (accepted.FirstOrDefault(a => a.Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal))) is { } entry && (entry.Quality ?? 1) > 0;
        return Allows("br") ? "br" : Allows("gzip") ? "gzip" : null;
    }
}
