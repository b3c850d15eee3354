using System.Text.Encodings.Web;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HealingCompass.Web.Components.Storage;

/// <summary>
/// The one place that knows a database that cannot take a write just now (read-only, locked past the busy
/// timeout, full, or failing to write) and the words a person sees then. Every feature catches with
/// <see cref="Is"/>, shows <see cref="Message"/> and keeps what was typed; nothing already saved is touched,
/// because the database rolls the failed transaction back. On PostgreSQL the same holds for a server that cannot
/// be reached, is shutting down, is read-only, is out of room, or refused a transaction it may retry.
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

    // PostgreSQL's SQLSTATE classes and codes for the same situations: connection exceptions (08), insufficient
    // resources such as a full disk (53), operator intervention such as a shutdown (57P01–57P03), a read-only
    // transaction (25006), a lock not available (55P03), and serialization failures or deadlocks (40001, 40P01).
    private static readonly string[] PostgresClasses = ["08", "53"];
    private static readonly string[] PostgresCodes = ["57P01", "57P02", "57P03", "25006", "55P03", "40001", "40P01"];

    /// <summary>True for a storage fault, whether the provider's own exception or EF Core's wrapping of one.</summary>
    public static bool Is(Exception exception) => Find(exception) is not null;

    /// <summary>
    /// Logs one neutral line: the database's codes only, never data. (Connections that opened read-only are dropped
    /// from the pool by the data layer's <c>ReadOnlyConnections</c>, so recovery needs nothing here.)
    /// </summary>
    public static void Report(Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var code = Find(exception) switch
        {
            SqliteException s => $"SQLite {s.SqliteErrorCode}, extended {s.SqliteExtendedErrorCode}",
            PostgresException p => $"PostgreSQL {p.SqlState}",
            NpgsqlException => "PostgreSQL not reachable",
            _ => "unknown",
        };
        LogTrouble(logger, code);
    }

    private static DbException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException s when Codes.Contains(s.SqliteErrorCode & 0xFF):
                    return s;
                case PostgresException p:
                    return IsPostgresTrouble(p.SqlState) ? p : null;
                case NpgsqlException n when n.IsTransient:
                    return n; // refused, reset or timed out on the way to the server
                case DbUpdateException or SqliteException or InvalidOperationException:
                    continue;
                default:
                    return null;
            }
        }
        return null;
    }

    private static bool IsPostgresTrouble(string state) =>
        PostgresCodes.Contains(state, StringComparer.Ordinal) || (state.Length == 5 && PostgresClasses.Contains(state[..2], StringComparer.Ordinal));

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database did not take a write ({Code}); the person was told and nothing was changed.")]
    private static partial void LogTrouble(ILogger logger, string code);
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
