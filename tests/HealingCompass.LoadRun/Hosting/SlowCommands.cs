using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HealingCompass.LoadRun.Hosting;

/// <summary>
/// Database commands that took a second or more (or failed), with when they ended, so a wait that failed in the
/// browser can be lined up with what the database was doing. Only the first words of the SQL are kept (never
/// parameter values, which hold ciphertext and user ids).
/// </summary>
internal sealed class SlowCommands : DbCommandInterceptor
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);

    public ConcurrentQueue<string> Seen { get; } = new();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Note(command, eventData.Duration, null);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData.Duration, null);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Note(command, eventData.Duration, null);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Note(command, eventData.Duration, null);
        return result;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Note(command, eventData.Duration, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Note(command, eventData.Duration, eventData.Exception);
        return Task.CompletedTask;
    }

    private void Note(DbCommand command, TimeSpan duration, Exception? failure)
    {
        if (duration < Slow && failure is null)
        {
            return;
        }
        var text = command.CommandText.ReplaceLineEndings(" ");
        Seen.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} UTC {duration.TotalMilliseconds:N0} ms{(failure is null ? "" : " FAILED " + failure.GetType().Name)}: {text[..Math.Min(text.Length, 90)]}");
    }
}
