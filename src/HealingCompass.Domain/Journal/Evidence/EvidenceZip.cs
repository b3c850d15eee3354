using System.IO.Compression;
using System.Text;
using HealingCompass.Domain.Archives;

namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>
/// The export archive: README.txt first (the file is not encrypted), then journal.json, then the PDF report when
/// there is one. Reading an upload is
/// defensive: only an entry named exactly journal.json is read, names that climb out of the folder are refused,
/// and no entry is inflated past <see cref="JournalExportJson.MaxBytes"/>.
/// </summary>
public static class EvidenceZip
{
    public const string ReadmeName = "README.txt";

    public const string DownloadName = "journal-export.zip";

    /// <summary>The PDF report's name, inside the ZIP and as its own download.</summary>
    public const string ReportName = "journal-report.pdf";

    public const int MaxEntries = 1000;

    /// <summary>
    /// The largest upload read: a ZIP holds the entries' files too (up to 10 MB each), so it may be larger than
    /// journal.json alone; kept under the web server's own request limit. Larger exports: tools/verify-journal.
    /// </summary>
    public const int MaxUploadBytes = 25 * 1024 * 1024;

    public const string TooLargeMessage = "The file is larger than this page can check (25 MB). The verify-journal script described in the app's docs/evidence-format.md checks larger exports on your own computer.";

    public static string Readme(JournalExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return $"""
            THIS FILE IS NOT ENCRYPTED.
            Anyone who opens it can read every journal entry in it. Please keep it somewhere safe,
            and share it only with someone you trust (an advocate, a lawyer).

            What is inside
            - journal.json: every version of every entry, with the salts and hashes that let anyone check
              that nothing was changed, removed or put out of order since it was written.
            - attachments/originals: each file added to an entry, exactly as it was added, named by its SHA-256
              (which the entry's versions record, so the check covers them too).
            - attachments/without-metadata: copies of the photos with their hidden details (time, device, GPS
              location) taken out, for sharing. These are not the evidence; the originals are.
            - journal-report.pdf: the same entries to read, with every version, when the ZIP holds it.

            Period: {ExportPeriod.Describe(export.Period)}{OutsideNote(export)}
            Head fingerprint: {export.Fingerprint}
            Versions: {export.Versions.Count}{EarlierNote(export)}

            How to check it
            - Open the app's /verify page (no account needed, nothing is stored) and upload this ZIP, or
            - run the verify-journal script described in the app's docs/evidence-format.md.

            HealingCompass is not therapy or an emergency service.
            """;
    }

    public static void Write(Stream output, JournalExport export, byte[]? report = null) => Write(output, export, [], report);

