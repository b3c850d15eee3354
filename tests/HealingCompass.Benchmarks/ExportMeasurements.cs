using System.Diagnostics;
using System.Globalization;
using HealingCompass.Data;
using HealingCompass.Data.Encryption;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Components.Journal.Report;
using HealingCompass.Web.Components.Report;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Benchmarks;

/// <summary>
/// The journal export with 1,000 entries (one in ten edited once) and 100 files (about 5 MB: 50 photos, 50 PDFs):
/// the whole export as the download makes it (read, decrypt, journal.json, the PDF with the photos' clean copies,
/// the ZIP streamed to a sink with every file) against a floor measured in the same run — reading the same versions,
/// contents and files and decrypting (and parsing) every one, without building any file.
/// </summary>
internal static class ExportMeasurements
{
    private const int Entries = 1_000;
    private const int Files = 100;

    public static async Task RunAsync()
    {
        await using var bench = await BenchDatabase.CreateAsync("export");
        var store = bench.Services.GetRequiredService<JournalStore>();
        var exporter = bench.Services.GetRequiredService<JournalExporter>();
        var attachments = bench.Services.GetRequiredService<JournalAttachmentStore>();
        var contexts = bench.Contexts;
        var user = bench.User;
        using var key = DataKey.Create();
        var random = new Random(12);
        long fileBytes = 0;
        for (var i = 0; i < Entries; i++)
        {
            var id = (await store.CreateAsync(user.Id, key, JournalMeasurements.Entry(random, i))).EntryId!.Value;
            if (i % 10 == 0)
            {
                await store.EditAsync(user.Id, key, id, JournalMeasurements.Entry(random, i), "remembered more");
            }
            if (i % (Entries / Files) == 5)
            {
                // Adding a file is itself a new version of its entry, as in the app.
                var (name, bytes) = i % 20 == 5 ? ($"photo{i}.jpg", AttachmentMeasurements.Photo(random)) : ($"scan{i}.pdf", AttachmentMeasurements.Pdf(random, 76_000));
                fileBytes += bytes.Length;
                _ = await attachments.AddAsync(user.Id, key, id, name, new MemoryStream(bytes));
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Files} files, {fileBytes / 1024.0 / 1024:F1} MB in all."));

        long zipBytes = 0;
        long pdfBytes = 0;
        var real = await JournalMeasurements.MeasureAsync(7, async () =>
        {
            // The download's own steps (JournalExportEndpoint), minus the activity line.
            var export = await exporter.ExportAsync(user.Id, key);
            var pdf = JournalReportPdf.Write(export, await JournalExportEndpoint.ImagesAsync(export, attachments, user.Id, key, default));
            var sink = new CountingSink();
            await EvidenceZip.WriteAsync(sink, export, pdf, exporter.StreamFilesAsync(user.Id, key, export));
            (zipBytes, pdfBytes) = (sink.Count, pdf.Length);
        });
        // Where the time goes, one warm run of each stage.
        var stages = Stopwatch.StartNew();
        var staged = await exporter.ExportAsync(user.Id, key);
        var exportMs = stages.Elapsed.TotalMilliseconds;
        stages.Restart();
        _ = JournalExportJson.Write(staged);
        var jsonMs = stages.Elapsed.TotalMilliseconds;
        stages.Restart();
        var images = await JournalExportEndpoint.ImagesAsync(staged, attachments, user.Id, key, default);
        var imagesMs = stages.Elapsed.TotalMilliseconds;
        stages.Restart();
        var stagedPdf = JournalReportPdf.Write(staged, images);
        var pdfMs = stages.Elapsed.TotalMilliseconds;
        stages.Restart();
        await EvidenceZip.WriteAsync(new CountingSink(), staged, stagedPdf, exporter.StreamFilesAsync(user.Id, key, staged));
        var zipMs = stages.Elapsed.TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stages: read+decrypt+record {exportMs:F0} ms, journal.json {jsonMs:F0} ms, pictures for the PDF {imagesMs:F0} ms, PDF {pdfMs:F0} ms, ZIP (json again + files read and decrypted + compress) {zipMs:F0} ms."));
        var withoutPdf = await JournalMeasurements.MeasureAsync(7, async () =>
        {
            var export = await exporter.ExportAsync(user.Id, key);
            await EvidenceZip.WriteAsync(new CountingSink(), export, null, exporter.StreamFilesAsync(user.Id, key, export));
        });
        // The PDF against its own floor: PDFsharp putting the same words and pictures on as many pages, no layout.
        // In turn, 11 rounds: the two are close enough that a drift of the shared machine between two blocks of
        // runs moved the ratio by a tenth.
        var pdfPages = 0;
        var (pdfReal, pdfFloor) = JournalMeasurements.MeasurePair(11, () => JournalReportPdf.Write(staged, images), () => pdfPages = PdfFloor(staged, images));
        var versions = 0;
        var floor = await JournalMeasurements.MeasureAsync(7, async () => versions = await ReadAndDecryptAsync(contexts, user.Id, key));
        var ratio = real.Median / floor.Median;
        Console.WriteLine($"| Operation ({Entries:N0} entries, {versions:N0} versions) | Median | p95 | Floor median | Floor p95 | Ratio (median) | Budget |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Export: journal.json + PDF + streamed ZIP with the files | {real.Median:F0} ms | {real.P95:F0} ms | {floor.Median:F0} ms | {floor.P95:F0} ms | {ratio:F2}× | ≤ 3× {(ratio <= 3 ? "✅" : "❌")} |"));
        var ratioWithoutPdf = withoutPdf.Median / floor.Median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| Export: journal.json + streamed ZIP with the files, no PDF | {withoutPdf.Median:F0} ms | {withoutPdf.P95:F0} ms | {floor.Median:F0} ms | {floor.P95:F0} ms | {ratioWithoutPdf:F2}× | ≤ 3× {(ratioWithoutPdf <= 3 ? "✅" : "❌")} |"));
        var pdfRatio = pdfReal.Median / pdfFloor.Median;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| The PDF report alone, against PDFsharp writing the same words and pictures on {pdfPages:N0} pages without layout | {pdfReal.Median:F0} ms | {pdfReal.P95:F0} ms | {pdfFloor.Median:F0} ms | {pdfFloor.P95:F0} ms | {pdfRatio:F2}× | ≤ 2× {(pdfRatio <= 2 ? "✅" : "❌")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ZIP {zipBytes / 1024.0 / 1024:F1} MB, of which PDF {pdfBytes / 1024.0 / 1024:F1} MB; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024:F0} MB."));
    }

