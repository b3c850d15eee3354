using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealingCompass.Data;

/// <summary>
/// Settings every SQLite connection gets. secure_delete overwrites deleted content instead of leaving it
/// in free pages; foreign keys make deleting an account remove its keys and records; journal_size_limit = 0
/// shrinks the WAL to nothing whenever SQLite restarts it, so old frames do not linger past a checkpoint
/// (<see cref="Storage.CheckpointAfterDelete"/> truncates it after every delete).
/// They hold for the life of the native connection, so they run once per physical connection, not at every
/// open from the pool (which cost a short list query half of its time).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 0;";

    // Keyed by the native handle a pooled SqliteConnection reuses; an entry goes with its handle.
    private static readonly ConditionalWeakTable<object, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            Apply(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Applied.TryAdd(handle, handle);

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
