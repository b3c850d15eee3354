using Deque.AxeCore.Playwright;
using HealingCompass.Data.Tests.Support;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Journal;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.MyData;

/// <summary>
/// "Take it with me" in Chromium across two real servers, each on its own Kestrel with its own database: export
/// everything from one, bring it into a new account on the other, and find the journal there with the same
/// fingerprint, each entry saying when it was imported and when it was originally written, and its photo byte for byte.
/// </summary>
public sealed class TakeItWithMeJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Everything_exported_from_one_server_is_brought_into_a_new_account_on_another_with_the_same_fingerprint()
    {
        // The first server: a journal with an edited entry.
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, AccountJourneyTests.NewUserName());
        await page.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
        await JournalJourneyTests.WriteEntryAsync(page, "She read my messages and took the car keys", children: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit (adds a new version)" }).ClickAsync();
        var what = page.GetByLabel("What happened");
        await what.WaitForAsync();
        await what.FillAsync("She read my messages and took the car keys before work");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await page.GetByText("Edited once").WaitForAsync();
        // A photo on the entry: it travels in the ZIP and must come back exactly as it was added.
        var photo = TestFiles.JpegWithGps();
        var input = page.Locator("#entry-file");
        await input.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await input.SetInputFilesAsync(new FilePayload { Name = "IMG_0042.JPG", MimeType = "image/jpeg", Buffer = photo });
        await page.GetByText("Added “IMG_0042.JPG”").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        var fingerprint = await JournalJourneyTests.FingerprintAsync(page);

        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/account").ToString());
        await page.GetByText("The ZIP is not encrypted").WaitForAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export everything (ZIP)" }).ClickAsync());
        Assert.Equal("data-export.zip", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), $"carry-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);

        // The second server, its own database: a new account brings the ZIP in.
        await using var other = AppHost.Start();
        try
        {
            var there = await fixture.NewPageAsync();
            await AccountJourneyTests.SignUpAsync(there, other.BaseAddress, AccountJourneyTests.NewUserName());
            await there.GotoAsync(new Uri(other.BaseAddress, "/account").ToString());
            await there.GetByRole(AriaRole.Link, new() { Name = "Bring in an export" }).ClickAsync();
            await there.GetByRole(AriaRole.Heading, new() { Name = "Bring in an export", Level = 1 }).WaitForAsync();
            var before = await there.RunAxe();
            Assert.Empty(before.Violations.Select(v => $"{v.Id}: {v.Help}"));
            await there.GetByLabel("The export (the ZIP from “Export everything”)").SetInputFilesAsync(path);
            await there.GetByRole(AriaRole.Button, new() { Name = "Bring it in" }).ClickAsync();
            await there.Locator("[data-import-done]").WaitForAsync();
            Assert.Equal(fingerprint, (await there.Locator("[data-import-fingerprint]").InnerTextAsync()).Trim());
            var done = await there.Locator("[data-import-done]").InnerTextAsync();
            Assert.Contains("1 journal entry (3 versions)", done, StringComparison.Ordinal);
            Assert.Contains("and 1 file added to them", done, StringComparison.Ordinal);
            var after = await there.RunAxe();
            Assert.Empty(after.Violations.Select(v => $"{v.Id}: {v.Help}"));

            // The journal there: the same fingerprint, the entry with both versions, imported and originally written.
            await there.GetByRole(AriaRole.Link, new() { Name = "Open my journal" }).ClickAsync();
            Assert.Equal(fingerprint, await JournalJourneyTests.FingerprintAsync(there));
            await there.GetByRole(AriaRole.Link, new() { Name = "Open this entry" }).ClickAsync();
            await there.GetByText("She read my messages and took the car keys before work").First.WaitForAsync();
            await there.Locator("[data-imported-note]").WaitForAsync();
            Assert.Contains("originally written", await there.Locator("[data-imported-note]").InnerTextAsync(), StringComparison.Ordinal);
            await there.GetByText("Version 1: Written").ClickAsync();
            await there.GetByText("She read my messages and took the car keys", new() { Exact = true }).WaitForAsync();
            var original = await there.RunAndWaitForDownloadAsync(() => there.GetByRole(AriaRole.Link, new() { Name = "Download the original" }).ClickAsync());
            Assert.Equal(photo, await File.ReadAllBytesAsync(await original.PathAsync(), TestContext.Current.CancellationToken));

            // Nothing of what was written reached either server's logs, at any level.
            Assert.DoesNotContain("car keys", fixture.App.ReadLog(), StringComparison.Ordinal);
            Assert.DoesNotContain("car keys", other.ReadLog(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
