using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journeys;

/// <summary>
/// In Chromium at 360 px: a teenager dating someone they don't live with gets a plan for their age, and
/// someone worried about their own behaviour finds what helps from the welcome page; both pages axe clean.
/// </summary>
public sealed class EveryPersonJourneyTests(BrowserFixture fixture)
{
    private const int Width = 360;
    private const int Height = 640;

    [Fact]
    public async Task Someone_under_18_not_living_with_the_other_person_gets_a_plan_for_their_age_axe_clean_on_a_phone()
    {
        var page = await fixture.NewPageAsync(Width, Height);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page, "no", onEachStep: async _ =>
        {
            foreach (var (question, option) in new[] { ("context.age", "age.under_18"), ("context.status", "status.in_contact"), ("context.wants", "want.unsure") })
            {
                var radio = page.Locator($"input[name='{question}'][value='{option}']");
                if (await radio.CountAsync() > 0)
                {
                    await radio.CheckAsync();
                }
            }
        });
        await AssertAxeCleanAsync(page, "results, under 18");

        await page.GetByRole(AriaRole.Button, new() { Name = "See my plan" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();

        var main = await page.Locator("main").TextContentAsync() ?? "";
        Assert.Contains("Tell a trusted adult", main, StringComparison.Ordinal);
        foreach (var adult in new[] { "tenancy", "custody", "shelter", "where you'll go", "night's stay" })
        {
            Assert.DoesNotContain(adult, main, StringComparison.OrdinalIgnoreCase);
        }

        var fit = page.Locator("section[aria-labelledby='hc-fit-title'] > details");
        Assert.Null(await fit.GetAttributeAsync("open"));
        await fit.Locator("summary").ClickAsync();
        await page.GetByText("We don't list a line just for young people in the United Kingdom yet.").WaitForAsync();
        Assert.Contains("Lines for everyone", await fit.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.False(await page.ScrollsSidewaysAsync());
        await AssertAxeCleanAsync(page, "plan, under 18, fitting lines open");
    }

    [Fact]
    public async Task Someone_worried_about_their_own_behaviour_reaches_what_helps_from_the_welcome_page_axe_clean_on_a_phone()
    {
        var page = await fixture.NewPageAsync(Width, Height);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Read what helps people change" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "If you're worried about how you treat someone", Level = 1 }).WaitForAsync();
        await page.WaitForInteractiveAsync();

        Assert.Equal("What helps · HealingCompass", await page.TitleAsync());
        Assert.Equal(5, await page.Locator("section[aria-labelledby='hc-own-accountability'] li").CountAsync());
        Assert.Equal(4, await page.Locator("section[aria-labelledby='hc-own-safety'] li").CountAsync());
        Assert.Contains("in the United Kingdom", await page.Locator("#hc-own-services-none").TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("a.hc-tel[href='tel:999']").CountAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan" }).CountAsync());
        Assert.False(await page.ScrollsSidewaysAsync());
        await AssertAxeCleanAsync(page, "own behaviour page");

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/");
        await AssertAxeCleanAsync(page, "welcome with the own-behaviour link");
    }

    private static async Task AssertAxeCleanAsync(IPage page, string where)
    {
        var found = await page.AxeViolationsAsync(where);
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
