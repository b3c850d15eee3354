using Deque.AxeCore.Playwright;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.CheckIns;

/// <summary>
/// A person keeps their plan and comes back week after week: adds their own commitment, checks in three times
/// (the app's check-in clock moved a week each time), sees the chart and the table, meets the safety offer and
/// dismisses it, then retakes the assessment a month on and sees each part beside the earlier result. Everything
/// after the walk-through is done with the keyboard: focus and a key, never a click.
/// </summary>
public sealed class CheckInJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Keep_a_plan_check_in_three_weeks_see_progress_meet_the_safety_offer_and_retake_with_a_comparison()
    {
        // Its own app, so moving its check-in clock touches no other test.
        using var app = AppHost.Start();
        var sunday = NextSunday(DateTimeOffset.UtcNow);
        app.CheckInTime.SetUtcNow(sunday);
        var page = await fixture.NewPageAsync();
        var axe = new List<string>();
        await AccountJourneyTests.SignUpAsync(page, app.BaseAddress, AccountJourneyTests.NewUserName());

        // Choose a plan (the walk-through, as a person answers it) and keep it.
        await page.GotoInteractiveAsync(app.BaseAddress, "/assessment");
        await Journey.AnswerEverythingAsync(page);
        await Press(page.GetByRole(AriaRole.Button, new() { Name = "Show my plan" }), "Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your plan", Level = 1 }).WaitForAsync();
        await Press(page.Locator("[data-keep-plan]"), "Enter");
        await page.GetByText("Your plan is kept.").WaitForAsync();
        await Press(page.GetByRole(AriaRole.Link, new() { Name = "Go to my kept plan" }), "Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "My kept plan", Level = 1 }).WaitForAsync();
        await ScanAsync(page, "/my-plan", axe);

        // Add an own commitment.
        await page.Locator("#own-text").FocusAsync();
        await page.Keyboard.TypeAsync(OwnCommitment);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("Added. It will be in your next check-in.").WaitForAsync();
        var own = page.Locator("li.hc-commitment", new() { HasText = OwnCommitment });
        await own.WaitForAsync();

        // Three weekly check-ins, a week apart on the app's clock. Feeling safe goes 4, 2, then "Not safe".
        int[] feltSafe = [4, 2, 1];
        for (var week = 0; week < 3; week++)
        {
            app.CheckInTime.SetUtcNow(sunday.AddDays(7 * week));
            await page.GotoAsync(new Uri(app.BaseAddress, "/check-in").ToString());
            await page.GetByRole(AriaRole.Heading, new() { Name = "Weekly check-in" }).WaitForAsync();
            await Press(page.Locator("#weekFelt-3"), "Space");
            var notSafe = page.Locator("[data-not-safe]");
            Assert.False(await notSafe.IsVisibleAsync());
            await Press(page.Locator($"#feltSafe-{feltSafe[week]}"), "Space");
            // "Not safe" shows support on the spot, before anything is saved.
            Assert.Equal(feltSafe[week] == 1, await notSafe.IsVisibleAsync());
            await Press(page.Locator("input[name=kept]").First, "Space");
            await page.Locator("#note").FocusAsync();
            await page.Keyboard.TypeAsync($"{Sentinel} week {week + 1}");
            if (week == 0)
            {
                await ScanAsync(page, "/check-in", axe);
            }
            await Press(page.GetByRole(AriaRole.Button, new() { Name = "Save my check-in" }), "Enter");
            await page.Locator("[data-check-in-saved]").WaitForAsync();
        }

        // The third check-in set off the safety offer, with support contacts; dismissing it makes it go away.
        var offer = page.Locator("[data-safety-offer]");
        await offer.WaitForAsync();
        Assert.Contains("Feeling safe was low in your last two check-ins.", await offer.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("emergency", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        await Press(offer.GetByRole(AriaRole.Button, new() { Name = "Not now" }), "Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "My kept plan", Level = 1 }).WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-safety-offer]").CountAsync());
        Assert.Contains("You've checked in 3 times so far.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // Progress: the chart and the same numbers as a table; the offer stays dismissed.
        await page.GotoAsync(new Uri(app.BaseAddress, "/progress").ToString());
        await page.Locator("[data-trend-chart] svg").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-safety-offer]").CountAsync());
        var rows = page.Locator("[data-trend-table] tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Equal(["1", "2", "4"], await Task.WhenAll(Enumerable.Range(0, 3).Select(i => rows.Nth(i).Locator("td").Nth(1).InnerTextAsync())));
        Assert.Matches("\\b1 of \\d+\\b", await rows.First.InnerTextAsync()); // one ticked, of every commitment listed that week
        await ScanAsync(page, "/progress", axe);

        // The journal weeks, switched on from the keyboard: the table gains its columns (no entries yet: zeros).
        Assert.Equal(0, await page.Locator("[data-journal-col]").CountAsync());
        await Press(page.GetByLabel("Show my journal entries on the same weeks"), " ");
        await Press(page.Locator("[data-journal-toggle]").GetByRole(AriaRole.Button, new() { Name = "Update" }), "Enter");
        await page.Locator("[data-journal-total]").First.WaitForAsync();
        Assert.EndsWith("/progress?journal=1", page.Url, StringComparison.Ordinal);
        Assert.Equal(["0", "0", "0"], await page.Locator("[data-journal-total]").AllInnerTextsAsync());
        await ScanAsync(page, "/progress?journal=1", axe);

        // Nothing scrolls sideways on a 360 px phone.
        await page.SetViewportSizeAsync(360, 740);
        foreach (var path in new[] { "/my-plan", "/check-in", "/progress", "/progress?journal=1" })
        {
            await page.GotoAsync(new Uri(app.BaseAddress, path).ToString());
            await page.Locator("h1").WaitForAsync();
            Assert.False(await page.ScrollsSidewaysAsync(), $"{path} scrolls sideways at 360 px");
        }
        await page.SetViewportSizeAsync(1280, 900);

        // A month on, a retake is offered; answering differently shows each part beside the earlier result.
        app.CheckInTime.SetUtcNow(sunday.AddDays(45));
        await page.GotoAsync(new Uri(app.BaseAddress, "/my-plan").ToString());
        await page.Locator("[data-retake]").WaitForAsync();
        await Press(page.Locator("[data-retake] a"), "Enter");
        await page.WaitForInteractiveAsync();
        // The visit comes back where it was left (the results); go back to the first screen to answer again.
        while (await page.CurrentStepAsync() is var step and > 1)
        {
            await Press(page.GetByRole(AriaRole.Button, new() { Name = "Back", Exact = true }), "Enter");
            await page.WaitForStepAsync(step - 1);
        }
        await Journey.AnswerEverythingAsync(page, onEachStep: async _ =>
        {
            foreach (var group in await page.Locator("fieldset.hc-question:has(input[type=radio][name^='factor.'])").AllAsync())
            {
                await Press(group.Locator("input[type=radio]").Last, "Space");
            }
        });
        var comparison = page.Locator("[data-comparison]");
        await comparison.WaitForAsync();
        Assert.Matches("(up|down) \\d+", await comparison.InnerTextAsync());
        await Press(page.Locator("[data-keep-result]"), "Enter");
        await page.GetByText("Kept in your history.").WaitForAsync();

        Assert.Empty(axe);

        // Nothing the person wrote reached the app's log (every level), a page title or an address.
        var log = app.ReadLog();
        Assert.DoesNotContain(Sentinel, log, StringComparison.Ordinal);
        Assert.DoesNotContain(OwnCommitment, log, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, await page.TitleAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, page.Url, StringComparison.Ordinal);
    }

    private const string Sentinel = "NOTE-SENTINEL-7d1c";

    private const string OwnCommitment = "Ten minutes outside at lunch";

    private static async Task Press(ILocator target, string key)
    {
        await target.FocusAsync();
        await target.PressAsync(key);
    }

    private static async Task ScanAsync(IPage page, string where, List<string> found)
    {
        var result = await page.RunAxe();
        found.AddRange(result.Violations.Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
    }

    private static DateTimeOffset NextSunday(DateTimeOffset from)
    {
        var day = from.UtcDateTime.Date.AddDays(((int)DayOfWeek.Sunday - (int)from.UtcDateTime.DayOfWeek + 7) % 7 + 7);
        return new DateTimeOffset(day.AddHours(12), TimeSpan.Zero);
    }
}
