using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HealingCompass.Domain.Journal.Attachments;

namespace HealingCompass.Domain.Tests.Journal.Attachments;

/// <summary>A file's kind comes from its first bytes only; the name can refuse a file but never decide its kind.</summary>
public sealed class FileTypesTests
{
    public static TheoryData<string, string> Starts => new()
    {
        { "FFD8FFE000104A46494600", "image/jpeg" },
        { "89504E470D0A1A0A0000000D49484452", "image/png" },
        { "524946462400000057454250565038", "image/webp" },
        { "474946383961", "image/gif" },
        { "474946383761", "image/gif" },
        { "0000001C667479706865696300000000686569636D696631", "image/heic" },
        { "255044462D312E370A", "application/pdf" },
        { "494433040000000000", "audio/mpeg" },
        { "FFFB9064", "audio/mpeg" },
        { "FFF15080", "audio/aac" },
        { "00000020667479704D344120000000004D34412069736F6D", "audio/mp4" },
        { "000000206674797069736F6D00000200" + "69736F6D4D344120", "audio/mp4" },
        { "4F67675300020000", "audio/ogg" },
        { "524946462400000057415645666D7420", "audio/wav" },
        { "1A45DFA3A34286810142F7810142F2810442F381084282847765626D", "audio/webm" },
    };

    [Theory]
    [MemberData(nameof(Starts))]
    public void Each_kind_is_recognised_from_its_first_bytes(string hex, string mediaType) =>
        Assert.Equal(mediaType, FileTypes.Recognise(Convert.FromHexString(hex))?.MediaType);

    public static TheoryData<string> Unknown => new()
    {
        "", "00", "48656C6C6F", "504B0304", "52494646240000004156492020", "0000001C66747970617669660000", "1A45DFA3A3428681014282886D6174726F736B61", "4D5A9000",
    };

    [Theory]
    [MemberData(nameof(Unknown))]
    public void Text_zips_avi_avif_matroska_and_programs_are_not_recognised(string hex) =>
        Assert.Null(FileTypes.Recognise(Convert.FromHexString(hex)));

    [Property(MaxTest = 300)]
    public void Whatever_follows_a_kinds_signature_the_kind_is_the_same(byte[] tail)
    {
        foreach (var (start, type) in new[] { ("FFD8FF", FileTypes.Jpeg), ("89504E470D0A1A0A", FileTypes.Png), ("255044462D", FileTypes.Pdf), ("4F676753", FileTypes.Ogg) })
        {
            Assert.Equal(type, FileTypes.Recognise([.. Convert.FromHexString(start), .. tail ?? []]));
        }
    }

    [Property(MaxTest = 300)]
    public void No_name_changes_what_the_bytes_are_it_can_only_refuse_them(NonEmptyString name)
    {
        var check = AttachmentRules.Check(name.Get, 100, Convert.FromHexString("89504E470D0A1A0A"), 0);
        Assert.True(check.Accepted
            ? check.Type == FileTypes.Png
            : check.Refusal is AttachmentRefusal.NameDisagrees or AttachmentRefusal.NameMissing, $"{name.Get}: {check.Refusal}");
    }

    [Fact]
    public void Every_kind_lists_its_export_extension_among_the_names_it_accepts_and_the_media_types_are_distinct()
    {
        Assert.All(FileTypes.All, t => Assert.Contains(t.Extension, t.Extensions));
        Assert.Equal(FileTypes.All.Count, FileTypes.All.Select(t => t.MediaType).Distinct().Count());
        Assert.Equal(["image/gif", "image/jpeg", "image/png", "image/webp"], FileTypes.All.Where(t => t.IsImage).Select(t => t.MediaType).Order());
    }

    [Theory]
    [InlineData("IMG_0042.JPG", "jpg")]
    [InlineData("scan.final.PDF", "pdf")]
    [InlineData("no-extension", null)]
    [InlineData(".hidden", null)]
    [InlineData("ends-with-dot.", null)]
    [InlineData("folder/inner.png", "png")]
    public void The_extension_is_the_last_part_of_the_name_in_lower_case(string name, string? expected) =>
        Assert.Equal(expected, FileTypes.ExtensionOf(name));
}

