using System.Diagnostics;
using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Assessments;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.MyData;
using HealingCompass.Domain.Assessment;
using HealingCompass.Domain.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Benchmarks;

/// <summary>
/// "Take it with me" at a size beyond any real person's: 5,000 journal entries (each written and edited once, so
/// 10,000 versions of about 60 words), 100 files on the first 100 entries (5 MB in all) and 50 saved assessments. Exported, written as the ZIP, then checked and
/// imported into a new account in a second database; each step timed once (median of 3 runs) with the bytes
/// allocated, and the archive's size.
/// </summary>
internal static class MyDataMeasurements
{
    private const int Entries = 5_000;
    private const int Assessments = 50;
    private const int Files = 100;
    private const int FileBytes = 50 * 1024;

    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"healingcompass-mydata-bench-{Guid.NewGuid():N}");
        try
        {
            var (source, sourceUser) = await DatabaseAsync(Path.Combine(root, "source"));
            using var key = DataKey.Create();
            var journal = source.GetRequiredService<JournalStore>();
            var random = new Random(13);
            for (var i = 0; i < Entries; i++)
            {
                var id = (await journal.CreateAsync(sourceUser, key, Entry(random, i))).EntryId!.Value;
                await journal.EditAsync(sourceUser, key, id, Entry(random, i), "remembered more");
            }
            var files = source.GetRequiredService<HealingCompass.Data.Journal.Attachments.JournalAttachmentStore>();
            var entryIds = (await journal.AllAsync(sourceUser, key)).Select(e => e.Id).Take(Files).ToList();
            foreach (var entryId in entryIds)
            {
                // A PDF by its first bytes, then noise that does not compress: a scanned letter's size.
                var bytes = new byte[FileBytes];
                random.NextBytes(bytes);
                "%PDF-1.7\n"u8.CopyTo(bytes);
                var added = await files.AddAsync(sourceUser, key, entryId, "letter.pdf", new MemoryStream(bytes));
                if (!added.Saved)
                {
                    throw new InvalidOperationException("A benchmark file was not added: " + added.Message);
                }
            }
            var assessments = source.GetRequiredService<SavedAssessmentStore>();
            for (var i = 0; i < Assessments; i++)
            {
                await assessments.SaveCompletedAsync(sourceUser, key, new AnswerSet().Set("reflection.notes", AnswerValue.FreeText($"Looking back, time {i}")));
            }
            var exporter = source.GetRequiredService<MyDataExporter>();

            var exportTimes = new List<double>();
            var writeTimes = new List<double>();
            var importTimes = new List<double>();
            var checkTimes = new List<double>();
            long journalBytes = 0;
            long exportBytes = 0, writeBytes = 0, importBytes = 0, size = 0;
            for (var run = 0; run < 3; run++)
            {
                var (before, watch) = Start();
                var content = await exporter.ExportAsync(sourceUser, key);
                exportTimes.Add(watch.Elapsed.TotalMilliseconds);
                exportBytes = GC.GetTotalAllocatedBytes(precise: true) - before;

                (before, watch) = Start();
                using var zip = new MemoryStream();
                await MyDataJson.WriteArchiveAsync(zip, content, exporter.StreamFilesAsync(sourceUser, key, content));
                writeTimes.Add(watch.Elapsed.TotalMilliseconds);
                writeBytes = GC.GetTotalAllocatedBytes(precise: true) - before;
                size = zip.Length;

                zip.Position = 0;
                var parts = HealingCompass.Domain.MyData.MyDataArchive.Read(zip).Parts!;
                journalBytes = parts["journal.json"].Length;
                (before, watch) = Start();
                _ = MyDataImporter.Check(parts);
                checkTimes.Add(watch.Elapsed.TotalMilliseconds);

                var (target, targetUser) = await DatabaseAsync(Path.Combine(root, $"target-{run}"));
                using var targetKey = DataKey.Create();
                zip.Position = 0;
                (before, watch) = Start();
                var outcome = await target.GetRequiredService<MyDataImporter>().ImportAsync(targetUser, targetKey, zip);
                importTimes.Add(watch.Elapsed.TotalMilliseconds);
                importBytes = GC.GetTotalAllocatedBytes(precise: true) - before;
                if (!outcome.Imported || outcome.Summary!.JournalFingerprint != content.Journal.Fingerprint || outcome.Summary.JournalFiles != Files)
                {
                    throw new InvalidOperationException("The import did not come through: " + outcome.ProblemMessage);
                }
                await target.DisposeAsync();
            }
            Console.WriteLine($"{Entries:N0} entries ({2 * Entries + Files:N0} versions), {Files} files ({Files * FileBytes / 1024.0 / 1024.0:F1} MB), {Assessments} assessments; archive {size / 1024.0 / 1024.0:F1} MB");
            Console.WriteLine($"Export (read + decrypt): median {Median(exportTimes):F0} ms, {exportBytes / 1024.0 / 1024.0:F0} MB allocated");
            Console.WriteLine($"Write the ZIP:           median {Median(writeTimes):F0} ms, {writeBytes / 1024.0 / 1024.0:F0} MB allocated");
            Console.WriteLine($"Import (check + write):  median {Median(importTimes):F0} ms, {importBytes / 1024.0 / 1024.0:F0} MB allocated");
            Console.WriteLine($"  of which the check:    median {Median(checkTimes):F0} ms; journal.json {journalBytes / 1024.0 / 1024.0:F1} MB unpacked");
            await source.DisposeAsync();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    private static (long Before, Stopwatch Watch) Start()
    {
        GC.Collect();
        return (GC.GetTotalAllocatedBytes(precise: true), Stopwatch.StartNew());
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<(ServiceProvider Services, string UserId)> DatabaseAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DependencyInjection.ConnectionStringName}"] = $"Data Source={Path.Combine(folder, "healingcompass.db")}",
            [HealingCompass.Data.Storage.DataStorage.DataDirectorySetting] = folder,
        }).Build();
        var services = new ServiceCollection().AddData(configuration, folder).BuildServiceProvider();
        await services.MigrateDatabaseAsync();
        var user = new ApplicationUser { UserName = "bench", NormalizedUserName = "BENCH", SecurityStamp = "s" };
        await using var db = await services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return (services, user.Id);
    }

    private static EntryContent Entry(Random random, int i)
    {
        string[] words = ["shouted", "door", "phone", "money", "kitchen", "car", "silence", "message", "bus stop", "school", "late", "keys"];
        return new EntryContent
        {
            WhatHappened = $"Entry {i}: {string.Join(' ', Enumerable.Range(0, 60).Select(_ => words[random.Next(words.Length)]))}",
            Severity = random.Next(1, 6),
            Happened = new HappenedAt(new DateOnly(2025, 1, 1).AddDays(random.Next(600))),
        };
    }
}
