namespace HealingCompass.Web.Safety;

/// <summary>
/// Headers that protect a person whose device someone else may see: nothing cached to disk or kept for the
/// back button, no referrer sent to the quick-exit site, and a content policy that allows only this app's
/// own origin, so no request can leave for a third party. Other origins cannot hold a reference to the app's
/// window (Cross-Origin-Opener-Policy) or embed its responses (Cross-Origin-Resource-Policy), and no
/// <c>&lt;base&gt;</c> element can redirect its relative links (<c>base-uri 'none'</c>; the app's own links are
/// absolute paths for that reason).
/// </summary>
internal sealed class PrivacyHeadersMiddleware(RequestDelegate next)
{
    // MudBlazor sets inline styles, so style-src needs 'unsafe-inline' (MudBlazor issue #4529); scripts stay 'self'.
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>An <c>HttpContext.Items</c> key: a policy an endpoint sets here replaces the app's for that response.</summary>
    internal const string StricterPolicyKey = "hc:stricter-csp";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            var headers = response.Headers;
            // An endpoint may ask for a stricter policy for its own response (a journal file: sandbox, nothing runs).
            headers.ContentSecurityPolicy = response.HttpContext.Items[StricterPolicyKey] as string ?? ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            // Pages may hold what a person typed: never store them, so Back and the disk cache show nothing.
            // Fingerprinted static assets keep their own long-lived caching.
            if (response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.CacheControl = "no-store, max-age=0";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
