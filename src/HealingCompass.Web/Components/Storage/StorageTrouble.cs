using System.Text.Encodings.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Web.Components.Storage;

/// <summary>
/// The one place that knows a database that cannot take a write just now (read-only, locked past the busy
/// timeout, full, or failing to write) and the words a person sees then. Every feature catches with
/// <see cref="Is"/>, shows <see cref="Message"/> and keeps what was typed; nothing already saved is touched,
/// because SQLite rolls the failed transaction back.
/// </summary>
public static partial class StorageTrouble
{
    /// <summary>What a person sees when a save could not be made. Plain, calm, and true.</summary>
    public const string Message =
        "We couldn't save this just now: the place where the app keeps its data is not taking changes at the moment. " +
        "Everything you saved before is safe, and what you typed is still here. Please try again in a little while.";

    /// <summary>The shorter line for a draft kept as you type.</summary>
    public const string DraftMessage = "We couldn't keep a draft just now; what you typed is still on this page.";

    // SQLite's primary result codes: SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL,
    // SQLITE_CANTOPEN. Extended codes (SQLITE_IOERR_WRITE is 778) keep the primary code in their low byte.
    private static readonly int[] Codes = [5, 6, 8, 10, 13, 14];

    /// <summary>True for a storage fault, whether SQLite's own exception or EF Core's wrapping of one.</summary>
    public static bool Is(Exception exception) => Find(exception) is not null;

    /// <summary>
    /// Logs one neutral line: SQLite's codes only, never data. (Connections that opened read-only are dropped
    /// from the pool by the data layer's <c>ReadOnlyConnections</c>, so recovery needs nothing here.)
    /// </summary>
    public static void Report(Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var sqlite = Find(exception);
        LogTrouble(logger, sqlite?.SqliteErrorCode ?? 0, sqlite?.SqliteExtendedErrorCode ?? 0);
    }

    private static SqliteException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException s && Codes.Contains(s.SqliteErrorCode & 0xFF))
            {
                return s;
            }
            if (e is not (DbUpdateException or SqliteException or InvalidOperationException))
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// The calm page for a static form whose save could not be made (sign-in, password change and the like):
    /// 503, so nothing caches it, with the quick-exit script and a way back.
    /// </summary>
    internal static async Task WritePageAsync(HttpContext context)
    {
        var again = HtmlEncoder.Default.Encode(context.Request.PathBase + context.Request.Path);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "30";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"""
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Not saved just now · HealingCompass</title><script src="/js/quick-exit.js"></script></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6">
            <main><h1>Not saved just now</h1>
            <p data-storage-trouble>{HtmlEncoder.Default.Encode(Message)}</p>
            <p><a href="{again}">Open the page again</a> · <a href="/">Go to the start</a> · <a href="/resources">Support contacts</a></p></main>
            </body></html>
            """, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database did not take a write (SQLite code {Code}, extended {Extended}); the person was told and nothing was changed.")]
    private static partial void LogTrouble(ILogger logger, int code, int extended);
}

/// <summary>
/// Turns a storage fault that reaches the pipeline from a static page or endpoint into the calm page instead of
/// a 500. Interactive pages catch their own (the circuit never reaches here).
/// </summary>
internal sealed class StorageTroublePage(RequestDelegate next, ILogger<StorageTroublePage> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (StorageTrouble.Is(e) && !context.Response.HasStarted)
        {
            StorageTrouble.Report(e, logger);
            await StorageTrouble.WritePageAsync(context);
        }
    }
}
