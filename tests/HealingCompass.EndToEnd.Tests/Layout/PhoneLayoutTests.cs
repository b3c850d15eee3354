using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Layout;

/// <summary>On a 360 px wide phone nothing makes the page scroll sideways.</summary>
public sealed class PhoneLayoutTests(BrowserFixture fixture)
{
    [Fact]
    public async Task No_page_scrolls_sideways_at_360_px_through_a_whole_journey()
    {
        var page = await fixture.NewPageAsync(360, 740);
        var wide = new List<string>();

        async Task CheckAsync(string where)
        {
            if (await page.ScrollsSidewaysAsync())
            {
                wide.Add(where);
            }
        }

        foreach (var path in new[] { "/", "/resources", "/browsing-safely", "/not-found" })
        {
            await page.GotoInteractiveAsync(fixture.App.BaseAddress, path);
            await CheckAsync(path);
        }
        foreach (var path in new[] { "/account/login", "/account/register", "/account/recover" })
        {
            await page.GotoAsync(new Uri(fixture.App.BaseAddress, path).ToString());
            await CheckAsync(path);
        }
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/resources");
        await page.Locator("#region-page").SelectOptionAsync("region.ca");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Helplines in Canada" }).WaitForAsync();
        await CheckAsync("/resources (Canada)");

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "no", "A note", step => CheckAsync($"/assessment step {step}"));
        await CheckAsync("/results");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        await CheckAsync("/plan");

        Assert.Empty(wide);
    }
}
