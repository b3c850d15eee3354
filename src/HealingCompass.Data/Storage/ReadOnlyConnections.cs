using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealingCompass.Data.Storage;

/// <summary>
/// A connection SQLite opens while the database file cannot be written (made read-only or immutable, a
/// read-only mount) silently falls back to read-only and stays so for its whole life. Pooled, it would keep
/// answering "attempt to write a readonly database" after the file is writable again, until the app restarts.
/// So a connection that opened read-only is used for this one operation and then dropped from the pool, and
/// the next open tries the file afresh. The check is one native call per open.
/// </summary>
internal sealed class ReadOnlyConnections : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Check(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Check(connection);
        return Task.CompletedTask;
    }

    private static void Check(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite && SQLitePCL.raw.sqlite3_db_readonly(handle, "main") == 1)
        {
            SqliteConnection.ClearPool(sqlite);
        }
    }
}
