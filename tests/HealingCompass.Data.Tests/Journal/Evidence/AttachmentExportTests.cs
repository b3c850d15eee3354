using System.IO.Compression;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace HealingCompass.Data.Tests.Journal.Evidence;

/// <summary>
/// Attachments in the evidence ZIP: originals and metadata-free copies named by SHA-256, checked by the app's
/// verifier and by tools/verify-journal, which must agree when a file is untouched, has one byte changed, or is gone.
/// </summary>
public sealed class AttachmentExportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_zip_holds_each_listed_original_by_its_hash_and_a_copy_without_metadata_for_images_only(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("export.files");
        var (photo, letter, erasedFile) = await WriteJournalAsync(database, account);

        var zipBytes = await ExportZipAsync(database, account);

        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal([EvidenceZip.ReadmeName, JournalExport.FileName], names.Take(2));
        Assert.Equal(photo.Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Read(zip, EvidenceFiles.OriginalPath(photo.Sha256, "jpg")))));
        Assert.Contains(EvidenceFiles.OriginalPath(letter.Sha256, "pdf"), names);
        Assert.DoesNotContain(EvidenceFiles.WithoutMetadataPath(letter.Sha256, "pdf"), names); // PDFs cannot be cleaned
        Assert.DoesNotContain(names, n => n.Contains(erasedFile.Sha256, StringComparison.Ordinal)); // erased: gone
        var clean = Read(zip, EvidenceFiles.WithoutMetadataPath(photo.Sha256, "jpg"));
        Assert.Empty(ImageMetadataReader.ReadMetadata(new MemoryStream(clean)).OfType<GpsDirectory>());
        Assert.NotEmpty(ImageMetadataReader.ReadMetadata(new MemoryStream(Read(zip, EvidenceFiles.OriginalPath(photo.Sha256, "jpg")))).OfType<GpsDirectory>());
        Assert.Contains("attachments/originals", EvidenceZip.Readme(new JournalExport(DateTimeOffset.UnixEpoch, [], null)), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_app_and_the_script_agree_on_untouched_files_a_changed_byte_in_one_and_a_missing_one(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("export.files.tampered");
        var (photo, letter, _) = await WriteJournalAsync(database, account);
        var zipBytes = await ExportZipAsync(database, account);
        var photoPath = EvidenceFiles.OriginalPath(photo.Sha256, "jpg");
        var letterPath = EvidenceFiles.OriginalPath(letter.Sha256, "pdf");
        var folder = System.IO.Directory.CreateTempSubdirectory("hc-export-files-").FullName;
        try
        {
            var cases = new (string Name, byte[] Zip, string Expected)[]
            {
                ("untouched", zipBytes, "verified"),
                ("changed byte", Rewrite(zipBytes, letterPath, bytes => bytes[bytes.Length / 2] ^= 0x01), "changed-file at 3"),
                ("missing file", Rewrite(zipBytes, photoPath, null), "missing-file at 2"),
            };
            foreach (var (name, zip, expected) in cases)
            {
                var app = AppSays(zip);
                Assert.True(expected == app, $"{name}: the app says {app}");
                var path = Path.Combine(folder, name.Replace(' ', '-') + ".zip");
                await File.WriteAllBytesAsync(path, zip, Cancel);
                var (code, output) = JournalExportRoundTripTests.RunScript(path);
                var script = output.StartsWith("verified", StringComparison.Ordinal) ? "verified" : output["broken ".Length..output.IndexOf(':', StringComparison.Ordinal)];
                Assert.Equal(app, script);
                Assert.Equal(app == "verified" ? 0 : 1, code);
                if (app == "verified")
                {
                    Assert.EndsWith("and 2 files", output, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_changed_or_missing_file_is_named_in_plain_words()
    {
        var changed = new FileBreak(FileBreakKind.ChangedFile, "IMG_0042.JPG", "attachments/originals/ab.jpg", 4);
        var missing = new FileBreak(FileBreakKind.MissingFile, "letter.pdf", "attachments/originals/cd.pdf", 3);

        Assert.Contains("“IMG_0042.JPG”", changed.Describe(), StringComparison.Ordinal);
        Assert.Contains("is not what was added", changed.Describe(), StringComparison.Ordinal);
        Assert.Contains("is missing from the export", missing.Describe(), StringComparison.Ordinal);
    }

    /// <summary>An entry with a GPS photo (version 2) and a letter (version 3); another entry with a file, erased.</summary>
    private static async Task<(EntryAttachment Photo, EntryAttachment Letter, EntryAttachment Erased)> WriteJournalAsync(TestDatabase database, TestAccount account)
    {
        var files = new JournalAttachmentStore(database.Contexts, database.Journal, TimeProvider.System);
        var kept = (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "The kept entry" }, Cancel)).EntryId!.Value;
        var photo = (await files.AddAsync(account.UserId, account.Key, kept, "IMG_0042.JPG", new MemoryStream(TestFiles.JpegWithGps()), Cancel)).Attachment!;
        var letter = (await files.AddAsync(account.UserId, account.Key, kept, "letter.pdf", new MemoryStream(TestFiles.PdfWith("the letter")), Cancel)).Attachment!;
        var gone = (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "To erase" }, Cancel)).EntryId!.Value;
        var erased = (await files.AddAsync(account.UserId, account.Key, gone, "gone.pdf", new MemoryStream(TestFiles.PdfWith("gone")), Cancel)).Attachment!;
        await database.Journal.EraseAsync(account.UserId, gone, Cancel);
        return (photo, letter, erased);
    }

    private static async Task<byte[]> ExportZipAsync(TestDatabase database, TestAccount account)
    {
        var exporter = new JournalExporter(database.Contexts, TimeProvider.System);
        var export = await exporter.ExportAsync(account.UserId, account.Key, Cancel);
        var files = await exporter.ExportFilesAsync(account.UserId, account.Key, export, Cancel);
        using var buffer = new MemoryStream();
        EvidenceZip.Write(buffer, export, files);
        return buffer.ToArray();
    }

    private static string AppSays(byte[] zip)
    {
        var read = EvidenceZip.ReadUpload(new MemoryStream(zip));
        Assert.Null(read.ProblemMessage);
        var chain = ExportVerifier.Verify(read.Export!);
        if (chain.FirstBreak is { } broken)
        {
            return $"{broken.Code} at {broken.Position}";
        }
        var files = EvidenceFiles.VerifyZip(read.Export!, zip)!;
        return files.FirstBreak is { } fileBreak ? $"{fileBreak.Code} at {fileBreak.Position}" : "verified";
    }

    // A copy of the ZIP with one entry's bytes changed, or (change null) left out.
    private static byte[] Rewrite(byte[] zipBytes, string name, Action<byte[]>? change)
    {
        using var source = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        using var buffer = new MemoryStream();
        using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                if (entry.FullName == name && change is null)
                {
                    continue;
                }
                var bytes = Read(source, entry.FullName);
                if (entry.FullName == name)
                {
                    change!(bytes);
                }
                using var stream = target.CreateEntry(entry.FullName).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