    /// <summary>The archive with the entries' files after journal.json (see <see cref="EvidenceFiles"/>).</summary>
    public static void Write(Stream output, JournalExport export, IEnumerable<ExportedFile> files, byte[]? report = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, bytes, level) in Files(export, files, report))
        {
            using var stream = NewEntry(zip, name, level).Open();
            stream.Write(bytes);
        }
    }

    /// <summary>
    /// The same archive written straight to <paramref name="output"/> (a response body, which cannot seek) as each
    /// file is compressed, so only the file being added is held in memory, never the whole archive. The entries'
    /// files are read from <paramref name="files"/> one at a time, as the archive reaches them.
    /// </summary>
    public static async Task WriteAsync(Stream output, JournalExport export, byte[]? report, IAsyncEnumerable<ExportedFile>? files = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        // ZipArchive still writes some headers synchronously on a stream that cannot seek; a response body refuses
        // those, so they are held here and sent on after each file (at most one file's compressed bytes).
        await using var body = new AsyncOnlyBody(output);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            async Task AddAsync(string name, byte[] bytes, CompressionLevel level)
            {
                await using (var stream = await NewEntry(zip, name, level).OpenAsync(cancellationToken))
                {
                    await stream.WriteAsync(bytes, cancellationToken);
                }
                await body.DrainAsync(cancellationToken);
            }

            foreach (var (name, bytes, level) in Files(export, [], null))
            {
                await AddAsync(name, bytes, level);
            }
            if (files is not null)
            {
                var written = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var file in files.WithCancellation(cancellationToken))
                {
                    foreach (var (name, bytes) in EvidenceFiles.Entries(file, written))
                    {
                        await AddAsync(name, bytes, CompressionLevel.NoCompression);
                    }
                }
            }
            if (report is not null)
            {
                await AddAsync(ReportName, report, CompressionLevel.NoCompression);
            }
        }
        await body.DrainAsync(cancellationToken);
    }

    private static IEnumerable<(string Name, byte[] Bytes, CompressionLevel Level)> Files(JournalExport export, IEnumerable<ExportedFile> files, byte[]? report)
    {
        ArgumentNullException.ThrowIfNull(export);
        yield return (ReadmeName, Encoding.UTF8.GetBytes(Readme(export)), CompressionLevel.Optimal);
        // Fastest: base64 and hex deflate nearly as well at this level, and journal.json is most of the ZIP's work.
        yield return (JournalExport.FileName, JournalExportJson.Write(export), CompressionLevel.Fastest);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            // Already compressed (photos, audio, PDFs): stored as they are, which is faster and no larger.
            foreach (var (name, bytes) in EvidenceFiles.Entries(file, written))
            {
                yield return (name, bytes, CompressionLevel.NoCompression);
            }
        }
        if (report is not null)
        {
            // The PDF's streams and fonts are compressed already: deflating it again saved about 5%.
            yield return (ReportName, report, CompressionLevel.NoCompression);
        }
    }

    private static string OutsideNote(JournalExport export)
    {
        var outside = export.Versions.Count(v => v.OutsidePeriod);
        return outside == 0 ? "" : $"\n{outside} of the versions belong to entries outside this period: their hashes are here, their words are not.";
    }

    private static string EarlierNote(JournalExport export) =>
        export.Earlier.Count == 0 ? "" : "\nEarlier exports ended in: " + string.Join(", ", export.Earlier.Select(e => $"{e.Fingerprint} ({e.Length} versions)"));

    /// <summary>journal.json from an upload that is either the ZIP or journal.json itself.</summary>
    public static ExportReadResult ReadUpload(Stream upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var bytes = ReadAtMost(upload, MaxUploadBytes + 1);
        if (bytes.Length > MaxUploadBytes)
        {
            return ExportReadResult.Problem(TooLargeMessage);
        }
        if (bytes.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
        {
            return bytes.Length > JournalExportJson.MaxBytes
                ? ExportReadResult.Problem("The file is larger than any journal export this page can check (16 MB).")
                : JournalExportJson.Read(bytes);
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return ExportReadResult.Problem("This ZIP holds far more files than an export does, so it was not opened.");
            }
            if (zip.Entries.Any(e => Unsafe(e.FullName)))
            {
                return ExportReadResult.Problem("This ZIP has file names that point outside its own folder, which an export never has, so it was not opened.");
            }
            var entry = zip.Entries.FirstOrDefault(e => e.FullName == JournalExport.FileName);
            if (entry is null)
            {
                return ExportReadResult.Problem("This ZIP has no journal.json in it. Please choose the ZIP the app exported, or its journal.json.");
            }
            if (entry.Length > JournalExportJson.MaxBytes)
            {
                return ExportReadResult.Problem("The journal.json in this ZIP unpacks to more than any journal export this page can check (16 MB), so it was not opened.");
            }
            using var stream = entry.Open();
            // The stated size can lie; count what actually comes out.
            var json = ReadAtMost(stream, JournalExportJson.MaxBytes + 1);
            return json.Length > JournalExportJson.MaxBytes
                ? ExportReadResult.Problem("The journal.json in this ZIP unpacks to more than any journal export this page can check (16 MB).")
                : JournalExportJson.Read(json);
        }
        catch (InvalidDataException)
        {
            return ExportReadResult.Problem("This ZIP is damaged or cut short, so it could not be opened.");
        }
    }

    internal static bool Unsafe(string name) =>
        name.Length == 0 || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal) || name.Contains(':', StringComparison.Ordinal)
        || name.Split('/').Any(part => part == "..");

    private static ZipArchiveEntry NewEntry(ZipArchive zip, string name, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        // A fixed time, so the same chain gives the same archive apart from the export time inside.
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return entry;
    }

    internal static byte[] ReadAtMost(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
