using Bunit;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Journal;

/// <summary>How an entry's files read: a plain location warning, what the file says as a claim, and honest downloads.</summary>
public sealed class EntryFilesTests : JournalComponentTest
{
    private static readonly EntryAttachment Photo = new(Guid.NewGuid(), "IMG_0042.JPG", "image/jpeg", 183_112, new string('a', 64), new FileSays("2026:11:30 21:15:00", "TestCam Pocket 7", HasLocation: true));

    private static readonly EntryAttachment Letter = new(Guid.NewGuid(), "letter.pdf", "application/pdf", 2_048, new string('b', 64));

    [Fact]
    public void A_photo_with_gps_is_warned_about_its_claims_are_marked_unchecked_and_only_images_offer_a_clean_copy()
    {
        var files = Render<EntryFiles>(p => p
            .Add(c => c.Files, [Photo, Letter])
            .Add(c => c.CanChange, true)
            .Add(c => c.Add, (_, _) => Task.FromResult<string?>(null))
            .Add(c => c.TakeOut, _ => Task.CompletedTask));

        var text = files.PageText();
        var warnings = files.FindAll("[data-file-location]");
        Assert.Single(warnings);
        Assert.Equal("alert", warnings[0].GetAttribute("role"));
        Assert.Contains("This file holds a location (GPS)", text, StringComparison.Ordinal);
        Assert.Contains("The file says: made 2026:11:30 21:15:00, on TestCam Pocket 7. (That is what the file states about itself; nobody has checked it.)", text, StringComparison.Ordinal);
        Assert.Equal([JournalPaths.FileOf(Photo.Id), JournalPaths.FileOf(Letter.Id)], files.FindAll("a[data-file-original]").Select(a => a.GetAttribute("href")));
        Assert.Equal(JournalPaths.FileOf(Photo.Id, withoutMetadata: true), Assert.Single(files.FindAll("a[data-file-clean]")).GetAttribute("href"));
        Assert.All(files.FindAll("a[data-file-original], a[data-file-clean]"), a => Assert.True(a.HasAttribute("download")));
        Assert.Contains("can't be made of this kind of file", text, StringComparison.Ordinal);
        Assert.Contains("up to 5 files per entry, each at most 10 MB", text, StringComparison.Ordinal);
        Assert.Equal("off", files.Find("input[type=file]").GetAttribute("autocomplete"));
    }

    [Fact]
    public void An_entry_no_longer_in_the_journal_shows_its_files_but_offers_no_adding_or_taking_out()
    {
        var files = Render<EntryFiles>(p => p
            .Add(c => c.Files, [Letter])
            .Add(c => c.CanChange, false)
            .Add(c => c.Add, (_, _) => Task.FromResult<string?>(null))
            .Add(c => c.TakeOut, _ => Task.CompletedTask));

        Assert.Empty(files.FindAll("input[type=file]"));
        Assert.DoesNotContain("Take this file out", files.PageText(), StringComparison.Ordinal);
        Assert.Single(files.FindAll("a[data-file-original]"));
    }
}
