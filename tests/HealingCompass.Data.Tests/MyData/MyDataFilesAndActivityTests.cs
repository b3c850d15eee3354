using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using HealingCompass.Data.Activity;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.MyData;
using HealingCompass.Data.Tests.Journal.Evidence;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Activity;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;

namespace HealingCompass.Data.Tests.MyData;

/// <summary>
/// "Export everything" with the journal's files and the activity, on real SQLite files: the files travel in the
/// evidence layout (so the archive's journal part checks out with tools/verify-journal and the /verify reader as
/// the journal's own export does), come back byte for byte under the new account's key, and a changed, missing or
/// oversized file stops the import before anything is written. Activity travels but is not brought in.
/// </summary>
public sealed class MyDataFilesAndActivityTests
{
    private const string LetterWords = "Letter-sentinel-K8W from the landlord";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_journals_files_come_back_byte_for_byte_under_the_new_key_and_the_archives_journal_part_verifies_with_the_script(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await source.AddAccountAsync("carry.files");
        var (photo, letter, picture) = await WriteJournalWithFilesAsync(source, alex);
        var archive = await MyDataRoundTripTests.ArchiveAsync(source, alex);

        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains(EvidenceFiles.OriginalPath(photo.Sha256, "jpg"), names);
            Assert.Contains(EvidenceFiles.WithoutMetadataPath(photo.Sha256, "jpg"), names);
            Assert.Contains(EvidenceFiles.OriginalPath(letter.Sha256, "pdf"), names);
            Assert.DoesNotContain(EvidenceFiles.WithoutMetadataPath(letter.Sha256, "pdf"), names);
            using var manifestReader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            var listed = JsonNode.Parse(await manifestReader.ReadToEndAsync(Cancel))!["parts"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
            Assert.Contains(EvidenceFiles.OriginalsFolder, listed);
            Assert.Contains(EvidenceFiles.WithoutMetadataFolder, listed);
        }

        // The journal part is checkable exactly as the evidence export is: the script, and the /verify page's reader.
        var folder = System.IO.Directory.CreateTempSubdirectory("hc-my-data-files-").FullName;
        try
        {
            var path = Path.Combine(folder, "data-export.zip");
            await File.WriteAllBytesAsync(path, archive, Cancel);
            var (code, output) = JournalExportRoundTripTests.RunScript(path);
            Assert.True(code == 0, output);
            Assert.StartsWith("verified", output, StringComparison.Ordinal);
            Assert.EndsWith("and 3 files", output, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        var read = EvidenceZip.ReadUpload(new MemoryStream(archive));
        Assert.True(ExportVerifier.Verify(read.Export!).Verified);
        Assert.True(EvidenceFiles.VerifyZip(read.Export!, archive)!.Verified);

        await using var target = await TestDatabase.CreateAsync(provider: provider);
        using var sam = await target.AddAccountAsync("carry.files.new");
        var outcome = await MyDataRoundTripTests.Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(archive), Cancel);

        Assert.True(outcome.Imported, outcome.ProblemMessage);
        Assert.Equal(3, outcome.Summary!.JournalFiles);
        var before = Files(source);
        var after = Files(target);
        foreach (var file in new[] { photo, letter, picture })
        {
            var original = await before.OpenAsync(alex.UserId, alex.Key, file.Id, Cancel);
            var imported = await after.OpenAsync(sam.UserId, sam.Key, file.Id, Cancel);
            Assert.NotNull(imported);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(imported.Bytes)));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original!.Bytes)), Convert.ToHexStringLower(SHA256.HashData(imported.Bytes)));
        }
        // The copy for sharing came too, still without the photo's GPS position; a PDF has none.
        var clean = await after.OpenWithoutMetadataAsync(sam.UserId, sam.Key, photo.Id, Cancel);
        Assert.NotNull(clean);
        Assert.Empty(ImageMetadataReader.ReadMetadata(new MemoryStream(clean)).OfType<GpsDirectory>());
        Assert.Null(await after.OpenWithoutMetadataAsync(sam.UserId, sam.Key, letter.Id, Cancel));
        // Only under the new owner: the first account's id opens nothing on the second server.
        Assert.Null(await after.OpenAsync(alex.UserId, sam.Key, photo.Id, Cancel));

        // The chain verifies under the new owner, and its export checks every file again.
        Assert.Null((await target.Journal.VerifyAsync(sam.UserId, sam.Key, Cancel)).FirstBreak);
        var again = await MyDataRoundTripTests.ArchiveAsync(target, sam);
        var reread = EvidenceZip.ReadUpload(new MemoryStream(again));
        Assert.Equal(read.Export!.Fingerprint, reread.Export!.Fingerprint);
        Assert.True(EvidenceFiles.VerifyZip(reread.Export, again)!.Verified);

        // Encrypted at rest: the letter's words are nowhere readable in the second database's files.
        await target.CheckpointAsync();
        Assert.All(target.ReadFiles(), f => Assert.False(f.Contains(Encoding.ASCII.GetBytes("Letter-sentinel-K8W")), f.ToString()));
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "changed", "is not what was added" },
        { "missing", "is missing from the export" },
        { "too-large", "larger than the 10 MB a journal file can be" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_changed_missing_or_oversized_file_in_the_archive_is_refused_before_anything_is_written(string kind, string expected)
    {
        await using var source = await TestDatabase.CreateAsync();
        using var alex = await source.AddAccountAsync("carry.files.bad");
        var (_, letter, _) = await WriteJournalWithFilesAsync(source, alex);
        var good = await MyDataRoundTripTests.ArchiveAsync(source, alex);
        var path = EvidenceFiles.OriginalPath(letter.Sha256, "pdf");
        var entries = MyDataRoundTripTests.Entries(good);
        var bad = MyDataRoundTripTests.Zip(kind switch
        {
            "changed" => entries.Select(e => e.Name == path ? (e.Name, Flip(e.Bytes)) : e),
            "missing" => entries.Where(e => e.Name != path),
            // Zeros compress well: a small archive whose file unpacks past the 10 MB an entry's file can be.
            _ => entries.Select(e => e.Name == path ? (e.Name, [.. e.Bytes, .. new byte[11 * 1024 * 1024]]) : e),
        });

        await using var target = await TestDatabase.CreateAsync();
        using var sam = await target.AddAccountAsync("carry.files.bad.new");
        var outcome = await MyDataRoundTripTests.Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(bad), Cancel);

        Assert.False(outcome.Imported);
        Assert.Contains(expected, outcome.ProblemMessage, StringComparison.Ordinal);
        Assert.Contains("letter.pdf", outcome.ProblemMessage, StringComparison.Ordinal);
        Assert.Equal(0, await MyDataRoundTripTests.CountRowsAsync(target, sam.UserId));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_activity_part_lists_every_line_newest_first_and_an_import_reads_it_but_leaves_it_out(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await source.AddAccountAsync("carry.activity");
        var activity = new ActivityStore(source.Contexts);
        var at = new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
        await activity.AddAsync(alex.UserId, new ActivityEvent(ActivityKind.SignedIn, at, "Firefox on Linux", "192.0.2.0/24"), Cancel);
        await activity.AddAsync(alex.UserId, new ActivityEvent(ActivityKind.SignInFailed, at.AddHours(1), "Safari on iPhone", null), Cancel);
        await activity.AddAsync(alex.UserId, new ActivityEvent(ActivityKind.SignInFailed, at.AddHours(1.5), "Safari on iPhone", null), Cancel);
        await activity.AddAsync(alex.UserId, new ActivityEvent(ActivityKind.DataExported, at.AddHours(2), "Firefox on Linux", "192.0.2.0/24"), Cancel);

        var exporter = MyDataRoundTripTests.Exporter(source);
        var content = await exporter.ExportAsync(alex.UserId, alex.Key, Cancel);
        using var buffer = new MemoryStream();
        await MyDataJson.WriteArchiveAsync(buffer, content, words: line => new ActivityWords("said " + line.Kind, "at " + line.AtUtc.ToString("O", System.Globalization.CultureInfo.InvariantCulture), line.Device), cancellationToken: Cancel);
        var archive = buffer.ToArray();

        using (var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read))
        {
            using var reader = new StreamReader(zip.GetEntry("activity.json")!.Open());
            var file = JsonNode.Parse(await reader.ReadToEndAsync(Cancel))!;
            Assert.Equal(1, file["formatVersion"]!.GetValue<int>());
            var lines = file["activity"]!.AsArray();
            Assert.Equal(["DataExported", "SignInFailed", "SignedIn"], lines.Select(l => l!["kind"]!.GetValue<string>()));
            Assert.Equal("said DataExported", lines[0]!["what"]!.GetValue<string>());
            Assert.Equal(2, lines[1]!["count"]!.GetValue<int>()); // two failed attempts in a row are one line, as on the page
            Assert.Equal("192.0.2.0/24", lines[2]!["network"]!.GetValue<string>());
            Assert.Equal("2026-11-30T09:00:00Z", lines[2]!["atUtc"]!.GetValue<string>());
        }

        await using var target = await TestDatabase.CreateAsync(provider: provider);
        using var sam = await target.AddAccountAsync("carry.activity.new");
        var outcome = await MyDataRoundTripTests.Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(archive), Cancel);

        Assert.True(outcome.Imported, outcome.ProblemMessage);
        Assert.Equal(3, outcome.Summary!.ActivityLeftOut);
        await using var db = await target.OpenAsync();
        Assert.Equal(0, await db.Activity.CountAsync(a => a.UserId == sam.UserId, Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_broken_activity_part_is_named_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider: provider);
        using var alex = await source.AddAccountAsync("carry.activity.bad");
        var good = await MyDataRoundTripTests.ArchiveAsync(source, alex);
        var bad = MyDataRoundTripTests.Rewrite(good, "activity.json", json => json[..(json.Length / 2)]);

        await using var target = await TestDatabase.CreateAsync(provider: provider);
        using var sam = await target.AddAccountAsync("carry.activity.bad.new");
        var outcome = await MyDataRoundTripTests.Importer(target).ImportAsync(sam.UserId, sam.Key, new MemoryStream(bad), Cancel);

        Assert.False(outcome.Imported);
        Assert.Contains("activity.json in this ZIP is broken", outcome.ProblemMessage, StringComparison.Ordinal);
        Assert.Equal(0, await MyDataRoundTripTests.CountRowsAsync(target, sam.UserId));
    }

    /// <summary>One entry with a GPS photo and a letter, another with a picture.</summary>
    private static async Task<(EntryAttachment Photo, EntryAttachment Letter, EntryAttachment Picture)> WriteJournalWithFilesAsync(TestDatabase database, TestAccount account)
    {
        var files = Files(database);
        var first = (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "The night of the letter" }, Cancel)).EntryId!.Value;
        var photo = (await files.AddAsync(account.UserId, account.Key, first, "IMG_0042.JPG", new MemoryStream(TestFiles.JpegWithGps()), Cancel)).Attachment!;
        var letter = (await files.AddAsync(account.UserId, account.Key, first, "letter.pdf", new MemoryStream(TestFiles.PdfWith(LetterWords)), Cancel)).Attachment!;
        var second = (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "The message after" }, Cancel)).EntryId!.Value;
        var picture = (await files.AddAsync(account.UserId, account.Key, second, "screenshot.png", new MemoryStream(TestFiles.Png()), Cancel)).Attachment!;
        return (photo, letter, picture);
    }

    private static JournalAttachmentStore Files(TestDatabase database) => new(database.Contexts, database.Journal, TimeProvider.System);

    private static byte[] Flip(byte[] bytes)
    {
        var copy = bytes.ToArray();
        copy[copy.Length / 2] ^= 0x01;
        return copy;
    }
}
