using System.IO.Compression;
using System.Text;
using HealingCompass.Domain.Archives;
using HealingCompass.Domain.Journal.Evidence;

namespace HealingCompass.Domain.MyData;

/// <summary>
/// One file of the archive: its name inside the ZIP (may be in a folder, such as <c>attachments/…</c>), its bytes, and
/// the format version of a JSON part (null for a file kept as it was, such as an attachment). <paramref name="Stored"/>
/// files are put in the ZIP without compressing them again (photos, recordings, PDFs are compressed already).
/// </summary>
public sealed record ArchivePart(string Name, byte[] Content, int? FormatVersion = null, bool Stored = false);

/// <summary>The files of an uploaded archive by name, or a kind sentence saying why it was not opened.</summary>
public sealed record ArchiveReadResult(IReadOnlyDictionary<string, byte[]>? Parts, string? ProblemMessage)
{
    public static ArchiveReadResult Problem(string message) => new(null, message);
}

/// <summary>
/// "Everything I have" as one ZIP (docs/my-data-format.md): README.txt first (the archive is not encrypted), then
/// the parts in the order given. The archive is a list of parts, so a new kind of data is one more part. Reading an
/// upload is defensive, as <see cref="EvidenceZip"/> is: no names that climb out, no duplicates, nothing inflated
/// past the limits whatever the headers claim.
/// </summary>
public static class MyDataArchive
{
    public const string DownloadName = "data-export.zip";

    public const string ReadmeName = EvidenceZip.ReadmeName;

    /// <summary>
    /// The largest export an import opens: room for a journal's files (each up to 10 MB) beside the JSON parts, and
    /// still under <see cref="MaxRequestBytes"/>.
    /// </summary>
    public const int MaxUploadBytes = 48 * 1024 * 1024;

    /// <summary><see cref="MaxUploadBytes"/> as the pages say it.</summary>
    public const string MaxUploadInWords = "48 MB";

    /// <summary>The import page's request limit: well above <see cref="MaxUploadBytes"/>, so a file a little too large gets a kind message.</summary>
    public const int MaxRequestBytes = 64 * 1024 * 1024;

    /// <summary>No one part unpacks to more (the journal's own limit; a journal's file is at most 10 MB).</summary>
    public const int MaxPartBytes = JournalExportJson.MaxBytes;

    /// <summary>Every part together unpacks to no more than this.</summary>
    public const long MaxUnpackedBytes = 96L * 1024 * 1024;

    public const int MaxEntries = EvidenceZip.MaxEntries;

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Writes the archive straight to <paramref name="output"/> (a response body: nothing is kept on disk): README.txt,
    /// then <paramref name="parts"/>, then <paramref name="more"/> one at a time as they come (the journal's files, read
    /// a few at a time), each sent on before the next is made.
    /// </summary>
    public static async Task WriteAsync(Stream output, string readme, IReadOnlyList<ArchivePart> parts, IAsyncEnumerable<ArchivePart>? more = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(readme);
        ArgumentNullException.ThrowIfNull(parts);
        await using var body = new AsyncOnlyBody(output);
        var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            await WriteEntryAsync(zip, new ArchivePart(ReadmeName, Encoding.UTF8.GetBytes(readme)), cancellationToken);
            await body.DrainAsync(cancellationToken);
            foreach (var part in parts)
            {
                await WriteEntryAsync(zip, part, cancellationToken);
                await body.DrainAsync(cancellationToken);
            }
            if (more is not null)
            {
                await foreach (var part in more.WithCancellation(cancellationToken))
                {
                    await WriteEntryAsync(zip, part, cancellationToken);
                    await body.DrainAsync(cancellationToken);
                }
            }
        }
        await body.DrainAsync(cancellationToken); // the central directory
    }

    /// <summary>Every file of an uploaded archive, read in memory; never throws on bad input.</summary>
    public static ArchiveReadResult Read(Stream upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var bytes = EvidenceZip.ReadAtMost(upload, MaxUploadBytes + 1);
        if (bytes.Length == 0)
        {
            return ArchiveReadResult.Problem("The file is empty. Please choose the ZIP that “Export everything” gave you.");
        }
        if (bytes.Length > MaxUploadBytes)
        {
            return ArchiveReadResult.Problem($"The file is larger than any export this page can bring in ({MaxUploadInWords}), so it was not opened.");
        }
        if (bytes.Length < 4 || bytes[0] != (byte)'P' || bytes[1] != (byte)'K')
        {
            return ArchiveReadResult.Problem("This file is not a ZIP. Please choose the ZIP that “Export everything” gave you, as it was downloaded.");
        }
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                return ArchiveReadResult.Problem("This ZIP holds far more files than an export does, so it was not opened.");
            }
            if (zip.Entries.Any(e => EvidenceZip.Unsafe(e.FullName)))
            {
                return ArchiveReadResult.Problem("This ZIP has file names that point outside its own folder, which an export never has, so it was not opened.");
            }
            var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                if (entry.Length > MaxPartBytes || total + entry.Length > MaxUnpackedBytes)
                {
                    return TooBig(entry.FullName);
                }
                using var stream = entry.Open();
                // The stated size can lie; count what actually comes out.
                var content = EvidenceZip.ReadAtMost(stream, MaxPartBytes + 1);
                total += content.Length;
                if (content.Length > MaxPartBytes || total > MaxUnpackedBytes)
                {
                    return TooBig(entry.FullName);
                }
                if (!parts.TryAdd(entry.FullName, content))
                {
                    return ArchiveReadResult.Problem($"This ZIP has two files called {entry.FullName}, which an export never has, so it was not opened.");
                }
            }
            return new ArchiveReadResult(parts, null);
        }
        catch (InvalidDataException)
        {
            return ArchiveReadResult.Problem("This ZIP is damaged or cut short, so it could not be opened.");
        }
    }

    private static ArchiveReadResult TooBig(string name) =>
        ArchiveReadResult.Problem($"The file {name} in this ZIP unpacks to more than an export ever holds, so nothing was opened.");

    private static async Task WriteEntryAsync(ZipArchive zip, ArchivePart part, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(part.Name, part.Stored ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
        entry.LastWriteTime = FixedTime; // the export time is inside the files; the entries say nothing of when
        var stream = await entry.OpenAsync(cancellationToken);
        await using (stream)
        {
            await stream.WriteAsync(part.Content, cancellationToken);
        }
    }
}
