using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace HealingCompass.Web.Safety;

/// <summary>
/// A form sent without a valid antiforgery token (an old tab, cookies cleared by quick exit or sign-out,
/// or a post from another site) gets a kind page and <c>400</c>, never an empty response, and nothing is
/// done with it. Blazor's form endpoints are stopped here before they run; an endpoint that checks the
/// token itself (sign-out) and answers an empty 400, or a post to a form the page no longer shows, gets the same
/// page in place of the empty body.
/// </summary>
internal sealed partial class AntiforgeryFailurePage(RequestDelegate next, ILogger<AntiforgeryFailurePage> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            await WriteAsync(context);
            return;
        }
        await next(context);
        // An empty 400 to a form post: a missing or spent token, or a form the page no longer shows (two-step
        // switched off in another tab, say), which Blazor refuses with no body at all. Either way, the same page.
        if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted
            && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            await WriteAsync(context);
        }
    }

    /// <summary>
    /// The antiforgery check, for this page and for the minimal endpoints that check the token themselves. A body
    /// that is not a readable form (a multipart with no boundary, say) makes the framework's check throw; it is a
    /// refusal like any missing token, never a 500.
    /// </summary>
    internal static async Task<bool> HasValidTokenAsync(IAntiforgery antiforgery, HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    private async Task WriteAsync(HttpContext context)
    {
        LogRefused(logger);
        var again = HtmlEncoder.Default.Encode(context.Request.PathBase + context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>That didn't go through · HealingCompass</title><script src="/js/quick-exit.js"></script></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
            <main><h1>That didn't go through</h1>
            <p>This page had been open for a while, or your browser's cookies were cleared, so we couldn't be sure the form came from you.
            Nothing has been changed. Please open the page again and try once more.</p>
            <p><a href="{again}">Open the page again</a> · <a href="/">Go to the start</a> · <a href="/resources">Support contacts</a></p></main>
            </body></html>
            """, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A form post without a valid antiforgery token was refused.")]
    private static partial void LogRefused(ILogger logger);
}
