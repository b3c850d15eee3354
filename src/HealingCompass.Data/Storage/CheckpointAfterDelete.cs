using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealingCompass.Data.Storage;

/// <summary>
/// Deleted means gone from the files while the app runs. secure_delete overwrites a deleted row in the
/// database pages, but in WAL mode the row's earlier versions stay in the <c>-wal</c> file until it is
/// checkpointed and reset, which with pooled connections may not happen until the app stops. So after any
/// command that deletes (SaveChanges, ExecuteDelete, a migration, cascades included), once its work is
/// committed, the WAL is copied into the database and truncated to zero bytes:
/// <c>PRAGMA wal_checkpoint(TRUNCATE)</c>. It runs when EF closes the connection or commits a transaction,
/// so it never sees a half-done write.
/// </summary>
internal sealed partial class CheckpointAfterDelete : DbCommandInterceptor, IDbConnectionInterceptor, IDbTransactionInterceptor
{
    /// <summary>How often a checkpoint that found a reader in the way is tried again before it is left for later.</summary>
    internal const int Attempts = 5;

    private static readonly object Marker = new();

    private readonly ConditionalWeakTable<DbConnection, object> deletedOn = [];

    // A checkpoint blocked by another connection's open read is retried the next time any connection closes.
    private volatile bool pending;

    /// <summary>Checkpoints that ran to completion (for tests and diagnostics).</summary>
    internal int Completed => completed;

    private int completed;

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Note(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Note(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Note(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        CheckpointIfDeleted(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        CheckpointIfDeleted(connection);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        // A committed transaction no longer names its connection; the context still does.
        if (eventData.Context?.Database.GetDbConnection() is { } connection)
        {
            CheckpointIfDeleted(connection);
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Note(DbCommand command)
    {
        if (command.Connection is { } connection && Deletes().IsMatch(command.CommandText))
        {
            deletedOn.AddOrUpdate(connection, Marker);
        }
    }

    private void CheckpointIfDeleted(DbConnection connection)
    {
        var deleted = deletedOn.TryGetValue(connection, out _);
        if ((!deleted && !pending) || connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }
        deletedOn.Remove(connection);
        // Microsoft.Data.Sqlite's async calls run synchronously anyway; one code path for both.
        for (var attempt = 1; attempt <= (deleted ? Attempts : 1); attempt++)
        {
            if (TryCheckpoint(connection))
            {
                pending = false;
                Interlocked.Increment(ref completed);
                return;
            }
            Thread.Sleep(10 * attempt);
        }
        pending = true;
    }

    /// <summary>True when SQLite copied and truncated the whole WAL (its first result column, "busy", is 0).</summary>
    private static bool TryCheckpoint(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        try
        {
            using var reader = command.ExecuteReader();
            return reader.Read() && reader.GetInt64(0) == 0;
        }
        catch (DbException)
        {
            // Busy or locked by a writer on another connection: the next close tries again.
            return false;
        }
    }

    // The statements that remove content: EF's DELETE (also from ExecuteDelete) and a migration's DROP TABLE.
    [GeneratedRegex(@"\b(DELETE\s+FROM|DROP\s+TABLE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Deletes();
}
