using System.Diagnostics;
using System.Globalization;
using HealingCompass.Data.Accounts;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HealingCompass.Benchmarks;

/// <summary>
/// Journal files for one person: adding one (hash, metadata, the copy without metadata, encryption, a new
/// version), opening one, and the export's files part — 100 files, about 5 MB, half photos with their clean
/// copies — against a floor in the same run: reading and decrypting the same rows without building anything.
/// </summary>
internal static class AttachmentMeasurements
{
    private const int Files = 100;

    public static async Task RunAsync()
    {
        await using var bench = await BenchDatabase.CreateAsync("attach");
        var journal = bench.Services.GetRequiredService<JournalStore>();
        var files = bench.Services.GetRequiredService<JournalAttachmentStore>();
        var exporter = bench.Services.GetRequiredService<JournalExporter>();
        var contexts = bench.Contexts;
        var user = bench.User;
        using var key = DataKey.Create();
        var random = new Random(12);
        var total = 0L;
        var adds = new List<double>();
        Guid lastFile = default;
        for (var i = 0; i < Files; i++)
        {
            var entry = (await journal.CreateAsync(user.Id, key, new EntryContent { WhatHappened = $"Entry {i} with a file" })).EntryId!.Value;
            var (name, bytes) = i % 2 == 0 ? ($"photo{i}.jpg", Photo(random)) : ($"scan{i}.pdf", Pdf(random, 52_000));
            total += bytes.Length;
            var watch = Stopwatch.StartNew();
            var added = await files.AddAsync(user.Id, key, entry, name, new MemoryStream(bytes));
            adds.Add(watch.Elapsed.TotalMilliseconds);
            lastFile = added.Attachment?.Id ?? throw new InvalidOperationException(added.Message);
        }
        var big = (await journal.CreateAsync(user.Id, key, new EntryContent { WhatHappened = "A long recording" })).EntryId!.Value;
        var tenMb = Pdf(random, 10 * 1024 * 1024 - 64);
        var bigAdds = new List<double>();
        var bigFile = Guid.Empty;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var added = await files.AddAsync(user.Id, key, big, $"long{i}.pdf", new MemoryStream(tenMb));
            bigAdds.Add(watch.Elapsed.TotalMilliseconds);
            bigFile = added.Attachment!.Id;
        }
        await journal.EraseAsync(user.Id, big); // the export below holds the 100 files only

        var export = await exporter.ExportAsync(user.Id, key);
        var exportFiles = await JournalMeasurements.MeasureAsync(15, async () =>
        {
            var listed = await exporter.ExportFilesAsync(user.Id, key, export);
            using var zip = new System.IO.Compression.ZipArchive(Stream.Null, System.IO.Compression.ZipArchiveMode.Create);
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, bytes) in listed.SelectMany(file => EvidenceFiles.Entries(file, written)))
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression).Open();
                entry.Write(bytes);
            }
        });
        var floor = await JournalMeasurements.MeasureAsync(15, async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            foreach (var row in await db.JournalAttachments.AsNoTracking().Where(a => a.UserId == user.Id).ToListAsync())
            {
                _ = FieldCipher.Decrypt(key, row.Payload, JournalAttachmentStore.Binding(user.Id, row.Id));
                if (row.WithoutMetadata is { } clean)
                {
                    _ = FieldCipher.Decrypt(key, clean, JournalAttachmentStore.CleanBinding(user.Id, row.Id));
                }
            }
        });
        var open = await JournalMeasurements.MeasureAsync(30, () => files.OpenAsync(user.Id, key, lastFile));
        // Someone else asking: a real file's id (theirs is not) against a made-up one, interleaved so the
        // machine's noise falls on both alike. Both must be the same not-found, at the same cost.
        var stranger = new ApplicationUser { UserName = "stranger", NormalizedUserName = "STRANGER", SecurityStamp = "t" };
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Users.Add(stranger);
            await db.SaveChangesAsync();
        }
        using var strangerKey = DataKey.Create();
        var realId = new List<double>();
        var madeUp = new List<double>();
        for (var i = 0; i < 400; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = await files.OpenAsync(stranger.Id, strangerKey, i % 2 == 0 ? lastFile : Guid.NewGuid()) is null ? 0 : throw new InvalidOperationException("a stranger opened a file");
            (i % 2 == 0 ? realId : madeUp).Add(watch.Elapsed.TotalMilliseconds);
        }
        realId.Sort();
        madeUp.Sort();

        adds.Sort();
        bigAdds.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Files} files, {total / 1024.0 / 1024:F1} MB in all (50 photos and 50 PDFs, about {total / Files / 1024} KB each on average)."));
        Console.WriteLine("| Operation | Median | p95 |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Add one file of ~50 KB (read, check, hash, metadata, clean copy, encrypt, new version) | {adds[adds.Count / 2]:F1} ms | {adds[(int)(adds.Count * 0.95)]:F1} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Add one 10 MB file | {bigAdds[1]:F0} ms | {bigAdds[2]:F0} ms (max of 3) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Open one ~50 KB file for /journal-file | {open.Median:F2} ms | {open.P95:F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Another person asks for that file's real id (not found) | {realId[100]:F3} ms | {realId[190]:F3} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Another person asks for a made-up id (not found) | {madeUp[100]:F3} ms | {madeUp[190]:F3} ms |"));
        var ratio = exportFiles.Median / floor.Median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Export's files part: 100 originals + 50 clean copies decrypted into a ZIP | {exportFiles.Median:F0} ms | {exportFiles.P95:F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Floor: read and decrypt the same 100 rows (both fields) | {floor.Median:F0} ms | {floor.P95:F0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Ratio (median): {ratio:F2}× (budget ≤ 3×: {(ratio <= 3 ? "met" : "NOT met")})."));
    }

    // A noisy photo of about 50 KB as a JPEG (noise compresses badly, as real photos do).
    internal static byte[] Photo(Random random)
    {
        using var image = new Image<Rgb24>(240, 180);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    internal static byte[] Pdf(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        "%PDF-1.7\n"u8.CopyTo(bytes);
        return bytes;
    }
}
