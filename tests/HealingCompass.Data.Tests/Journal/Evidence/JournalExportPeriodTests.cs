using System.IO.Compression;
using System.Text.Json.Nodes;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Data.Tests.Journal.Evidence;

/// <summary>
/// Exports of a period and exports after exports, from a real SQLite file, checked by the app and by
/// tools/verify-journal: the chain is never cut, and every earlier head is confirmed as a point of the later chain.
/// </summary>
public sealed class JournalExportPeriodTests
{
    private static readonly DateOnly March1 = new(2026, 3, 1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_period_export_keeps_every_version_and_hash_but_only_the_periods_words_and_both_checkers_say_so(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("period.export");
        var journal = database.Journal;
        await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "In March, with the March words", Happened = new HappenedAt(new DateOnly(2026, 3, 10)) }, Cancel);
        var february = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "February words", Happened = new HappenedAt(new DateOnly(2026, 2, 10)) }, Cancel)).EntryId!.Value;
        await journal.EditAsync(account.UserId, account.Key, february, new EntryContent { WhatHappened = "February words, told again", Happened = new HappenedAt(new DateOnly(2026, 2, 11)) }, null, Cancel);

        var export = await new JournalExporter(database.Contexts, TimeProvider.System).ExportAsync(account.UserId, account.Key, new ExportPeriod(March1, new DateOnly(2026, 3, 31)), Cancel);

        Assert.Equal(3, export.Versions.Count);
        Assert.Equal(VersionChain.Fingerprint(await journal.GetHeadAsync(account.UserId, Cancel)), export.Fingerprint);
        Assert.All(export.Versions.Where(v => v.EntryId == february), v => Assert.True(v.OutsidePeriod && v.Content is null && v.Salt is null));
        var json = System.Text.Encoding.UTF8.GetString(JournalExportJson.Write(export));
        Assert.Contains("March words", System.Text.Encoding.UTF8.GetString(export.Versions[0].Content!), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String("February"u8.ToArray())[..8], json, StringComparison.Ordinal);

        var report = ExportVerifier.Verify(export);
        Assert.True(report.Verified, report.FirstBreak?.Describe());
        Assert.Equal(2, report.OutsidePeriod);
        using var folder = new TempFolder();
        var path = folder.Zip(export);
        var (code, output) = JournalExportRoundTripTests.RunScript(path);
        Assert.Equal(0, code);
        Assert.Equal($"verified {export.Fingerprint} 3 versions\noutside-period 2", output);

        // Tampering with a version outside the period is caught the same way, by both.
        var original = JournalExportJson.Write(export);
        var cases = new (string Name, Func<JsonNode, JsonNode> Tamper)[]
        {
            ("outside digest changed", j => { var v = j["versions"]![1]!; var d = v["contentDigest"]!.GetValue<string>(); v["contentDigest"] = (d[0] == 'a' ? "b" : "a") + d[1..]; return j; }),
            ("outside version removed", j => { j["versions"]!.AsArray().RemoveAt(1); return j; }),
            ("inside words marked outside", j => { var v = j["versions"]![0]!; v["outsidePeriod"] = true; v["content"] = null; return j; }),
        };
        foreach (var (name, tamper) in cases)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(tamper(JsonNode.Parse(original)!).ToJsonString());
            var read = JournalExportJson.Read(bytes);
            var app = ExportVerifier.Verify(read.Export!).FirstBreak is { } found ? $"broken {found.Code} at {found.Position}" : "verified";
            var jsonPath = Path.Combine(folder.Path, name.Replace(' ', '-') + ".json");
            await File.WriteAllBytesAsync(jsonPath, bytes, Cancel);
            var script = JournalExportRoundTripTests.RunScript(jsonPath).Output.Split('\n')[0];
            Assert.True(script.StartsWith(app, StringComparison.Ordinal), $"{name}: the app says {app}, the script {script}");
            Assert.StartsWith("broken", app, StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Exporting_twice_gives_the_same_head_and_a_later_export_confirms_each_earlier_head_in_the_app_and_the_script(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("earlier.heads");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var exporter = new JournalExporter(database.Contexts, clock);
        var journal = database.Journal;
        var entry = (await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "The first words" }, Cancel)).EntryId!.Value;
        await journal.EditAsync(account.UserId, account.Key, entry, new EntryContent { WhatHappened = "The first words, again" }, null, Cancel);

        var first = await exporter.ExportAsync(account.UserId, account.Key, Cancel);
        clock.Advance(TimeSpan.FromDays(1));
        var second = await exporter.ExportAsync(account.UserId, account.Key, Cancel);
        Assert.Equal(Convert.ToHexString(first.Head!.Hash), Convert.ToHexString(second.Head!.Hash));
        Assert.Empty(first.Earlier);
        var listed = Assert.Single(second.Earlier);
        Assert.Equal((2L, first.Fingerprint, first.ExportedAt), (listed.Length, listed.Fingerprint, listed.ExportedAt));

        await journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "Later words" }, Cancel);
        clock.Advance(TimeSpan.FromDays(1));
        var third = await exporter.ExportAsync(account.UserId, account.Key, Cancel);

        // The same head exported twice is listed once, at the first time.
        var earlier = Assert.Single(third.Earlier);
        Assert.Equal(first.ExportedAt, earlier.ExportedAt);
        var report = ExportVerifier.Verify(third);
        Assert.True(report.Verified);
        var check = Assert.Single(report.EarlierHeads!);
        Assert.Equal(2, check.Position);
        Assert.Equal($"Your earlier fingerprint {first.Fingerprint} matches this chain at version 2 of 3: nothing up to then was rewritten.", check.Describe());

        using var folder = new TempFolder();
        var path = folder.Zip(third);
        Assert.Equal($"verified {third.Fingerprint} 3 versions\nearlier {first.Fingerprint} matches at 2", JournalExportRoundTripTests.RunScript(path).Output);
        var typed = JournalExportRoundTripTests.RunScript(path, "--earlier", first.Fingerprint.ToLowerInvariant());
        Assert.EndsWith($"earlier {first.Fingerprint} matches at 2", typed.Output, StringComparison.Ordinal);
        Assert.Equal(2, ExportVerifier.CheckFingerprint(third, report, first.Fingerprint)!.Position);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_export_record_holds_no_readable_head_or_time_and_goes_with_the_account(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("export.record");
        await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "Words" }, Cancel);
        var export = await new JournalExporter(database.Contexts, TimeProvider.System).ExportAsync(account.UserId, account.Key, Cancel);

        await using (var db = await database.Contexts.CreateDbContextAsync(Cancel))
        {
            var record = await db.JournalExportRecords.SingleAsync(r => r.UserId == account.UserId, Cancel);
            Assert.Equal(-1, record.Payload.AsSpan().IndexOf(export.Head!.Hash));
            Assert.Equal(-1, record.Payload.AsSpan().IndexOf(BitConverter.GetBytes(export.ExportedAt.ToUnixTimeMilliseconds()).Reverse().ToArray().AsSpan(0, 6)));
            await db.Users.Where(u => u.Id == account.UserId).ExecuteDeleteAsync(Cancel);
            Assert.False(await db.JournalExportRecords.AnyAsync(Cancel));
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("hc-period-").FullName;

        public string Zip(JournalExport export)
        {
            var path = System.IO.Path.Combine(Path, EvidenceZip.DownloadName);
            using (var file = File.Create(path))
            {
                EvidenceZip.Write(file, export);
            }
            using (var zip = ZipFile.OpenRead(path))
            {
                Assert.Contains(zip.Entries, e => e.FullName == JournalExport.FileName);
            }
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
