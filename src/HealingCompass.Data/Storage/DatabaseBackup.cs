using Microsoft.Data.Sqlite;

namespace HealingCompass.Data.Storage;

/// <summary>
/// An online backup of the SQLite database while the app runs: <c>VACUUM INTO</c> writes a fresh, consistent copy
/// from one read transaction, so writers carry on and the copy holds no free pages — nothing deleted before the
/// backup lingers in it. The copy holds what the database holds: ciphertext for everything a person wrote, so it
/// is as safe to keep as the database itself, and no safer (see docs/reliability.md).
/// </summary>
public sealed class DatabaseBackup(DataStorage storage)
{
    /// <summary>Writes the copy to <paramref name="target"/>, which must not exist yet; the file is owner-only (0600).</summary>
    /// <returns>The copy's length in bytes.</returns>
    /// <exception cref="InvalidOperationException">The database is in memory, or the target exists or cannot be written.</exception>
    public async Task<long> BackupAsync(string target, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        if (storage.DatabasePath is null)
        {
            throw new InvalidOperationException("The database is in memory; there is no file to back up.");
        }
        var full = Path.GetFullPath(target);
        // Created empty and owner-only first (CreateNew: an existing file is never overwritten); VACUUM INTO accepts
        // an empty file and writes into it, so the copy is never readable by others, not even for a moment.
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = DataStorage.FileMode;
            }
            using (new FileStream(full, options))
            {
            }
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Cannot create {full}: it already exists or its folder cannot be written. A backup never overwrites a file.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException($"Cannot create {full}: no permission to write there.", ex);
        }
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(storage.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", full);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new FileInfo(full).Length;
    }
}
