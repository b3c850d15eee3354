using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journeys;

/// <summary>The whole anonymous journey a person takes: welcome, questions, results, chosen paths, plan.</summary>
public sealed class AnonymousAssessmentTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_can_go_from_welcome_through_every_question_to_results_and_a_plan_of_their_chosen_paths()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Start the self-assessment" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.Contains("Who", await page.Locator("#hc-screen-title").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        await Journey.AnswerEverythingAsync(page, "no", reflectionNote: "A private note only I should see");

        // Results: safety first, then the factors with a chart, then the paths to choose from.
        var headings = await page.Locator("h2").AllInnerTextsAsync();
        Assert.StartsWith("No signs of physical danger", headings[0], StringComparison.Ordinal);
        Assert.Contains(headings, h => h.StartsWith("What repair could rest on", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator(".hc-chart svg").First.CountAsync());
        Assert.Contains("A private note only I should see", await page.Locator(".hc-reflections").TextContentAsync(), StringComparison.Ordinal);

        var personal = page.GetByRole(AriaRole.Checkbox, new() { Name = "Personal healing" });
        Assert.True(await personal.IsCheckedAsync());
        Assert.True(await personal.IsDisabledAsync());
        var noContact = page.GetByRole(AriaRole.Checkbox, new() { Name = "No contact or limited contact" });
        await noContact.CheckAsync();
        Assert.True(await noContact.IsCheckedAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        var planHeadings = await page.Locator("h2").AllInnerTextsAsync();
        Assert.Contains("Personal healing", planHeadings);
        Assert.Contains("No contact or limited contact", planHeadings);
        Assert.True(await page.Locator(".hc-step").CountAsync() >= 4);
        Assert.Contains("Why:", await page.Locator(".hc-step").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Download my answers" }).WaitForAsync();
    }

    [Fact]
    public async Task Answers_survive_a_dropped_connection_and_the_circuit_reconnects()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        var partner = page.Locator("input[type=radio][value='relationship.partner']");
        await partner.CheckAsync();

        // Blazor's own test hook drops the WebSocket as a network blink would.
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        await page.Locator("#components-reconnect-modal.components-reconnect-hide").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.True(await page.Locator("input[type=radio][value='relationship.partner']").IsCheckedAsync());
    }

    [Fact]
    public async Task A_tick_on_one_screen_leaves_nothing_ticked_in_its_place_on_the_next_and_is_still_there_after_Back()
    {
        // Next reuses the page's elements for the next screen's questions: what the browser shows as ticked
        // (the live state, not the markup) must follow the answers, screen by screen.
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        var ticked = page.Locator("fieldset.hc-question input:checked");
        var first = page.Locator("fieldset.hc-question input[type=radio]").Nth(1);
        var firstValue = await first.GetAttributeAsync("value");
        await first.CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        Assert.Equal(0, await ticked.CountAsync());
        var second = page.Locator("fieldset.hc-question input[type=radio]").Nth(1);
        var secondValue = await second.GetAttributeAsync("value");
        await second.CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.Equal(1, await ticked.CountAsync());
        Assert.Equal(firstValue, await ticked.GetAttributeAsync("value"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        Assert.Equal(1, await ticked.CountAsync());
        Assert.Equal(secondValue, await ticked.GetAttributeAsync("value"));
    }
}
