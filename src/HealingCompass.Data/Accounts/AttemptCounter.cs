using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Accounts;

/// <summary>
/// Counts account attempts per partition in the database, so a limit of N a minute stays N however many instances
/// answer (ADR 18). Each partition's one-minute window opens at its own first attempt, as a fixed-window limiter's
/// would; one statement both opens or continues the window and returns the count, so two instances counting at the
/// same moment never lose an attempt.
/// </summary>
public sealed class AttemptCounter(IDbContextFactory<HealingCompassDbContext> contexts, TimeProvider clock)
{
    public const int WindowSeconds = 60;

    /// <summary>Counts one attempt for <paramref name="partition"/> and returns how many its current window now holds.</summary>
    public async Task<int> CountAsync(string partition, CancellationToken cancellationToken)
    {
        var key = KeyOf(partition);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var expired = now - WindowSeconds;
        // Through EF's own command path (not a connection opened by hand), so the pooled context's connection is
        // opened and closed the way every other query's is.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "AttemptWindows" ("Key", "Count", "WindowStart") VALUES ({key}, 1, {now})
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "AttemptWindows"."WindowStart" <= {expired} THEN 1 ELSE "AttemptWindows"."Count" + 1 END,
                "WindowStart" = CASE WHEN "AttemptWindows"."WindowStart" <= {expired} THEN {now} ELSE "AttemptWindows"."WindowStart" END
            RETURNING "Count" AS "Value"
            """).ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = counts.Single();
        if (count == 1)
        {
            // A new window: the moment to sweep windows that ended, so the table holds only the last minute.
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AttemptWindows" WHERE "WindowStart" <= {expired}""", cancellationToken).ConfigureAwait(false);
        }
        return count;
    }

    /// <summary>The stored key: a hash, so the table never names an address or a username.</summary>
    public static string KeyOf(string partition) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(partition)));
}
