using System.IO.Compression;
using System.Security.Cryptography;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Evidence;

namespace HealingCompass.Domain.Tests.Journal.Evidence;

/// <summary>The files an export lists are checked against the SHA-256 its versions record, and named when they fail.</summary>
public sealed class EvidenceFilesTests
{
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5];

    private static readonly EntryAttachment Listed = new(Guid.NewGuid(), "IMG_0042.JPG", "image/jpeg", Photo.Length, Convert.ToHexStringLower(SHA256.HashData(Photo)));

    [Fact]
    public void A_file_listed_by_two_versions_is_checked_once_from_the_first_that_lists_it()
    {
        var export = Export(new EntryContent { WhatHappened = "one" }, new EntryContent { WhatHappened = "two", Attachments = [Listed] }, new EntryContent { WhatHappened = "three", Attachments = [Listed] });

        var (file, position) = Assert.Single(EvidenceFiles.Listed(export));

        Assert.Equal(Listed, file);
        Assert.Equal(2, position);
        Assert.Equal($"attachments/originals/{Listed.Sha256}.jpg", EvidenceFiles.OriginalPath(file.Sha256, EvidenceFiles.ExtensionFor(file.MediaType)));
    }

    [Fact]
    public void The_exact_bytes_verify_one_changed_byte_and_a_missing_file_are_named()
    {
        var export = Export(new EntryContent { WhatHappened = "with a photo", Attachments = [Listed] });
        var path = EvidenceFiles.OriginalPath(Listed.Sha256, "jpg");
        var changed = (byte[])Photo.Clone();
        changed[^1] ^= 1;

        var held = EvidenceFiles.Verify(export, name => name == path ? new MemoryStream(Photo) : null);
        var broken = EvidenceFiles.Verify(export, name => name == path ? new MemoryStream(changed) : null);
        var missing = EvidenceFiles.Verify(export, _ => null);

        Assert.True(held.Verified);
        Assert.Equal((1, 1), (held.Checked, held.Listed));
        Assert.Equal(("changed-file", 1L), (broken.FirstBreak!.Code, broken.FirstBreak.Position));
        Assert.Equal(("missing-file", path), (missing.FirstBreak!.Code, missing.FirstBreak.Path));
        Assert.Contains("“IMG_0042.JPG”", missing.FirstBreak.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_written_with_the_files_verifies_and_journal_json_alone_has_no_files_to_check()
    {
        var export = Export(new EntryContent { WhatHappened = "with a photo", Attachments = [Listed] });
        using var buffer = new MemoryStream();
        EvidenceZip.Write(buffer, export, [new ExportedFile(Listed.Sha256, "jpg", Photo, null), new ExportedFile(Listed.Sha256, "jpg", Photo, null)]);
        var zip = buffer.ToArray();

        using (var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read))
        {
            Assert.Equal([EvidenceZip.ReadmeName, JournalExport.FileName, $"attachments/originals/{Listed.Sha256}.jpg"], archive.Entries.Select(e => e.FullName));
        }
        Assert.True(EvidenceFiles.VerifyZip(export, zip)!.Verified);
        Assert.Null(EvidenceFiles.VerifyZip(export, JournalExportJson.Write(export)));
    }

    // Versions of one entry; only their content matters to the file check.
    private static JournalExport Export(params EntryContent[] contents)
    {
        var entry = Guid.NewGuid();
        var versions = contents.Select((c, i) => new ExportedVersion(entry, i + 1, i == 0 ? VersionKind.Create : VersionKind.Edit, 1_000 + i, new byte[32], new byte[32], EntryJson.Write(c), new byte[32], new byte[32])).ToList();
        return new JournalExport(DateTimeOffset.UnixEpoch, versions, null);
    }
}
