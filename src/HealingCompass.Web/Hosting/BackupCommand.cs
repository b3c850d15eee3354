using HealingCompass.Data.Storage;

namespace HealingCompass.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/HealingCompass.Web -- --backup-to=/path/to/copy.db</c>: an online copy of the
/// configured database (see <see cref="DatabaseBackup"/>), safe while another instance of the app is serving.
/// Runs instead of the app; no migration, no web server.
/// </summary>
internal static class BackupCommand
{
    public const string Setting = "backup-to";

    /// <summary>True when the command line asked for a backup (which has then run, and set the exit code).</summary>
    public static async Task<bool> RunBackupIfAskedAsync(this WebApplication app)
    {
        var target = app.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(target))
        {
            return false;
        }
        if (HealingCompass.Data.DependencyInjection.ReadProvider(app.Configuration) == HealingCompass.Data.DatabaseProvider.PostgreSql)
        {
            // Copying a live PostgreSQL database is its own tools' job; a file named like a SQLite copy would mislead.
            await Console.Error.WriteLineAsync(
                "The backup was not made: this app keeps its data in PostgreSQL, and --backup-to copies a SQLite database only. " +
                "Use pg_dump or your database service's snapshots instead (docs/deploy.md, \"Several instances on PostgreSQL\").");
            Environment.ExitCode = 1;
            return true;
        }
        try
        {
            var bytes = await app.Services.GetRequiredService<DatabaseBackup>().BackupAsync(target);
            await Console.Out.WriteLineAsync($"Backed up the database to {Path.GetFullPath(target)} ({bytes:N0} bytes).");
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"The backup was not made: {ex.Message}");
            Environment.ExitCode = 1;
        }
        return true;
    }
}
