using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Docs;

/// <summary>
/// Renders the main pages at desktop and phone width. The run always checks they render; with
/// HEALINGCOMPASS_SCREENSHOTS set to a folder (docs/screenshots) it also refreshes the README's pictures.
/// </summary>
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    public static TheoryData<string, int, int> Viewports => new()
    {
        { "desktop", 1280, 900 },
        { "phone", 360, 780 },
    };

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task The_main_pages_render_as_pictures_at_desktop_and_phone_width(string name, int width, int height)
    {
        var folder = Environment.GetEnvironmentVariable("HEALINGCOMPASS_SCREENSHOTS")
            ?? Path.Combine(Path.GetTempPath(), "healingcompass-screenshots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var page = await fixture.NewPageAsync(width, height);
        var shots = new List<string>();

        async Task ShootAsync(string pageName)
        {
            var path = Path.Combine(folder, $"{pageName}-{name}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false, Animations = ScreenshotAnimations.Disabled });
            shots.Add(path);
        }

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/");
        await ShootAsync("welcome");

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/resources");
        await page.Locator("#region-page").SelectOptionAsync("region.uk");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Helplines in the United Kingdom" }).WaitForAsync();
        await ShootAsync("resources");

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.Locator("input[value='relationship.partner']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await page.Locator("input[name='safety.threats_to_kill'][value='yes']").CheckAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your safety comes first" }).WaitForAsync();
        await ShootAsync("safety-card");

        await page.GetByRole(AriaRole.Button, new() { Name = "Go on with the questions" }).ClickAsync();
        await Journey.AnswerEverythingAsync(page, "no");
        await page.Locator(".hc-chart").ScrollIntoViewIfNeededAsync();
        await ShootAsync("results");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        await ShootAsync("plan");

        foreach (var shot in shots)
        {
            Assert.True(new FileInfo(shot).Length > 5_000, $"{shot} looks empty");
        }
    }
}
