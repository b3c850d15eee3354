using System.IO.Compression;
using System.Security.Cryptography;
using HealingCompass.Domain.Journal.Attachments;

namespace HealingCompass.Domain.Journal.Evidence;

/// <summary>One attachment as it goes into the export: the original bytes and, for images, a copy without metadata.</summary>
/// <param name="Sha256">SHA-256 of <paramref name="Original"/>, lowercase hex (as the entry's content lists it).</param>
/// <param name="Extension">The extension for its kind (from its bytes), without the dot.</param>
/// <param name="Original">Exactly the bytes that were added.</param>
/// <param name="WithoutMetadata">A re-encoded copy with no EXIF, XMP, IPTC or ICC; null for kinds that cannot be cleaned.</param>
public sealed record ExportedFile(string Sha256, string Extension, byte[] Original, byte[]? WithoutMetadata);

/// <summary>A file listed by some version's content that the export does not hold as it was added.</summary>
public enum FileBreakKind
{
    MissingFile,
    ChangedFile,
}

/// <param name="Kind">Missing, or its bytes no longer give the listed SHA-256.</param>
/// <param name="FileName">The name the person's device gave it.</param>
/// <param name="Path">Where in the ZIP it should be.</param>
/// <param name="Position">The first version in the file (from 1) that lists it.</param>
public sealed record FileBreak(FileBreakKind Kind, string FileName, string Path, long Position)
{
    /// <summary>The same code tools/verify-journal prints.</summary>
    public string Code => Kind == FileBreakKind.MissingFile ? "missing-file" : "changed-file";

    public string Describe() => Kind == FileBreakKind.MissingFile
        ? $"The file “{FileName}” (listed from number {Position} in the file) is missing from the export: {Path} is not there."
        : $"The file “{FileName}” (listed from number {Position} in the file) is not what was added: {Path} no longer matches its SHA-256.";
}

/// <summary>The result of checking every listed file; <see cref="Checked"/> counts the distinct files that held.</summary>
public sealed record FileReport(int Checked, int Listed, FileBreak? FirstBreak)
{
    public bool Verified => FirstBreak is null;
}

/// <summary>
/// The attachments in an export: <c>attachments/originals/&lt;sha256&gt;.&lt;ext&gt;</c> (exactly the bytes added) and
/// <c>attachments/without-metadata/&lt;sha256&gt;.&lt;ext&gt;</c> (images only). The originals are checked against the
/// SHA-256 each version's content lists, so the chain covers them; the copies without metadata are not evidence.
/// </summary>
public static class EvidenceFiles
{
    public const string OriginalsFolder = "attachments/originals/";

    public const string WithoutMetadataFolder = "attachments/without-metadata/";

    public static string OriginalPath(string sha256, string extension) => $"{OriginalsFolder}{sha256}.{extension}";

    public static string WithoutMetadataPath(string sha256, string extension) => $"{WithoutMetadataFolder}{sha256}.{extension}";

    /// <summary>The export extension for a listed file's media type ("bin" for one this version does not know).</summary>
    public static string ExtensionFor(string mediaType) =>
        FileTypes.All.FirstOrDefault(t => t.MediaType == mediaType)?.Extension ?? "bin";

    /// <summary>
    /// A file's entries in the archive (the original, then the copy without metadata if there is one), or none when a
    /// file with the same SHA-256 was already written (<paramref name="written"/> keeps count across calls).
    /// </summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Entries(ExportedFile file, ISet<string> written)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(written);
        if (!written.Add(file.Sha256))
        {
            yield break;
        }
        yield return (OriginalPath(file.Sha256, file.Extension), file.Original);
        if (file.WithoutMetadata is { } clean)
        {
            yield return (WithoutMetadataPath(file.Sha256, file.Extension), clean);
        }
    }

    /// <summary>Every file the export's versions list, each with the first version that lists it.</summary>
    public static IReadOnlyList<(EntryAttachment File, long Position)> Listed(JournalExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var listed = new List<(EntryAttachment, long)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < export.Versions.Count; i++)
        {
            if (export.Versions[i].Content is not { Length: > 0 } content)
            {
                continue;
            }
            EntryContent entry;
            try
            {
                entry = EntryJson.Read(content).Content;
            }
            catch (FormatException)
            {
                continue; // content the chain check already judged; its files cannot be named
            }
            foreach (var file in entry.Attachments)
            {
                if (seen.Add(OriginalPath(file.Sha256, ExtensionFor(file.MediaType))))
                {
                    listed.Add((file, i + 1));
                }
            }
        }
        return listed;
    }

    /// <summary>
    /// Checks every listed file against its SHA-256, stopping at the first that is missing or changed.
    /// <paramref name="open"/> gives a ZIP entry's stream by its exact name, or null when there is none.
    /// </summary>
    public static FileReport Verify(JournalExport export, Func<string, Stream?> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var listed = Listed(export);
        var held = 0;
        foreach (var (file, position) in listed)
        {
            var path = OriginalPath(file.Sha256, ExtensionFor(file.MediaType));
            using var stream = open(path);
            if (stream is null)
            {
                return new FileReport(held, listed.Count, new FileBreak(FileBreakKind.MissingFile, file.FileName, path, position));
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(hash, file.Sha256, StringComparison.Ordinal))
            {
                return new FileReport(held, listed.Count, new FileBreak(FileBreakKind.ChangedFile, file.FileName, path, position));
            }
            held++;
        }
        return new FileReport(held, listed.Count, null);
    }

    /// <summary>Checks the files inside an uploaded ZIP (its bytes); an upload of journal.json alone has none to check.</summary>
    public static FileReport? VerifyZip(JournalExport export, byte[] upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Length < 4 || upload[0] != (byte)'P' || upload[1] != (byte)'K')
        {
            return null;
        }
        using var zip = new ZipArchive(new MemoryStream(upload, writable: false), ZipArchiveMode.Read);
        return Verify(export, name =>
        {
            var entry = zip.Entries.FirstOrDefault(e => e.FullName == name);
            // An entry that says it is larger than any file an entry can hold is treated as changed, unread.
            return entry is null ? null : entry.Length > AttachmentRules.MaxBytes ? new MemoryStream([0]) : new LimitedStream(entry.Open(), AttachmentRules.MaxBytes + 1);
        });
    }

    // Reads at most a limit from a ZIP entry, whatever its header claims (a ZIP bomb stops there).
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long left = limit;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (left <= 0)
            {
                return 0;
            }
            var read = inner.Read(buffer, offset, (int)Math.Min(count, left));
            left -= read;
            return read;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
