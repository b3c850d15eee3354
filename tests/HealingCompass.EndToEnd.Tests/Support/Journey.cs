using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Support;

/// <summary>Answers the walk-through the way a person would, through the page itself.</summary>
public static class Journey
{
    /// <summary>
    /// From the current screen to the results: on each screen picks, for every radio group, the option with
    /// the given value if present (e.g. "no" for safety items) or else the first one, then presses Next.
    /// The optional age band is left unanswered; <paramref name="onEachStep"/> can answer it.
    /// </summary>
    public static async Task AnswerEverythingAsync(IPage page, string preferredValue = "no", string? reflectionNote = null, Func<int, Task>? onEachStep = null)
    {
        var steps = await page.StepCountAsync();
        for (var step = await page.CurrentStepAsync(); step <= steps; step++)
        {
            await page.WaitForStepAsync(step);
            var groups = await page.Locator("fieldset.hc-question").AllAsync();
            foreach (var group in groups)
            {
                // The age band is optional and changes the plan's words; a journey names one only when it means to.
                if (await group.Locator("input[name='context.age']").CountAsync() > 0)
                {
                    continue;
                }

                var preferred = group.Locator($"input[type=radio][value='{preferredValue}']");
                var radios = group.Locator("input[type=radio]");
                var boxes = group.Locator("input[type=checkbox]");
                var text = group.Locator("textarea");
                if (await preferred.CountAsync() > 0)
                {
                    await preferred.First.CheckAsync();
                }
                else if (await radios.CountAsync() > 0)
                {
                    await radios.First.CheckAsync();
                }
                else if (await boxes.CountAsync() > 0)
                {
                    await boxes.First.CheckAsync();
                }
                else if (await text.CountAsync() > 0 && reflectionNote is not null)
                {
                    await text.FillAsync(reflectionNote);
                    await text.BlurAsync();
                }
            }
            if (onEachStep is not null)
            {
                await onEachStep(step);
            }
            if (step < steps)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
            }
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "See my results" }).ClickAsync();
        // In-app moves replace the history entry; wait for what the person sees, not for the URL event.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 }).WaitForAsync();
    }
}
