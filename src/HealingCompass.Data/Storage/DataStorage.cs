using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace HealingCompass.Data.Storage;

/// <summary>
/// Where the app keeps its files: one data folder (owner-only, 0700) holding the SQLite database and the
/// Data Protection key ring, each file owner-only (0600). Outside the source tree by default, so a
/// checkout, a build or a copy of the repository never carries anyone's data.
/// </summary>
public sealed class DataStorage
{
    /// <summary>The setting that names the data folder; relative paths are taken from the content root.</summary>
    public const string DataDirectorySetting = "Storage:DataDirectory";

    public const string DatabaseFileName = "healingcompass.db";

    internal const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private DataStorage(string dataDirectory, string connectionString, string? databasePath)
    {
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        DatabasePath = databasePath;
    }

    /// <summary>The data folder (created 0700).</summary>
    public string DataDirectory { get; }

    /// <summary>The folder for the Data Protection key ring, inside the data folder.</summary>
    public string KeyRingDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>The SQLite connection string, with its file resolved to a full path; empty on PostgreSQL.</summary>
    public string ConnectionString { get; }

    /// <summary>The main database file, or null for an in-memory database or PostgreSQL.</summary>
    public string? DatabasePath { get; }

    /// <summary>
    /// Resolves the folders from configuration and makes them safe to use: the data folder and the key ring
    /// folder exist with mode 0700, and the database file (created empty if new) and any <c>-wal</c> and
    /// <c>-shm</c> next to it have mode 0600. SQLite gives the journal files the mode of the database file,
    /// so creating that one 0600 covers the files SQLite makes later.
    /// </summary>
    /// <param name="configuration">The app's settings.</param>
    /// <param name="contentRoot">The folder relative paths are taken from.</param>
    /// <param name="sqlite">False when the data lives in PostgreSQL: then the folders are still made (the key ring
    /// lives there), but the connection string is the server's and is neither read nor kept here, and there is no file.</param>
    public static DataStorage Prepare(IConfiguration configuration, string contentRoot, bool sqlite = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var dataDirectory = ResolveDataDirectory(configuration[DataDirectorySetting], contentRoot);
        CreatePrivateFolder(dataDirectory, tighten: true);
        CreatePrivateFolder(Path.Combine(dataDirectory, "keys"), tighten: true);
        if (!sqlite)
        {
            return new DataStorage(dataDirectory, string.Empty, null);
        }

        var configured = configuration.GetConnectionString(DependencyInjection.ConnectionStringName);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DatabaseFileName}" : configured);
        string? databasePath = null;
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            databasePath = Path.GetFullPath(builder.DataSource, dataDirectory);
            builder.DataSource = databasePath;
            // A folder named by a connection string may be shared (e.g. /tmp): create it private, never change it.
            CreatePrivateFolder(Path.GetDirectoryName(databasePath)!, tighten: false);
            SecureDatabaseFiles(databasePath);
        }
        return new DataStorage(dataDirectory, builder.ToString(), databasePath);
    }

    /// <summary>
    /// The configured folder, or by default the platform's per-user application data folder
    /// (<c>~/.local/share/HealingCompass</c> on Linux, <c>%LOCALAPPDATA%\HealingCompass</c> on Windows).
    /// </summary>
    internal static string ResolveDataDirectory(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }
        var perUser = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(perUser)
            ? Path.Combine(contentRoot, "App_Data") // no home folder at all (a bare service account): fall back to the content root
            : Path.Combine(perUser, "HealingCompass");
    }

    /// <summary>Sets 0600 on a file of the app's own (key ring files, database files); no-op on Windows.</summary>
    public static void MakePrivate(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    private static void SecureDatabaseFiles(string databasePath)
    {
        if (!File.Exists(databasePath))
        {
            // An empty file is a valid new SQLite database; making it here lets us choose its mode.
            if (OperatingSystem.IsWindows())
            {
                File.Create(databasePath).Dispose();
            }
            else
            {
                new FileStream(databasePath, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode }).Dispose();
            }
        }
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            MakePrivate(databasePath + suffix);
        }
    }

    private static void CreatePrivateFolder(string path, bool tighten)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, FolderMode);
        }
        else if (tighten)
        {
            File.SetUnixFileMode(path, FolderMode);
        }
    }
}
