using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using HealingCompass.Data.Storage;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Tests.Accounts;
using HealingCompass.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Web.Tests.Storage;

/// <summary>
/// The online backup (docs/reliability.md): taken while the app serves, restored as the data folder of a fresh app on
/// real Kestrel, where the person signs in with their password and gets their journal back, verified. The copy holds
/// ciphertext only, is owner-only, and never overwrites a file. The command line runs the same backup.
/// </summary>
public sealed class DatabaseBackupTests : IDisposable
{
    private readonly string restoredFolder = KestrelApp.NewDataDirectory();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_backup_taken_while_the_app_runs_restores_into_a_fresh_app_where_the_person_reads_their_verified_journal()
    {
        var sentinel = $"SENTINEL-{Guid.NewGuid():N}";
        string userName;
        string backupPath = Path.Combine(restoredFolder, "healingcompass.db");
        Directory.CreateDirectory(restoredFolder);
        using (var app = new AccountsApp())
        {
            var (client, name, _) = await app.SignUpAsync("backed.up");
            userName = name;
            using (client)
            {
                var userId = (await app.FindUserAsync(userName))!.Id;
                using var key = (await app.ReadKeyringAsync(userId)).UnlockWithPassword(userId, AccountsApp.Password);
                var journal = app.Services.GetRequiredService<JournalStore>();
                await journal.CreateAsync(userId, key, new EntryContent { WhatHappened = $"Before the backup: {sentinel}" }, Cancel);

                var bytes = await app.Services.GetRequiredService<DatabaseBackup>().BackupAsync(backupPath, Cancel);

                Assert.Equal(new FileInfo(backupPath).Length, bytes);
                await journal.CreateAsync(userId, key, new EntryContent { WhatHappened = "After the backup" }, Cancel);
                var again = await Assert.ThrowsAsync<InvalidOperationException>(() => app.Services.GetRequiredService<DatabaseBackup>().BackupAsync(backupPath, Cancel));
                Assert.Contains("never overwrites", again.Message, StringComparison.Ordinal);
            }
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backupPath));
        Assert.DoesNotContain(sentinel, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(backupPath, Cancel)), StringComparison.Ordinal);

        // A fresh app on the copy alone (its key ring is new: only sign-in cookies depend on it).
        using var restored = KestrelApp.Start("Production", restoredFolder, new Dictionary<string, string?>
        {
            ["Accounts:KeyDerivationMemoryKiB"] = HealingCompass.Data.Encryption.KdfParameters.MinimumMemoryKiB.ToString(CultureInfo.InvariantCulture),
            ["Accounts:KeyDerivationIterations"] = HealingCompass.Data.Encryption.KdfParameters.MinimumIterations.ToString(CultureInfo.InvariantCulture),
        });
        using var person = new AccountFormClient(restored.NewClient());
        await person.SignInAsync(userName, AccountsApp.Password);
        using var response = await person.Http.GetAsync(new Uri("/journal-export", UriKind.Relative), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Cancel), ZipArchiveMode.Read);
        using var json = new MemoryStream();
        await using (var entry = await zip.GetEntry(JournalExport.FileName)!.OpenAsync(Cancel))
        {
            await entry.CopyToAsync(json, Cancel);
        }
        var export = JournalExportJson.Read(json.ToArray()).Export!;

        Assert.True(ExportVerifier.Verify(export).Verified);
        var only = Assert.Single(export.Versions);
        Assert.Equal($"Before the backup: {sentinel}", EntryJson.Read(only.Content).Content.WhatHappened);
    }

    [Fact]
    public async Task The_backup_command_copies_the_database_of_a_running_app_and_refuses_to_overwrite_a_file()
    {
        using var app = new AccountsApp();
        var (client, _, _) = await app.SignUpAsync("command.line");
        client.Dispose();
        Directory.CreateDirectory(restoredFolder);
        var target = Path.Combine(restoredFolder, "copy.db");

        var (first, output) = await RunBackupCommandAsync(app.Server.DataDirectory, target);
        var (second, refusal) = await RunBackupCommandAsync(app.Server.DataDirectory, target);

        Assert.Equal(0, first);
        Assert.Contains("Backed up the database", output, StringComparison.Ordinal);
        Assert.True(new FileInfo(target).Length > 4096);
        Assert.Equal(1, second);
        Assert.Contains("The backup was not made", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refusal, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public async Task The_backup_command_on_postgresql_says_kindly_to_use_pg_dump_and_writes_no_file()
    {
        Directory.CreateDirectory(restoredFolder);
        var target = Path.Combine(restoredFolder, "copy.db");

        var (exitCode, output) = await RunBackupCommandAsync(restoredFolder, target, new Dictionary<string, string>
        {
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__HealingCompass"] = "Host=127.0.0.1;Port=1;Database=never-reached",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("The backup was not made", output, StringComparison.Ordinal);
        Assert.Contains("pg_dump", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(restoredFolder))
        {
            Directory.Delete(restoredFolder, recursive: true);
        }
    }

    /// <summary>The app's own built entry point, run as the README shows, against <paramref name="dataDirectory"/>.</summary>
    private static async Task<(int ExitCode, string Output)> RunBackupCommandAsync(string dataDirectory, string target, IReadOnlyDictionary<string, string>? settings = null)
    {
        // tests/HealingCompass.Web.Tests/bin/<Configuration>/<tfm>/ → src/HealingCompass.Web/bin/<Configuration>/<tfm>/
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var webDll = Path.Combine(root, "src", "HealingCompass.Web", "bin", testBin.Parent!.Name, testBin.Name, "HealingCompass.Web.dll");
        var start = new ProcessStartInfo("dotnet", [webDll, $"--{HealingCompass.Web.Hosting.BackupCommand.Setting}={target}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output + await error);
    }
}
