using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journal;

/// <summary>
/// A file too large for the check page is named in the page as soon as it is chosen, and is never sent: the server
/// would otherwise stop reading it part-way, which the browser shows as a broken connection.
/// </summary>
public sealed class VerifyFileSizeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_file_over_the_limit_is_named_on_the_page_and_nothing_is_uploaded_until_a_smaller_one_is_chosen()
    {
        var page = await fixture.NewPageAsync(360, 640);
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && new Uri(request.Url).AbsolutePath == "/verify")
            {
                Interlocked.Increment(ref posts);
            }
        };
        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/verify").ToString());
        var input = page.Locator("#verify-file");

        await input.SetInputFilesAsync(new FilePayload { Name = "journal-export.zip", MimeType = "application/zip", Buffer = new byte[HealingCompass.Domain.Journal.Evidence.EvidenceZip.MaxUploadBytes + 1] });
        var problem = page.Locator("[data-size-problem-for='verify-file']");
        await problem.WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();

        Assert.Contains("larger than this page can check (25 MB)", await problem.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, posts);

        await input.SetInputFilesAsync(new FilePayload { Name = "journal.json", MimeType = "application/json", Buffer = "{\"formatVersion\": 99}"u8.ToArray() });
        Assert.False(await problem.IsVisibleAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check it" }).ClickAsync();
        await page.Locator("[data-verify-problem]").WaitForAsync();

        Assert.Equal(1, posts);
        Assert.Contains("a format this page does not know", await page.Locator("[data-verify-problem]").InnerTextAsync(), StringComparison.Ordinal);
    }
}
