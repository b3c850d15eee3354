using System.Runtime.Versioning;
using HealingCompass.Data.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Data.Tests.Storage;

/// <summary>Where the data folder is, and that it and every file in it are readable by the app's own user only.</summary>
[UnsupportedOSPlatform("windows")] // Unix file modes; on Windows the folder's ACL is the operator's to set
public sealed class DataStorageTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadableFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"healingcompass-storage-tests-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_new_data_folder_is_0700_and_the_database_and_its_journal_files_are_0600()
    {
        var folder = Path.Combine(root, "data");

        await using (var services = AddData(folder))
        {
            await services.MigrateDatabaseAsync(TestContext.Current.CancellationToken);
            // Held open, as the running app's pool does: other tests clear idle pooled connections at any time.
            await using var open = new Microsoft.Data.Sqlite.SqliteConnection(services.GetRequiredService<DataStorage>().ConnectionString);
            await open.OpenAsync(TestContext.Current.CancellationToken);
            // Opening alone touches no file; a read makes SQLite open (or recreate) the -wal and -shm.
            await using (var read = open.CreateCommand())
            {
                read.CommandText = "SELECT count(*) FROM sqlite_master";
                await read.ExecuteScalarAsync(TestContext.Current.CancellationToken);
            }

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(folder, "keys")));
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                var path = Path.Combine(folder, DataStorage.DatabaseFileName + suffix);
                Assert.True(File.Exists(path), $"{path} should exist while connections are open.");
                Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
            }
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_world_readable_folder_and_database_from_an_older_version_are_tightened_at_start()
    {
        var folder = Path.Combine(root, "old");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var database = Path.Combine(folder, DataStorage.DatabaseFileName);
        await File.WriteAllBytesAsync(database, [], TestContext.Current.CancellationToken);
        File.SetUnixFileMode(database, WorldReadableFile);
        await File.WriteAllBytesAsync(database + "-wal", [], TestContext.Current.CancellationToken);
        File.SetUnixFileMode(database + "-wal", WorldReadableFile);

        await using (AddData(folder))
        {
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database + "-wal"));
        }
    }

    [Fact]
    public async Task A_shared_folder_named_by_a_connection_string_is_left_as_it_is_but_the_file_is_0600()
    {
        var shared = Path.Combine(root, "shared");
        Directory.CreateDirectory(shared);
        const UnixFileMode SharedMode = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(shared, SharedMode);
        var database = Path.Combine(shared, "elsewhere.db");

        await using (AddData(Path.Combine(root, "data"), $"Data Source={database}"))
        {
            Assert.Equal(SharedMode, File.GetUnixFileMode(shared));
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(database));
        }
    }

    [Fact]
    public void By_default_the_data_folder_is_outside_the_content_root_and_a_relative_setting_is_taken_from_it()
    {
        var contentRoot = Path.Combine(root, "src", "HealingCompass.Web");

        var byDefault = DataStorage.ResolveDataDirectory(null, contentRoot);
        var relative = DataStorage.ResolveDataDirectory("../../data", contentRoot);

        Assert.False(byDefault.StartsWith(contentRoot, StringComparison.Ordinal), byDefault);
        Assert.EndsWith("HealingCompass", byDefault, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(root, "data"), relative);
    }

    private static ServiceProvider AddData(string dataDirectory, string? connectionString = null)
    {
        var settings = new Dictionary<string, string?> { [DataStorage.DataDirectorySetting] = dataDirectory };
        if (connectionString is not null)
        {
            settings[$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = connectionString;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddData(configuration, Path.Combine(dataDirectory, "content-root")).BuildServiceProvider();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
