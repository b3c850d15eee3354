using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Data.Tests.Journal.Evidence;

/// <summary>
/// A real journal on a real SQLite file, exported, checked by the app's verifier and by tools/verify-journal
/// (Python's standard library only), untouched and with each kind of tampering: both must agree on every case.
/// </summary>
public sealed class JournalExportRoundTripTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task An_export_verifies_and_exporting_twice_with_no_write_between_gives_the_same_head(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("exports.twice");
        await WriteJournalAsync(database, account);
        var exporter = Exporter(database);

        var first = await exporter.ExportAsync(account.UserId, account.Key, Cancel);
        var second = await exporter.ExportAsync(account.UserId, account.Key, Cancel);

        Assert.True(ExportVerifier.Verify(first).Verified);
        Assert.Equal(Convert.ToHexString(first.Head!.Hash), Convert.ToHexString(second.Head!.Hash));
        Assert.Equal(VersionChain.Fingerprint(await database.Journal.GetHeadAsync(account.UserId, Cancel)), first.Fingerprint);
        Assert.Equal(7, first.Versions.Count);
        // Erased versions carry hashes only; kept ones carry the exact bytes the digest covers.
        Assert.All(first.Versions.Where(v => v.Kind == VersionKind.Erase), v => Assert.Null(v.Content));
        Assert.Contains(first.Versions, v => v.Content is not null && Encoding.UTF8.GetString(v.Content).Contains("kept words", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Another_persons_versions_are_not_in_an_export(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var a = await database.AddAccountAsync("exports.a");
        using var b = await database.AddAccountAsync("exports.b");
        await WriteJournalAsync(database, a);

        var export = await Exporter(database).ExportAsync(b.UserId, b.Key, Cancel);

        Assert.Empty(export.Versions);
        Assert.True(ExportVerifier.Verify(export).Verified);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_app_and_the_independent_script_agree_on_an_untouched_export_and_on_every_tampering(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("exports.tampered");
        await WriteJournalAsync(database, account);
        var export = await Exporter(database).ExportAsync(account.UserId, account.Key, Cancel);
        var original = JournalExportJson.Write(export);

        var cases = new (string Name, Func<JsonNode, JsonNode> Tamper, string Expected)[]
        {
            ("untouched", j => j, "verified"),
            ("changed byte", j => ChangeContentByte(j, 2), "changed-content at 3"),
            ("removed version", j => { Versions(j).RemoveAt(3); return j; }, "removed-version at 4"),
            ("reordered versions", j => Swap(j, 1, 2), "reordered-versions at 2"),
            ("swapped salt", j => SwapField(j, "salt", 0, 2), "swapped-salt at 1"),
            ("replaced head", j => { j["head"]!["hash"] = Versions(j)[0]!["hash"]!.GetValue<string>(); return j; }, "replaced-head at 8"),
            ("last version cut", j => { Versions(j).RemoveAt(Versions(j).Count - 1); return j; }, "removed-version at 7"),
        };
        using var folder = new TempFolder();
        foreach (var (name, tamper, expected) in cases)
        {
            var json = Encoding.UTF8.GetBytes(tamper(JsonNode.Parse(original)!).ToJsonString());
            var app = AppSays(EvidenceZip.ReadUpload(new MemoryStream(json)));
            Assert.True(expected == app, $"{name}: the app says {app}");

            var zipPath = folder.Write(name.Replace(' ', '-') + ".zip", Zip(export, json));
            var jsonPath = folder.Write(name.Replace(' ', '-') + ".json", json);
            Assert.Equal(app, AppSays(EvidenceZip.ReadUpload(File.OpenRead(zipPath))));
            Assert.Equal(app, ScriptSays(zipPath));
            Assert.Equal(app, ScriptSays(jsonPath));
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_archive_starts_with_a_readme_saying_it_is_not_encrypted_and_the_script_reads_the_apps_own_zip(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("exports.zip");
        await WriteJournalAsync(database, account);
        var export = await Exporter(database).ExportAsync(account.UserId, account.Key, Cancel);
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, EvidenceZip.DownloadName);
        await using (var file = File.Create(path))
        {
            EvidenceZip.Write(file, export);
        }

        using (var zip = ZipFile.OpenRead(path))
        {
            Assert.Equal([EvidenceZip.ReadmeName, JournalExport.FileName], zip.Entries.Select(e => e.FullName));
            using var reader = new StreamReader(zip.Entries[0].Open());
            var readme = await reader.ReadToEndAsync(Cancel);
            Assert.StartsWith("THIS FILE IS NOT ENCRYPTED.", readme, StringComparison.Ordinal);
            Assert.Contains(export.Fingerprint, readme, StringComparison.Ordinal);
        }
        Assert.Equal($"verified {export.Fingerprint} 7 versions", RunScript(path).Output);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_format_document_names_every_field_the_app_writes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("exports.documented");
        await WriteJournalAsync(database, account);
        var json = System.Text.Json.Nodes.JsonNode.Parse(JournalExportJson.Write(await Exporter(database).ExportAsync(account.UserId, account.Key, Cancel)))!;
        var doc = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "docs", "evidence-format.md"), Cancel);

        var names = json.AsObject().Select(p => p.Key)
            .Concat(json["head"]!.AsObject().Select(p => p.Key))
            .Concat(json["versions"]!.AsArray().SelectMany(v => v!.AsObject().Select(p => p.Key)))
            .Distinct();
        Assert.All(names, name => Assert.Contains($"`{name}`", doc, StringComparison.Ordinal));
        Assert.Contains("HealingCompass.JournalChain.v1", doc, StringComparison.Ordinal);
    }

    /// <summary>Two entries: one created, edited twice and kept; one created, edited, removed and erased.</summary>
    private static async Task WriteJournalAsync(TestDatabase database, TestAccount account)
    {
        var journal = database.Journal;
        var kept = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "First telling of the kept words" }, Cancel)).EntryId!.Value;
        var gone = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "Words to erase" }, Cancel)).EntryId!.Value;
        await journal.EditAsync(account.UserId, account.Key, kept, new EntryContent { WhatHappened = "Second telling of the kept words" }, "remembered more", Cancel);
        await journal.EditAsync(account.UserId, account.Key, gone, new EntryContent { WhatHappened = "Words to erase, again" }, null, Cancel);
        await journal.RemoveAsync(account.UserId, account.Key, gone, Cancel);
        await journal.EraseAsync(account.UserId, gone, Cancel);
        await journal.EditAsync(account.UserId, account.Key, kept, new EntryContent { WhatHappened = "Third telling of the kept words" }, null, Cancel);
    }

    private static JournalExporter Exporter(TestDatabase database) => new(database.Contexts, TimeProvider.System);

    private static string AppSays(ExportReadResult read)
    {
        Assert.Null(read.ProblemMessage);
        var report = ExportVerifier.Verify(read.Export!);
        return report.FirstBreak is { } found ? $"{found.Code} at {found.Position}" : "verified";
    }

    private static string ScriptSays(string path)
    {
        var (code, output) = RunScript(path);
        if (output.StartsWith("verified", StringComparison.Ordinal))
        {
            Assert.Equal(0, code);
            return "verified";
        }
        Assert.Equal(1, code);
        Assert.StartsWith("broken ", output, StringComparison.Ordinal);
        return output["broken ".Length..output.IndexOf(':', StringComparison.Ordinal)];
    }

    internal static (int Code, string Output) RunScript(string path, params string[] more)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        foreach (var arg in more)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(error.Length == 0, error);
        return (process.ExitCode, output.Trim());
    }

    private static string Script => Path.Combine(RepositoryRoot, "tools", "verify-journal");

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "tools", "verify-journal")))
                {
                    return dir.FullName;
                }
            }
            throw new FileNotFoundException("tools/verify-journal was not found above the test's folder.");
        }
    }

    private static byte[] Zip(JournalExport export, byte[] json)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var readme = zip.CreateEntry(EvidenceZip.ReadmeName).Open())
            {
                readme.Write(Encoding.UTF8.GetBytes(EvidenceZip.Readme(export)));
            }
            using var entry = zip.CreateEntry(JournalExport.FileName).Open();
            entry.Write(json);
        }
        return buffer.ToArray();
    }

    private static JsonArray Versions(JsonNode json) => json["versions"]!.AsArray();

    private static JsonNode ChangeContentByte(JsonNode json, int index)
    {
        var version = Versions(json)[index]!;
        var bytes = Convert.FromBase64String(version["content"]!.GetValue<string>());
        bytes[bytes.Length / 2] ^= 0x20;
        version["content"] = Convert.ToBase64String(bytes);
        return json;
    }

    private static JsonNode Swap(JsonNode json, int a, int b)
    {
        var versions = Versions(json);
        var first = versions[a]!.DeepClone();
        var second = versions[b]!.DeepClone();
        versions[a] = second;
        versions[b] = first;
        return json;
    }

    private static JsonNode SwapField(JsonNode json, string field, int a, int b)
    {
        var versions = Versions(json);
        var first = versions[a]![field]!.DeepClone();
        versions[a]![field] = versions[b]![field]!.DeepClone();
        versions[b]![field] = first;
        return json;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hc-export-").FullName;

        public string Write(string name, byte[] bytes)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
