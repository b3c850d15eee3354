using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealingCompass.Data;

/// <summary>
/// Settings every SQLite connection gets. secure_delete overwrites deleted content instead of leaving it
/// in free pages; foreign keys make deleting an account remove its keys and records; journal_size_limit = 0
/// shrinks the WAL to nothing whenever SQLite restarts it, so old frames do not linger past a checkpoint
/// (<see cref="Storage.CheckpointAfterDelete"/> truncates it after every delete).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 0;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
