using System.Diagnostics;

namespace HealingCompass.Web.Tests.Reliability;

/// <summary>
/// Real faults on a real data folder, made the way an operator would meet them. The tests run as root here, and
/// root ignores file modes, so "read-only" is <c>chattr +i</c> (immutable: refused even to root) on the database
/// and its <c>-wal</c> and the folder. Never on the <c>-shm</c>: SQLite maps it into memory, and a write to an
/// immutable mapped file kills the process with SIGBUS (seen with python3's sqlite3 while finding this out).
/// </summary>
internal static class StorageFaults
{
    /// <summary>Makes the database, its WAL and the folder immutable until the returned value is disposed.</summary>
    public static IDisposable ReadOnly(string dataDirectory)
    {
        var paths = new[] { Path.Combine(dataDirectory, "healingcompass.db"), Path.Combine(dataDirectory, "healingcompass.db-wal"), dataDirectory }
            .Where(p => File.Exists(p) || Directory.Exists(p)).ToArray();
        Run("chattr", ["+i", .. paths]);
        return new Undo(() => Run("chattr", ["-i", .. paths]));
    }

    /// <summary>A tmpfs of <paramref name="megabytes"/> mounted at a new folder, for a disk that can fill up.</summary>
    public static (string Folder, IDisposable Unmount) SmallDisk(int megabytes)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"healingcompass-smalldisk-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Run("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", folder]);
        return (folder, new Undo(() =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Run("umount", ["-l", folder]);
            Directory.Delete(folder);
        }));
    }

    /// <summary>
    /// Empties the database's write-ahead log into the file and truncates it to nothing, so the next write has to
    /// grow it: without this, a write can land in WAL space already on disk and a full disk goes unnoticed.
    /// </summary>
    public static void TruncateWal(string databasePath)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }

    /// <summary>Fills the disk under <paramref name="folder"/> with one file until no byte more fits; returns its path.</summary>
    public static string Fill(string folder)
    {
        var path = Path.Combine(folder, "filler");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // No space left on device: the disk is full.
        }
        return path;
    }

    /// <summary>
    /// Another process (python3's sqlite3) holding <c>BEGIN EXCLUSIVE</c> on the database; returns once the lock
    /// is held and lets it go <paramref name="holdFor"/> later, or at dispose.
    /// </summary>
    public static async Task<Process> LockAsync(string databasePath, TimeSpan holdFor)
    {
        var script = "import sqlite3, sys, time\n" +
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n" +
            "c.execute('BEGIN EXCLUSIVE')\n" +
            "print('locked', flush=True)\n" +
            "time.sleep(float(sys.argv[2]))\n" +
            "c.execute('COMMIT')\n" +
            "print('released', flush=True)\n";
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", script, databasePath, holdFor.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync();
        if (line != "locked")
        {
            throw new InvalidOperationException($"The locking process did not take the lock: {line}");
        }
        return process;
    }

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            if (!done)
            {
                done = true;
                undo();
            }
        }
    }
}
