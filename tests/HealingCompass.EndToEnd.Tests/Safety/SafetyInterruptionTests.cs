using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Safety;

/// <summary>The calm safety card: it appears as soon as a danger answer is given, informs, and never blocks.</summary>
public sealed class SafetyInterruptionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_danger_answer_brings_up_the_safety_card_with_the_emergency_number_and_the_person_can_go_on()
    {
        var page = await fixture.NewPageAsync(390, 844);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        var card = page.Locator(".hc-safety-card");
        Assert.Equal(0, await card.CountAsync());

        await page.Locator("input[name='safety.choking'][value='yes']").CheckAsync();

        await card.WaitForAsync();
        Assert.Equal("status", await card.GetAttributeAsync("role"));
        Assert.True(await card.IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Your safety comes first" }).IsVisibleAsync());

        await card.Locator("select").SelectOptionAsync("region.uk");
        await card.GetByText("999").First.WaitForAsync();
        Assert.Equal("tel:999", await card.Locator("a.hc-tel").First.GetAttributeAsync("href"));
        Assert.Contains("0808 2000 247", await card.InnerTextAsync(), StringComparison.Ordinal);

        // It informs, never blocks: the questions are still there and the person can carry on.
        await page.GetByRole(AriaRole.Button, new() { Name = "Go on with the questions" }).ClickAsync();
        await card.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.StartsWith("Step 2 of", await page.ProgressAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("input[name='safety.choking'][value='yes']").IsCheckedAsync());
    }

    [Fact]
    public async Task From_the_safety_card_the_person_can_go_straight_to_results_where_safety_planning_comes_first()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await page.Locator("input[name='safety.threats_to_kill'][value='yes']").CheckAsync();
        await page.Locator("input[name='safety.gun'][value='yes']").CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "See my safety steps now" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 }).WaitForAsync();

        var headings = await page.Locator("h2").AllInnerTextsAsync();
        Assert.Equal("You may be in danger now", headings[0]);
        Assert.True(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Safety planning" }).IsCheckedAsync());
        var repair = page.Locator(".mud-paper", new() { Has = page.GetByRole(AriaRole.Checkbox, new() { Name = "Repairing the relationship together" }) });
        Assert.Contains("Not advised right now", await repair.InnerTextAsync(), StringComparison.Ordinal);
        Assert.False(await page.GetByRole(AriaRole.Checkbox, new() { Name = "Repairing the relationship together" }).IsCheckedAsync());
    }
}
