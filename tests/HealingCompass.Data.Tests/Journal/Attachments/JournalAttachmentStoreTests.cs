using System.Security.Cryptography;
using System.Text;
using HealingCompass.Data.Journal;
using HealingCompass.Data.Journal.Attachments;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using HealingCompass.Domain.Journal.Attachments;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HealingCompass.Data.Tests.Journal.Attachments;

/// <summary>Files on entries, against a real SQLite file: exact originals, owner-only, kind refusals, erase.</summary>
public sealed class JournalAttachmentStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task An_attachments_bytes_round_trip_exactly_and_its_hash_is_in_the_next_version_the_chain_covers(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("files.round.trip");
        var entryId = await NewEntryAsync(database, account);
        var original = TestFiles.PdfWith("a letter", 200_000);

        var added = await Files(database).AddAsync(account.UserId, account.Key, entryId, "letter.pdf", new MemoryStream(original), Cancel);

        Assert.True(added.Saved, added.Message);
        var listed = added.Attachment!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(original)), listed.Sha256);
        Assert.Equal(("letter.pdf", "application/pdf", original.LongLength), (listed.FileName, listed.MediaType, listed.Size));
        var opened = await Files(database).OpenAsync(account.UserId, account.Key, listed.Id, Cancel);
        Assert.Equal(original, opened!.Bytes);
        Assert.Equal(FileTypes.Pdf, opened.Type);

        var history = (await database.Journal.GetAsync(account.UserId, account.Key, entryId, Cancel))!;
        Assert.Equal(2, history.Versions.Count);
        Assert.Empty(history.Versions[0].Content!.Attachments);
        Assert.Equal(listed, Assert.Single(history.Latest!.Content!.Attachments));
        Assert.Equal("added a file", AttachmentRules.DescribeChange(history.Versions[0].Content!.Attachments, history.Versions[1].Content!.Attachments));
        Assert.True((await database.Journal.VerifyAsync(account.UserId, account.Key, Cancel)).Intact);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_sentinel_inside_an_attachment_is_in_no_byte_of_the_database_wal_or_shm_files(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("files.sentinel");
        var entryId = await NewEntryAsync(database, account);
        var sentinel = Sentinels.New();

        Assert.True((await Files(database).AddAsync(account.UserId, account.Key, entryId, "note.pdf", new MemoryStream(TestFiles.PdfWith(sentinel)), Cancel)).Saved);

        Sentinels.AssertFoundNowhere(database.ReadFiles(), Sentinels.Needles(sentinel), "with the connections open");
        database.CloseConnections();
        Sentinels.AssertFoundNowhere(database.ReadFiles(), Sentinels.Needles(sentinel), "after closing every connection");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Another_person_gets_not_found_for_a_files_id_and_cannot_add_to_or_take_from_the_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var a = await database.AddAccountAsync("files.owner");
        using var b = await database.AddAccountAsync("files.stranger");
        var entryId = await NewEntryAsync(database, a);
        var added = await Files(database).AddAsync(a.UserId, a.Key, entryId, "photo.png", new MemoryStream(TestFiles.Png()), Cancel);
        var fileId = added.Attachment!.Id;

        Assert.Null(await Files(database).OpenAsync(b.UserId, b.Key, fileId, Cancel));
        Assert.Null(await Files(database).OpenAsync(b.UserId, b.Key, Guid.NewGuid(), Cancel)); // the same as a made-up id
        var intruding = await Files(database).AddAsync(b.UserId, b.Key, entryId, "mine.png", new MemoryStream(TestFiles.Png()), Cancel);
        Assert.Equal(JournalWriteStatus.NotFound, intruding.Status);
        Assert.Equal(JournalAttachmentStore.NotFoundMessage, intruding.Message);
        Assert.Equal(JournalWriteStatus.NotFound, await Files(database).TakeOutAsync(b.UserId, b.Key, entryId, fileId, Cancel));

        var history = (await database.Journal.GetAsync(a.UserId, a.Key, entryId, Cancel))!;
        Assert.Equal(2, history.Versions.Count);
        Assert.NotNull(await Files(database).OpenAsync(a.UserId, a.Key, fileId, Cancel));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        // name, what the bytes are, words the refusal must say
        { "photo.pdf", "jpeg", "ends in .pdf, but what is inside it is a JPEG image" },
        { "recording.mp3", "png", "ends in .mp3, but what is inside it is a PNG image" },
        { "empty.jpg", "empty", "This file is empty (0 bytes)" },
        { "huge.pdf", "oversized", "one file can be at most 10 MB" },
        { "notes.txt", "text", "We couldn't tell from what is inside this file what kind of file it is" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_mislabelled_empty_oversized_or_unknown_is_refused_kindly_and_nothing_saved_changes(string name, string bytes, string words)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("files.refused");
        var entryId = await NewEntryAsync(database, account);
        var headBefore = await database.Journal.GetHeadAsync(account.UserId, Cancel);
        var content = bytes switch
        {
            "jpeg" => TestFiles.JpegWithGps(),
            "png" => TestFiles.Png(),
            "empty" => [],
            "oversized" => TestFiles.PdfWith("big", (int)AttachmentRules.MaxBytes),
            _ => Encoding.UTF8.GetBytes("just some words in a text file"),
        };

        var result = await Files(database).AddAsync(account.UserId, account.Key, entryId, name, new MemoryStream(content), Cancel);

        Assert.False(result.Saved);
        Assert.Contains(words, result.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was added", result.Message, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexString(headBefore!.Hash), Convert.ToHexString((await database.Journal.GetHeadAsync(account.UserId, Cancel))!.Hash));
        await using var db = await database.OpenAsync();
        Assert.Equal(0, await db.JournalAttachments.CountAsync(Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_sixth_file_is_refused_and_the_five_stay(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("files.many");
        var entryId = await NewEntryAsync(database, account);
        for (var i = 0; i < AttachmentRules.MaxFilesPerEntry; i++)
        {
            Assert.True((await Files(database).AddAsync(account.UserId, account.Key, entryId, $"page{i}.pdf", new MemoryStream(TestFiles.PdfWith($"page {i}", 64)), Cancel)).Saved);
        }

        var sixth = await Files(database).AddAsync(account.UserId, account.Key, entryId, "page6.pdf", new MemoryStream(TestFiles.PdfWith("page 6", 64)), Cancel);

        Assert.Equal(JournalWriteStatus.Invalid, sixth.Status);
        Assert.Contains("up to 5 files", sixth.Message, StringComparison.Ordinal);
        var latest = (await database.Journal.GetAsync(account.UserId, account.Key, entryId, Cancel))!.Latest!.Content!;
        Assert.Equal(5, latest.Attachments.Count);
        await using var db = await database.OpenAsync();
        Assert.Equal(5, await db.JournalAttachments.CountAsync(Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Taking_a_file_out_adds_a_version_without_it_keeps_its_bytes_for_the_history_and_editing_the_words_keeps_the_files(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("files.take.out");
        var entryId = await NewEntryAsync(database, account);
        var first = (await Files(database).AddAsync(account.UserId, account.Key, entryId, "one.png", new MemoryStream(TestFiles.Png()), Cancel)).Attachment!;
        var second = (await Files(database).AddAsync(account.UserId, account.Key, entryId, "two.pdf", new MemoryStream(TestFiles.PdfWith("two")), Cancel)).Attachment!;

        await database.Journal.EditAsync(account.UserId, account.Key, entryId, new EntryContent { WhatHappened = "The words, told again" }, null, Cancel);
        Assert.Equal(JournalWriteStatus.Saved, await Files(database).TakeOutAsync(account.UserId, account.Key, entryId, first.Id, Cancel));

        var history = (await database.Journal.GetAsync(account.UserId, account.Key, entryId, Cancel))!;
        Assert.Equal(5, history.Versions.Count);
        Assert.Equal([first, second], history.Versions[3].Content!.Attachments); // the text edit kept both files
        Assert.Equal("The words, told again", history.Versions[3].Content!.WhatHappened);
        Assert.Equal(second, Assert.Single(history.Latest!.Content!.Attachments));
        Assert.Equal("took a file out", AttachmentRules.DescribeChange(history.Versions[3].Content!.Attachments, history.Versions[4].Content!.Attachments));
        Assert.NotNull(await Files(database).OpenAsync(account.UserId, account.Key, first.Id, Cancel));
        Assert.True((await database.Journal.VerifyAsync(account.UserId, account.Key, Cancel)).Intact);
    }

    [Fact]
    public async Task Erasing_the_entry_deletes_its_files_so_their_bytes_and_ciphertext_are_in_no_byte_of_the_files()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var account = await database.AddAccountAsync("files.erased");
        var entryId = await NewEntryAsync(database, account);
        var sentinel = Sentinels.New();
        var added = (await Files(database).AddAsync(account.UserId, account.Key, entryId, "proof.pdf", new MemoryStream(TestFiles.PdfWith(sentinel)), Cancel)).Attachment!;
        byte[] ciphertext;
        await using (var db = await database.OpenAsync())
        {
            ciphertext = (await db.JournalAttachments.SingleAsync(a => a.Id == added.Id, Cancel)).Payload.AsSpan(13, 64).ToArray();
        }
        await database.CheckpointAsync();
        Assert.Contains(database.ReadFiles(), f => f.Contains(ciphertext)); // the scan sees stored ciphertext

        Assert.True(await database.Journal.EraseAsync(account.UserId, entryId, Cancel));

        Assert.Null(await Files(database).OpenAsync(account.UserId, account.Key, added.Id, Cancel));
        var needles = Sentinels.Needles(sentinel);
        needles["ciphertext"] = ciphertext;
        Sentinels.AssertFoundNowhere(database.ReadFiles(), needles, "right after erasing");
        database.CloseConnections();
        Sentinels.AssertFoundNowhere(database.ReadFiles(), needles, "after closing every connection");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_photo_with_gps_says_so_and_its_copy_without_metadata_has_no_gps_time_or_device_while_the_original_keeps_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("files.gps");
        var entryId = await NewEntryAsync(database, account);
        var photo = TestFiles.JpegWithGps();

        var added = (await Files(database).AddAsync(account.UserId, account.Key, entryId, "IMG_0042.JPG", new MemoryStream(photo), Cancel)).Attachment!;

        Assert.Equal(new FileSays(TestFiles.TakenAt, $"{TestFiles.Make} {TestFiles.Model}", HasLocation: true), added.Says);
        var original = (await Files(database).OpenAsync(account.UserId, account.Key, added.Id, Cancel))!;
        Assert.Equal(photo, original.Bytes);
        Assert.NotEmpty(ImageMetadataReader.ReadMetadata(new MemoryStream(original.Bytes)).OfType<GpsDirectory>());

        var clean = MetadataFreeCopy.Make(original.Bytes, original.Type!)!;
        var read = ImageMetadataReader.ReadMetadata(new MemoryStream(clean));
        Assert.Empty(read.OfType<GpsDirectory>());
        Assert.Empty(read.OfType<ExifIfd0Directory>());
        Assert.Null(FileMetadata.Read(clean));
        Assert.Equal(FileTypes.Jpeg, FileTypes.Recognise(clean));
        Assert.Equal(photo, (await Files(database).OpenAsync(account.UserId, account.Key, added.Id, Cancel))!.Bytes);
    }

    [Fact]
    public void Kinds_that_cannot_be_cleaned_give_no_copy()
    {
        Assert.Null(MetadataFreeCopy.Make(TestFiles.PdfWith("a pdf"), FileTypes.Pdf));
        Assert.NotNull(MetadataFreeCopy.Make(TestFiles.Png(), FileTypes.Png));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_small_png_claiming_a_huge_picture_is_kept_as_it_came_without_trying_to_make_a_clean_copy(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var account = await database.AddAccountAsync("files.bomb");
        var entryId = await NewEntryAsync(database, account);
        var bomb = PngClaiming(60_000, 60_000);

        var added = await Files(database).AddAsync(account.UserId, account.Key, entryId, "huge.png", new MemoryStream(bomb), Cancel);

        Assert.True(added.Saved, added.Message);
        Assert.Equal(bomb, (await Files(database).OpenAsync(account.UserId, account.Key, added.Attachment!.Id, Cancel))!.Bytes);
        Assert.Null(await Files(database).OpenWithoutMetadataAsync(account.UserId, account.Key, added.Attachment.Id, Cancel));
    }

    // A PNG signature and an IHDR chunk (with its CRC) stating the size, then an empty IDAT and IEND.
    private static byte[] PngClaiming(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] ihdr = [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0];
        Chunk(png, "IHDR"u8, ihdr);
        Chunk(png, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND"u8, []);
        return png.ToArray();

        static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

        static void Chunk(Stream output, ReadOnlySpan<byte> type, byte[] data)
        {
            output.Write(BigEndian(data.Length));
            byte[] typed = [.. type, .. data];
            output.Write(typed);
            output.Write(BigEndian((int)Crc32(typed)));
        }

        static uint Crc32(byte[] bytes)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in bytes)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }
            return ~crc;
        }
    }

    private static JournalAttachmentStore Files(TestDatabase database) => new(database.Contexts, database.Journal, TimeProvider.System);

    private static async Task<Guid> NewEntryAsync(TestDatabase database, TestAccount account) =>
        (await database.Journal.CreateAsync(account.UserId, account.Key, new EntryContent { WhatHappened = "Something happened" }, Cancel)).EntryId!.Value;
}
