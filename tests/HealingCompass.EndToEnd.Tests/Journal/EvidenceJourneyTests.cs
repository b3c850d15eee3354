using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journal;

/// <summary>
/// The export in Chromium: sign in, write an entry, download the PDF and the ZIP (a period) from the journal page,
/// then open /verify in a fresh browser context without an account, upload the ZIP and see it verified, with an
/// earlier fingerprint checked; change one byte and see the break named.
/// </summary>
public sealed class EvidenceJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_exports_the_pdf_and_the_zip_and_anyone_without_an_account_verifies_the_zip_and_sees_a_changed_byte_named()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, AccountJourneyTests.NewUserName());
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal");
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Write an entry" }).ClickAsync();
        await page.GetByLabel("What happened").FillAsync("She read my messages and sent them to my sister");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Journal entry" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        var fingerprint = await page.Locator("[data-fingerprint]").InnerTextAsync();

        var folder = Directory.CreateTempSubdirectory("hc-e2e-export-").FullName;
        try
        {
            // The PDF, the form's first choice, for the whole journal.
            await Assertions.Expect(page.GetByLabel("A PDF report to read or print")).ToBeCheckedAsync();
            var pdf = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export" }).ClickAsync());
            Assert.Equal("journal-report.pdf", pdf.SuggestedFilename);
            var pdfPath = Path.Combine(folder, "report.pdf");
            await pdf.SaveAsAsync(pdfPath);
            var text = Run("pdftotext", pdfPath, "-");
            Assert.Contains("THIS FILE IS NOT ENCRYPTED", text, StringComparison.Ordinal);
            Assert.Contains(fingerprint, text, StringComparison.Ordinal);
            Assert.Contains("She read my messages and sent them to my sister", text, StringComparison.Ordinal);

            // The ZIP, for a period around today (the entry gave no day, so the day it was written counts).
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await page.GetByLabel("Only entries from a period").CheckAsync();
            await page.GetByLabel("First day").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("Last day").FillAsync(today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByLabel("A ZIP with the PDF and the record").CheckAsync();
            var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the export" }).ClickAsync());
            Assert.Equal("journal-export.zip", zip.SuggestedFilename);
            Assert.Contains("range=period", zip.Url, StringComparison.Ordinal);
            Assert.DoesNotContain("messages", zip.Url, StringComparison.Ordinal);
            var zipPath = Path.Combine(folder, "journal-export.zip");
            await zip.SaveAsAsync(zipPath);

            // Someone else, in a fresh browser context with no account, checks it.
            var stranger = await fixture.NewPageAsync();
            await stranger.GotoAsync(new Uri(fixture.App.BaseAddress, "/verify").ToString());
            await stranger.GetByLabel("The export file (ZIP or journal.json)").SetInputFilesAsync(zipPath);
            await stranger.GetByLabel("A fingerprint you noted earlier (optional)").FillAsync(fingerprint);
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
            await stranger.Locator("[data-verify-result='verified']").WaitForAsync();
            Assert.Equal(fingerprint, await stranger.Locator("[data-verify-fingerprint]").InnerTextAsync());
            Assert.Contains($"Your earlier fingerprint {fingerprint} matches this chain at version 1 of 1", await stranger.Locator("[data-verify-typed='matches']").InnerTextAsync(), StringComparison.Ordinal);
            // The PDF downloaded first is listed as an earlier export of the same head.
            await stranger.Locator("[data-earlier-matches='yes']").WaitForAsync();
            var axe = await stranger.RunAxe();
            Assert.True(axe.Violations.Length == 0, string.Join(Environment.NewLine, axe.Violations.Select(v => $"{v.Id}: {v.Help}")));

            // One changed byte in the entry's words, and the break is named.
            var tamperedPath = Path.Combine(folder, "changed.zip");
            ChangeOneContentByte(zipPath, tamperedPath);
            await stranger.GetByLabel("The export file (ZIP or journal.json)").SetInputFilesAsync(tamperedPath);
            await stranger.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
            await stranger.Locator("[data-verify-result='changed-content']").WaitForAsync();
            await stranger.GetByText("has content that is not what was written").WaitForAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void ChangeOneContentByte(string from, string to)
    {
        File.Copy(from, to);
        using var zip = ZipFile.Open(to, ZipArchiveMode.Update);
        var entry = zip.GetEntry("journal.json")!;
        JsonNode json;
        using (var stream = entry.Open())
        {
            json = JsonNode.Parse(stream)!;
        }
        var version = json["versions"]![0]!;
        var bytes = Convert.FromBase64String(version["content"]!.GetValue<string>());
        bytes[bytes.Length / 2] ^= 0x01;
        version["content"] = Convert.ToBase64String(bytes);
        entry.Delete();
        using var writer = zip.CreateEntry("journal.json").Open();
        writer.Write(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
