using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Layout;

/// <summary>
/// On a small phone (360×640) someone in danger sees what matters now without scrolling: the safety summary,
/// the emergency number for the region their browser suggests (en-GB here), the first next step and the way
/// to their safety steps (docs/content.md, "The first screen"). The bunit FirstScreenTests count the words;
/// this checks the real layout in Chromium.
/// </summary>
public sealed class FirstScreenOnPhoneTests(BrowserFixture fixture)
{
    private const int Width = 360;
    private const int Height = 640;

    [Fact]
    public async Task Results_in_danger_show_summary_number_first_step_and_the_way_on_without_scrolling()
    {
        var page = await fixture.NewPageAsync(Width, Height);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await page.Locator("input[name='safety.threats_to_kill'][value='yes']").CheckAsync();
        await page.Locator("input[name='safety.gun'][value='yes']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "See my safety steps now" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 }).WaitForAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        var first = page.Locator(".hc-first-screen");
        await AssertOnFirstScreenAsync(page, first.Locator("h2#hc-safety-result"), "the safety heading");
        await AssertOnFirstScreenAsync(page, first.Locator("h2#hc-safety-result + p"), "the safety summary");
        await AssertOnFirstScreenAsync(page, first.Locator("a.hc-tel[href='tel:999']").First, "the UK emergency number");
        await AssertOnFirstScreenAsync(page, first.Locator("[data-next-steps] li").First, "the first next step");
        await AssertOnFirstScreenAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "See my safety steps" }), "the way to the safety steps");

        await first.GetByRole(AriaRole.Button, new() { Name = "See my safety steps" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        await AssertOnFirstScreenAsync(page, page.Locator("a.hc-tel[href='tel:999']").First, "the plan's emergency number");
        await AssertOnFirstScreenAsync(page, page.Locator("section[aria-labelledby^='plan-'] h2").First, "the first path's heading");
    }

    [Fact]
    public async Task Results_without_danger_show_summary_first_step_and_the_way_to_the_plan_without_scrolling()
    {
        var page = await fixture.NewPageAsync(Width, Height);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "no");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        var first = page.Locator(".hc-first-screen");
        await AssertOnFirstScreenAsync(page, first.Locator("h2#hc-safety-result + p"), "the safety summary");
        await AssertOnFirstScreenAsync(page, first.Locator("[data-next-steps] li").First, "the first next step");
        await AssertOnFirstScreenAsync(page, first.GetByRole(AriaRole.Button, new() { Name = "See my plan" }), "the way to the plan");
    }

    /// <summary>Wholly inside the first viewport and below the phone's quick-exit strip, which is fixed at the top.</summary>
    private static async Task AssertOnFirstScreenAsync(IPage page, ILocator element, string what)
    {
        await element.WaitForAsync();
        var box = await element.BoundingBoxAsync();
        Assert.True(box is not null, $"{what} is not rendered");
        var strip = await page.Locator(".hc-quick-exit-bar").BoundingBoxAsync();
        var top = strip?.Y + strip?.Height ?? 0;
        Assert.True(box.Y >= top && box.Y + box.Height <= Height,
            $"{what} is at y={box.Y:F0}..{box.Y + box.Height:F0}, outside the first screen ({top:F0}..{Height}) at {Width}×{Height}");
    }
}
