using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journeys;

/// <summary>A person keeps their answers off the server: download them, come back later, load them.</summary>
public sealed class AnswersFileTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Downloaded_answers_load_back_in_a_new_visit_and_give_the_same_results()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "no", reflectionNote: "Written before the download");
        var firstHeadings = await page.Locator("h2, h3").AllInnerTextsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download my answers" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"answers-{Guid.NewGuid():N}.json");
        await download.SaveAsAsync(path);
        try
        {
            Assert.Contains("healingcompass.answers", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), StringComparison.Ordinal);

            // A new visit: a fresh context knows nothing of the first.
            var later = await fixture.NewPageAsync();
            await later.GotoInteractiveAsync(fixture.App.BaseAddress, "/");
            await later.GetByRole(AriaRole.Link, new() { Name = "I have an answers file" }).ClickAsync();
            await later.Locator("#answers-upload").SetInputFilesAsync(path);
            await later.GetByText("Your answers are loaded.").WaitForAsync();

            await later.GetByRole(AriaRole.Link, new() { Name = "Change my paths" }).ClickAsync();
            await later.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 }).WaitForAsync();
            Assert.Equal(firstHeadings, await later.Locator("h2, h3").AllInnerTextsAsync());
            Assert.Contains("Written before the download", await later.Locator(".hc-reflections").TextContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_an_answers_file_gets_a_kind_message_and_changes_nothing()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/plan");
        await page.Locator("#answers-upload").SetInputFilesAsync(new FilePayload
        {
            Name = "holiday.json",
            MimeType = "application/json",
            Buffer = "{ \"beach\": true"u8.ToArray(),
        });
        var message = page.Locator("#answers-file [role=status]");
        await message.WaitForAsync();
        Assert.Contains("nothing was changed", await message.InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("There are no answers in this yet", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_plan_leaves_out_navigation_buttons_and_quick_exit()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "no");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        Assert.False(await page.Locator("[data-quick-exit]").IsVisibleAsync());
        Assert.False(await page.Locator("header.hc-header").IsVisibleAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Print my plan" }).IsVisibleAsync());
        Assert.False(await page.Locator("#answers-file").IsVisibleAsync());
        Assert.True(await page.Locator(".hc-step").First.IsVisibleAsync());
        Assert.True(await page.GetByText("Printed from HealingCompass").IsVisibleAsync());
    }
}