    // The floor: the export's own reads, each content decrypted and parsed and each file decrypted, nothing written.
    private static async Task<int> ReadAndDecryptAsync(IDbContextFactory<HealingCompassDbContext> contexts, string userId, DataKey key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await db.JournalVersions.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Sequence).ToListAsync();
        var contents = await db.JournalContents.AsNoTracking().Where(c => c.UserId == userId).ToDictionaryAsync(c => c.VersionId, c => c.Payload);
        _ = await db.JournalHeads.AsNoTracking().SingleOrDefaultAsync(h => h.UserId == userId);
        foreach (var v in rows)
        {
            var plain = FieldCipher.Decrypt(key, contents[v.Id], JournalStore.ContentBinding(userId, v.Id));
            _ = EntryJson.Read(plain.AsSpan(VersionChain.SaltSize));
        }
        foreach (var file in await db.JournalAttachments.AsNoTracking().Where(a => a.UserId == userId).ToListAsync())
        {
            _ = FieldCipher.Decrypt(key, file.Payload, JournalAttachmentStore.Binding(userId, file.Id));
            if (file.WithoutMetadata is { } clean)
            {
                _ = FieldCipher.Decrypt(key, clean, JournalAttachmentStore.CleanBinding(userId, file.Id));
            }
        }
        return rows.Count;
    }

    // PDFsharp's own cost for this much: one page per entry, each version's words drawn in fixed slices of 90
    // characters (nothing measured or wrapped), each picture once at a fixed size, the same fonts.
    private static int PdfFloor(JournalExport export, Dictionary<Guid, byte[]> images)
    {
        ReportFonts.Install();
        using var document = new PdfSharp.Pdf.PdfDocument();
        var font = new PdfSharp.Drawing.XFont(ReportFonts.Family, 10, PdfSharp.Drawing.XFontStyleEx.Regular, new PdfSharp.Drawing.XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
        foreach (var entry in ReportEntries.From(export))
        {
            var page = document.AddPage();
            using var graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(page);
            var y = 40.0;
            foreach (var version in entry.Versions)
            {
                var text = version.Content?.WhatHappened ?? "";
                for (var at = 0; at < text.Length; at += 90)
                {
                    graphics.DrawString(text.Substring(at, Math.Min(90, text.Length - at)), font, PdfSharp.Drawing.XBrushes.Black, 40, y += 12);
                }
                foreach (var file in version.Content?.Attachments ?? [])
                {
                    if (images.TryGetValue(file.Id, out var bytes))
                    {
                        using var image = PdfSharp.Drawing.XImage.FromStream(new MemoryStream(bytes));
                        graphics.DrawImage(image, 40, y += 12, 120, 90);
                    }
                }
            }
        }
        var pages = document.PageCount;
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return pages;
    }

    /// <summary>A response body stand-in: forward only, counts what it is sent.</summary>
    private sealed class CountingSink : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("A response body takes asynchronous writes only.");

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Count += count;
            return Task.CompletedTask;
        }
    }
}
