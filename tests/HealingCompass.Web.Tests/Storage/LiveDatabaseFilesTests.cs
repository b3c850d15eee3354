using System.Net;
using HealingCompass.Data;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Domain.Assessment;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Storage;

/// <summary>
/// The app running on Kestrel with its database in its own data folder: what the files on disk hold and
/// who may read them, looked at while the app is still up (its pooled connections keep the WAL open).
/// </summary>
public sealed class LiveDatabaseFilesTests : IDisposable
{
    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    private readonly KestrelApp app = KestrelApp.Start("Production");

    [Fact]
    public async Task A_deleted_draft_leaves_none_of_its_ciphertext_in_the_db_wal_or_shm_while_the_app_runs()
    {
        using var http = app.NewClient();
        var client = new AccountFormClient(http);
        var userId = await SignUpAsync(client, "deletes.draft");
        await using var held = await HoldConnectionAsync();
        var store = app.Services.GetRequiredService<SavedAssessmentStore>();
        using var key = DataKey.Create();
        var sentinel = $"SENTINEL-{Guid.NewGuid():N}";
        await store.SaveDraftAsync(userId, key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText($"Only mine: {sentinel}")), TestContext.Current.CancellationToken);
        var ciphertext = (await DraftPayloadAsync(userId))!.AsSpan(1, 32).ToArray();
        Assert.Contains(ReadFiles(), f => f.Contains(ciphertext)); // the scan sees it while it is saved

        // "Stop saving and delete the draft" calls exactly this.
        await store.DeleteDraftAsync(userId, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).Status); // the app is up and in use
        var files = ReadFiles();
        Assert.Contains(files, f => f.Name.EndsWith(".db", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Name.EndsWith("-wal", StringComparison.Ordinal)); // still open, emptied
        Assert.All(files, f => Assert.False(f.Contains(ciphertext), $"The deleted draft's ciphertext is still in {f.Name} ({f.Bytes.Length:N0} bytes)."));
        Assert.Null(await DraftPayloadAsync(userId));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes; Windows relies on the folder's ACL
    public async Task The_data_folder_is_owner_only_and_every_database_and_key_file_in_it_is_0600_while_the_app_runs()
    {
        using var http = app.NewClient();
        var client = new AccountFormClient(http);
        var userId = await SignUpAsync(client, "file.modes"); // writes the database and makes the first key
        await using var held = await HoldConnectionAsync();
        using var key = DataKey.Create();
        await app.Services.GetRequiredService<SavedAssessmentStore>().SaveDraftAsync(userId, key, new AnswerSet(), TestContext.Current.CancellationToken);

        const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(app.DataDirectory));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "keys")));
        var databaseFiles = Suffixes.Select(s => app.DatabasePath + s).ToList();
        var keyFiles = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        Assert.All(databaseFiles.Concat(keyFiles), path =>
        {
            Assert.True(File.Exists(path), $"{path} should exist while the app runs.");
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
        });
    }

    private async Task<string> SignUpAsync(AccountFormClient client, string prefix)
    {
        var userName = AccountsApp.NewUserName(prefix);
        await client.RegisterAsync(userName, AccountsApp.Password);
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.Users.SingleAsync(u => u.UserName == userName, TestContext.Current.CancellationToken)).Id;
    }

    /// <summary>
    /// One more open connection, as the app's pool keeps them (other tests in this process may clear idle
    /// pooled connections at any moment, which would let SQLite remove the WAL and hide what this looks at).
    /// </summary>
    private async Task<Microsoft.Data.Sqlite.SqliteConnection> HoldConnectionAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection(app.Services.GetRequiredService<HealingCompass.Data.Storage.DataStorage>().ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private IDbContextFactory<HealingCompassDbContext> Contexts => app.Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>();

    private async Task<byte[]?> DraftPayloadAsync(string userId)
    {
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.SavedAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.UserId == userId && a.IsDraft, TestContext.Current.CancellationToken))?.Payload;
    }

    /// <summary>Every byte of the database, WAL and shared-memory files as they are on disk right now.</summary>
    private List<(string Name, byte[] Bytes)> ReadFiles()
    {
        var files = new List<(string, byte[])>();
        foreach (var path in Suffixes.Select(s => app.DatabasePath + s).Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files.Add((Path.GetFileName(path), copy.ToArray()));
        }
        return files;
    }

    public void Dispose()
    {
        app.Dispose();
        app.DeleteDataDirectory();
    }
}

internal static class FileBytes
{
    public static bool Contains(this (string Name, byte[] Bytes) file, ReadOnlySpan<byte> needle) => file.Bytes.AsSpan().IndexOf(needle) >= 0;
}
