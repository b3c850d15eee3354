using Deque.AxeCore.Playwright;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Accessibility;

/// <summary>axe-core finds no violation of any impact on any page, in light and dark colours.</summary>
public sealed class AxeScanTests(BrowserFixture fixture)
{
    public static TheoryData<bool> Themes => new() { false, true };

    [Theory]
    [MemberData(nameof(Themes))]
    public async Task Every_page_has_no_axe_violations(bool dark)
    {
        var page = await fixture.NewPageAsync();
        var found = new List<string>();

        async Task ScanAsync(string where)
        {
            var result = await page.RunAxe();
            found.AddRange(result.Violations.Select(v =>
                $"{where}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
        }

        async Task OpenAsync(string path)
        {
            await page.GotoInteractiveAsync(fixture.App.BaseAddress, path);
            if (dark)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Use dark colours" }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Use light colours" }).WaitForAsync();
            }
        }

        foreach (var path in new[] { "/", "/resources", "/own-behaviour", "/browsing-safely", "/not-found", "/results", "/plan" })
        {
            await OpenAsync(path);
            await ScanAsync(path);
        }

        // Account pages are static forms: no circuit to wait for, and no colour toggle (light only).
        if (!dark)
        {
            foreach (var path in new[] { "/account/login", "/account/register", "/account/recover" })
            {
                await page.GotoAsync(new Uri(fixture.App.BaseAddress, path).ToString());
                await ScanAsync(path);
            }
            await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/account/register").ToString());
            await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
            await page.Locator(".validation-message, .hc-field-error").First.WaitForAsync();
            await ScanAsync("/account/register with errors");
        }

        await OpenAsync("/resources");
        await page.Locator("#region-page").SelectOptionAsync("region.uk");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Helplines in the United Kingdom" }).WaitForAsync();
        await ScanAsync("/resources (UK)");

        await OpenAsync("/assessment");
        await ScanAsync("/assessment step 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await page.Locator("input[name='safety.choking'][value='yes']").CheckAsync();
        await page.Locator(".hc-safety-card").WaitForAsync();
        await ScanAsync("/assessment safety card");
        await page.GetByRole(AriaRole.Button, new() { Name = "Go on with the questions" }).ClickAsync();

        await Journey.AnswerEverythingAsync(page, "no", reflectionNote: "note");
        await ScanAsync("/results after answers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        await ScanAsync("/plan after answers");

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
