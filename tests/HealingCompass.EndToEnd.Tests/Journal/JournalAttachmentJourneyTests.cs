using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Deque.AxeCore.Playwright;
using HealingCompass.Data.Tests.Support;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journal;

/// <summary>
/// Files on an entry in Chromium on a 360 px phone: a mislabelled file refused kindly, a photo with GPS added and
/// its location warned about before anything is shared, the history naming the added file, and the copy without
/// metadata downloaded and read back with no GPS in it; then the export: the PDF names the file and its location, and
/// the ZIP, checked on /verify by someone without an account, holds the exact original, and a changed byte in it is named.
/// </summary>
public sealed class JournalAttachmentJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_adds_a_photo_with_gps_sees_the_warning_and_downloads_a_copy_with_no_location_in_it()
    {
        var page = await fixture.NewPageAsync(width: 360, height: 780);
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, AccountJourneyTests.NewUserName());
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
        await JournalJourneyTests.WriteEntryAsync(page, "The front door was kicked in while I was out", children: false);
        var input = page.Locator("#entry-file");
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByText("up to 5 files per entry, each at most 10 MB").WaitForAsync();
        var photo = TestFiles.JpegWithGps();

        // A photo named as a PDF is refused, kindly, and nothing is added.
        await input.SetInputFilesAsync(new FilePayload { Name = "door.pdf", MimeType = "application/pdf", Buffer = photo });
        await page.GetByText("ends in .pdf, but what is inside it is a JPEG image").WaitForAsync();
        await page.GetByText("No files on this entry.").WaitForAsync();

        // The real photo: added, and its location is said plainly before anything is shared.
        await input.SetInputFilesAsync(new FilePayload { Name = "IMG_0042.JPG", MimeType = "image/jpeg", Buffer = photo });
        await page.GetByText("Added “IMG_0042.JPG”").WaitForAsync();
        await page.GetByText("This file holds a location (GPS)").WaitForAsync();
        await page.GetByText($"The file says: made {TestFiles.TakenAt}, on {TestFiles.Make} {TestFiles.Model}").WaitForAsync();
        await page.GetByText("Version 2: Edited, added a file").WaitForAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download a copy without hidden details" }).ClickAsync());
        Assert.Equal("journal-file-without-metadata.jpg", download.SuggestedFilename);
        var clean = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(clean));
        Assert.Empty(metadata.OfType<GpsDirectory>());
        Assert.Empty(metadata.OfType<ExifIfd0Directory>());

        var original = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the original" }).ClickAsync());
        Assert.Equal("journal-file.jpg", original.SuggestedFilename);
        Assert.Equal(photo, await File.ReadAllBytesAsync(await original.PathAsync(), TestContext.Current.CancellationToken));

        var axe = await page.RunAxe();
        Assert.True(axe.Violations.Length == 0, string.Join("\n", axe.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
        Assert.False(await page.ScrollsSidewaysAsync(), "the entry page with a file scrolls sideways at 360 px");

        // The export with the photo: the PDF names the file and its location, and the ZIP, checked by someone
        // without an account, holds the exact original; one changed byte in it is named.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        var folder = System.IO.Directory.CreateTempSubdirectory("hc-e2e-files-").FullName;
        try
        {
            var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export" }).ClickAsync());
            var pdfPath = Path.Combine(folder, "report.pdf");
            await pdf.SaveAsAsync(pdfPath);
            var text = PdfText(pdfPath);
            Assert.Contains("IMG_0042.JPG", text, StringComparison.Ordinal);
            Assert.Contains("This file holds a location (GPS)", text, StringComparison.Ordinal);
            Assert.Contains($"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(photo))}", text, StringComparison.Ordinal);

            await page.GetByLabel("A ZIP with the PDF and the record").CheckAsync();
            var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export" }).ClickAsync());
            var zipPath = Path.Combine(folder, "journal-export.zip");
            await zip.SaveAsAsync(zipPath);
            using (var archive = ZipFile.OpenRead(zipPath))
            {
                var kept = archive.Entries.Single(e => e.FullName.StartsWith("attachments/originals/", StringComparison.Ordinal));
                using var held = new MemoryStream();
                await using (var stream = await kept.OpenAsync(TestContext.Current.CancellationToken))
                {
                    await stream.CopyToAsync(held, TestContext.Current.CancellationToken);
                }
                Assert.Equal(photo, held.ToArray());
            }

            var stranger = await fixture.NewPageAsync(width: 360, height: 780);
            await stranger.GotoAsync(new Uri(fixture.App.BaseAddress, "/verify").ToString());
            await stranger.GetByLabel("The export file (ZIP or journal.json)").SetInputFilesAsync(zipPath);
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
            await stranger.Locator("[data-verify-result='verified']").WaitForAsync();
            await stranger.Locator("[data-verify-files='1']").WaitForAsync();

            var changedPath = Path.Combine(folder, "changed.zip");
            File.Copy(zipPath, changedPath);
            using (var archive = ZipFile.Open(changedPath, ZipArchiveMode.Update))
            {
                var kept = archive.Entries.Single(e => e.FullName.StartsWith("attachments/originals/", StringComparison.Ordinal));
                var name = kept.FullName;
                var bytes = photo.ToArray();
                bytes[bytes.Length / 2] ^= 0x01;
                kept.Delete();
                await using var writer = await archive.CreateEntry(name).OpenAsync(TestContext.Current.CancellationToken);
                await writer.WriteAsync(bytes, TestContext.Current.CancellationToken);
            }
            await stranger.GetByLabel("The export file (ZIP or journal.json)").SetInputFilesAsync(changedPath);
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
            await stranger.Locator("[data-verify-result='changed-file']").WaitForAsync();
            await stranger.GetByText("That file cannot be relied on as the one that was added.").WaitForAsync();
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static string PdfText(string path)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
