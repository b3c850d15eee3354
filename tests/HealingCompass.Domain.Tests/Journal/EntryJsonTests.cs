using FsCheck.Xunit;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Domain.Tests.Journal;

public sealed class EntryJsonTests
{
    [Property(MaxTest = 200)]
    public void Content_reads_back_exactly_as_written_and_writes_the_same_bytes_again(string what, string? words, bool? children, int severity, bool approximate, string? reason)
    {
        var content = new EntryContent
        {
            WhatHappened = what ?? "",
            WordsSaid = words,
            ChildrenPresent = children,
            Severity = severity,
            Categories = ["pattern.isolation", "journal.other"],
            Happened = new HappenedAt(new DateOnly(2026, 2, 3), new TimeOnly(21, 40), approximate, approximate ? new DateOnly(2026, 2, 9) : null),
            ReportNumber = "<script>alert(1)</script>",
        };
        var bytes = EntryJson.Write(content, reason);
        var (read, readReason) = EntryJson.Read(bytes);

        Assert.Equal(bytes, EntryJson.Write(read, readReason));
        Assert.Equal(content.WhatHappened, read.WhatHappened);
        Assert.Equal(content.Happened, read.Happened);
        Assert.Equal(content.Categories, read.Categories);
        Assert.Equal(reason, readReason);
    }

    [Fact]
    public void Bytes_that_are_not_journal_content_are_a_format_error()
    {
        Assert.Throws<FormatException>(() => EntryJson.Read("{\"v\":2}"u8));
        Assert.Throws<FormatException>(() => EntryJson.Read("not json"u8));
    }

    [Fact]
    public void Attachments_and_what_their_files_say_read_back_exactly_and_are_part_of_the_bytes()
    {
        var file = new EntryAttachment(Guid.NewGuid(), "IMG_0042.jpg", "image/jpeg", 123_456, new string('a', 64), new FileSays("2026:02:03 21:40:00", "Phone Maker X1", HasLocation: true));
        var plain = new EntryContent { WhatHappened = "A message at night" };
        var with = plain with { Attachments = [file, file with { Id = Guid.NewGuid(), Says = null }] };

        var bytes = EntryJson.Write(with);
        var (read, _) = EntryJson.Read(bytes);

        Assert.Equal(with.Attachments, read.Attachments);
        Assert.Equal(bytes, EntryJson.Write(read));
        Assert.NotEqual(EntryJson.Write(plain), bytes);
    }

    [Fact]
    public void Content_without_attachments_has_no_files_field_so_older_versions_keep_their_exact_bytes()
    {
        var bytes = EntryJson.Write(new EntryContent { WhatHappened = "Shouting" });

        Assert.DoesNotContain("\"files\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }
}