public sealed class AttachmentRulesTests
{
    private static readonly byte[] JpegStart = Convert.FromHexString("FFD8FFE000104A464946");

    [Property(MaxTest = 300)]
    public void An_empty_or_oversized_file_is_never_accepted_whatever_its_bytes(PositiveInt over, byte[] start)
    {
        Assert.Equal(AttachmentRefusal.Empty, AttachmentRules.Check("a.jpg", 0, JpegStart, 0).Refusal);
        var size = AttachmentRules.MaxBytes + over.Get;
        Assert.Equal(AttachmentRefusal.TooLarge, AttachmentRules.Check("a.jpg", size, start ?? [], 0).Refusal);
    }

    [Theory]
    [InlineData("photo.jpg")]
    [InlineData("photo.JPEG")]
    [InlineData("photo")]
    public void A_jpeg_named_as_a_jpeg_or_without_an_extension_is_accepted(string name)
    {
        var check = AttachmentRules.Check(name, 1000, JpegStart, 0);
        Assert.True(check.Accepted);
        Assert.Equal(FileTypes.Jpeg, check.Type);
    }

    [Theory]
    [InlineData("photo.pdf", ".pdf")]
    [InlineData("photo.png", ".png")]
    [InlineData("photo.txt", ".txt")]
    public void A_jpeg_under_another_extension_is_refused_saying_both_and_how_to_fix_it(string name, string extension)
    {
        var check = AttachmentRules.Check(name, 1000, JpegStart, 0);
        Assert.Equal(AttachmentRefusal.NameDisagrees, check.Refusal);
        Assert.Contains($"ends in {extension}", check.Message, StringComparison.Ordinal);
        Assert.Contains("a JPEG image", check.Message, StringComparison.Ordinal);
        Assert.Contains("rename it to end in .jpg", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_refusal_is_a_kind_sentence_that_says_nothing_was_added()
    {
        var messages = new[]
        {
            AttachmentRules.Check("a.jpg", 0, [], 0),
            AttachmentRules.Check("a.jpg", AttachmentRules.MaxBytes + 1, JpegStart, 0),
            AttachmentRules.Check("a.txt", 12, Encoding.UTF8.GetBytes("hello, there"), 0),
            AttachmentRules.Check("a.pdf", 1000, JpegStart, 0),
            AttachmentRules.Check("a.jpg", 1000, JpegStart, AttachmentRules.MaxFilesPerEntry),
        }.Select(c => c.Message!).ToList();

        Assert.All(messages, m => Assert.Contains("Nothing was added", m, StringComparison.Ordinal));
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Contains("10 MB", messages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_limits_in_words_name_the_numbers_the_rules_use()
    {
        Assert.Contains($"up to {AttachmentRules.MaxFilesPerEntry} files per entry", AttachmentRules.LimitsInWords, StringComparison.Ordinal);
        Assert.Contains("each at most 10 MB", AttachmentRules.LimitsInWords, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("C:\\Users\\me\\Pictures\\door.jpg", "door.jpg")]
    [InlineData("../../etc/passwd.png", "passwd.png")]
    [InlineData("tab\there.jpg", "tabhere.jpg")]
    public void A_kept_name_is_its_last_part_without_control_characters(string name, string kept) =>
        Assert.Equal(kept, AttachmentRules.TidyName(name));

    [Fact]
    public void The_history_says_added_a_file_or_took_a_file_out()
    {
        var a = new HealingCompass.Domain.Journal.EntryAttachment(Guid.NewGuid(), "a.jpg", "image/jpeg", 1, "aa");
        var b = new HealingCompass.Domain.Journal.EntryAttachment(Guid.NewGuid(), "b.pdf", "application/pdf", 1, "bb");

        Assert.Equal("added a file", AttachmentRules.DescribeChange([a], [a, b]));
        Assert.Equal("added 2 files", AttachmentRules.DescribeChange([], [a, b]));
        Assert.Equal("took a file out", AttachmentRules.DescribeChange([a, b], [b]));
        Assert.Equal("changed the files", AttachmentRules.DescribeChange([a], [b]));
        Assert.Null(AttachmentRules.DescribeChange([a], [a]));
    }
}
