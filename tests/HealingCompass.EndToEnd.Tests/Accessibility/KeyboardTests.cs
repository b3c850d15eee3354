using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Accessibility;

/// <summary>Someone who uses only a keyboard can do everything: start, answer, move on, choose, see the plan.</summary>
public sealed class KeyboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_whole_assessment_can_be_completed_with_the_keyboard_alone()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/");

        await TabToAsync(page, "a", "Start the self-assessment");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForStepAsync(1);

        var steps = await page.StepCountAsync();
        for (var step = 1; step <= steps; step++)
        {
            await page.WaitForStepAsync(step);
            // Tab into the first option of the first question, then choose it with Space.
            await TabToAsync(page, "input", null);
            await page.Keyboard.PressAsync("Space");
            await page.Locator("fieldset.hc-question").First.Locator("input:checked").WaitForAsync();
            var button = step < steps ? "Next" : "See my results";
            await TabToAsync(page, "button", button);
            await page.Keyboard.PressAsync("Enter");
        }

        await page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 }).WaitForAsync();
        await TabToAsync(page, "button", "Show my plan");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        Assert.True(await page.Locator(".hc-step").CountAsync() > 0);
    }

    [Fact]
    public async Task Quick_exit_is_the_first_thing_the_Tab_key_reaches_and_the_skip_link_the_second()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        // The order Tab follows from the top of the page: every focusable element in document order.
        var order = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]:not([tabindex=\"-1\"])')]" +
            ".filter(el => !el.disabled).map(el => (el.innerText || el.value || '').trim())");
        // Quick exit first, so one Tab and Enter leave the site; the skip link to the content follows it.
        Assert.StartsWith("Quick exit", order[0], StringComparison.Ordinal);
        Assert.Equal("Skip to content", order[1]);
    }

    /// <summary>Presses Tab until focus is on an element of the tag (and, if given, whose text starts with the text).</summary>
    private static async Task TabToAsync(IPage page, string tag, string? text)
    {
        for (var i = 0; i < 200; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var match = await page.EvaluateAsync<bool>(
                "([tag, text]) => { const el = document.activeElement; if (!el || el.tagName.toLowerCase() !== tag) return false; " +
                "return text === null || (el.innerText || el.value || '').trim().startsWith(text); }",
                new object?[] { tag, text });
            if (match)
            {
                return;
            }
        }
        throw new InvalidOperationException($"Tab never reached <{tag}> '{text}'.");
    }
}
