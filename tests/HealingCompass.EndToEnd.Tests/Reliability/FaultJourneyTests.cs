using System.Diagnostics;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Journal;
using HealingCompass.EndToEnd.Tests.Support;
using HealingCompass.Web.Components.Storage;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Reliability;

/// <summary>
/// Faults met in the journal's interactive form in Chromium: the database turning read-only while a person
/// writes, and the live connection dropping mid-form. What was typed stays on the page, what was saved stays
/// saved, and the same app carries on once the fault clears.
/// </summary>
public sealed class FaultJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_read_only_database_keeps_the_typed_words_on_the_form_with_a_calm_message_and_the_save_goes_through_once_writable()
    {
        await using var app = AppHost.Start();
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignUpAsync(page, app.BaseAddress, AccountJourneyTests.NewUserName());
        await page.GotoInteractiveAsync(app.BaseAddress, "/journal");
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
        await JournalJourneyTests.WriteEntryAsync(page, "Saved before the disk stopped taking changes", children: false);

        await page.GotoInteractiveAsync(app.BaseAddress, "/journal-write");
        var what = page.GetByLabel("What happened");
        Exception? failed = null;
        var database = new[] { app.DatabasePath, Path.Combine(app.DataDirectory, "healingcompass.db") }.Single(File.Exists);
        Immutable(true, database);
        try
        {
            await what.PressSequentiallyAsync("Written while the database was read-only");
            // The draft kept as you type could not be kept either, and says so in the same calm way.
            await page.GetByText(StorageTrouble.DraftMessage).WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
            await page.Locator("[data-storage-trouble]").WaitForAsync();
            Assert.Contains(StorageTrouble.Message, await page.Locator("[data-storage-trouble]").InnerTextAsync(), StringComparison.Ordinal);
            await Assertions.Expect(what).ToHaveValueAsync("Written while the database was read-only");
            Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
        }
        catch (Exception e)
        {
            failed = e;
        }
        finally
        {
            Immutable(false, database);
        }
        Assert.Null(failed);

        // The same page, the same circuit, no restart: saving again works.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Journal entry" }).WaitForAsync();
        await page.GetByText("Written while the database was read-only").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "2 entries" }).WaitForAsync();
        Assert.Contains("Saved before the disk stopped taking changes", await page.Locator(".hc-entry-list").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_form_shows_the_calm_banner_and_the_words_come_back_after_reconnecting()
    {
        var app = AppHost.Start();
        try
        {
            var page = await fixture.NewPageAsync();
            await AccountJourneyTests.SignUpAsync(page, app.BaseAddress, AccountJourneyTests.NewUserName());
            await page.GotoInteractiveAsync(app.BaseAddress, "/journal");
            await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
            await JournalJourneyTests.WriteEntryAsync(page, "Saved before the connection dropped", children: false);

            await page.GotoInteractiveAsync(app.BaseAddress, "/journal-write");
            var what = page.GetByLabel("What happened");
            await what.PressSequentiallyAsync("Half a sentence typed when the line went");
            await page.GetByText("Kept as you type (encrypted)").WaitForAsync();

            // The server goes away under the open page (every circuit ends with it) and comes back.
            app = await app.RestartAsync();

            var banner = page.Locator("#components-reconnect-modal");
            await banner.GetByText("The connection was reset, so this page has to load again").WaitForAsync(new() { Timeout = 60_000 });
            Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync());
            // What was on the screen is still on the screen while the banner shows.
            await Assertions.Expect(what).ToHaveValueAsync("Half a sentence typed when the line went");

            await page.Locator("#hc-reload-button").ClickAsync();
            // The key lived in the old server's memory: the password opens the journal again, then the draft.
            await page.WaitForURLAsync("**/account/unlock**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
            await page.GetByLabel("Password").FillAsync(AccountJourneyTests.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
            await page.WaitForURLAsync("**/journal-write");
            await page.WaitForInteractiveAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Carry on with it" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("What happened")).ToHaveValueAsync("Half a sentence typed when the line went");

            await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "Journal entry" }).WaitForAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "2 entries" }).WaitForAsync();
            Assert.Contains("Saved before the connection dropped", await page.Locator(".hc-entry-list").InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// <c>chattr +i</c> on the database and its WAL (root ignores file modes; never the <c>-shm</c>, whose
    /// memory map would kill the process with SIGBUS). The folder here is the shared temp folder, so it is left alone.
    /// </summary>
    private static void Immutable(bool on, string databasePath)
    {
        var start = new ProcessStartInfo("chattr") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(on ? "+i" : "-i");
        foreach (var path in new[] { databasePath, databasePath + "-wal" }.Where(File.Exists))
        {
            start.ArgumentList.Add(path);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }
}
