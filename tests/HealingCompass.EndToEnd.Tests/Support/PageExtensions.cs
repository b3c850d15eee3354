using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Support;

/// <summary>Small steps every journey takes.</summary>
public static class PageExtensions
{
    /// <summary>Every axe-core violation on the page as it is now, one readable line each, labelled with where it was seen.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(this IPage page, string where)
    {
        var result = await page.RunAxe();
        return [.. result.Violations.Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")];
    }

    /// <summary>Opens a page and waits until the circuit is live, so clicks are not lost to prerendering.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, Uri baseAddress, string path)
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("[data-interactive='true']").WaitForAsync();

    /// <summary>The walk-through's progress line, e.g. "Step 3 of 14: …".</summary>
    public static Task<string> ProgressAsync(this IPage page) => page.Locator("#hc-progress-label").InnerTextAsync();

    /// <summary>Waits for the walk-through to show the given step number.</summary>
    public static Task WaitForStepAsync(this IPage page, int step) =>
        page.Locator("#hc-progress-label").Filter(new LocatorFilterOptions { HasTextString = $"Step {step} of" }).WaitForAsync();

    /// <summary>How many screens the walk-through has, read from the progress line.</summary>
    public static async Task<int> StepCountAsync(this IPage page)
    {
        var text = await page.ProgressAsync();
        var ofIndex = text.IndexOf(" of ", StringComparison.Ordinal) + 4;
        var end = text.IndexOf(':', ofIndex);
        return int.Parse(text[ofIndex..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step the walk-through shows now, from 1.</summary>
    public static async Task<int> CurrentStepAsync(this IPage page)
    {
        var text = await page.ProgressAsync();
        var start = text.IndexOf("Step ", StringComparison.Ordinal) + 5;
        var end = text.IndexOf(" of ", start, StringComparison.Ordinal);
        return int.Parse(text[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>True when the page is wider than the viewport (horizontal scrolling).</summary>
    public static Task<bool> ScrollsSidewaysAsync(this IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
}
