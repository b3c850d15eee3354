using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Safety;

/// <summary>
/// Quick exit by button and by Shift ×3, from a page reached by moving through the app: the neutral site
/// takes the tab's place and Back does not return to any page of the app, even with the server gone.
/// </summary>
public sealed class QuickExitTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_button_blanks_the_page_goes_to_the_neutral_site_and_Back_does_not_return_to_the_app()
    {
        var page = await fixture.NewPageAsync();
        await OpenWalkThroughThroughTheAppAsync(page, fixture.App.BaseAddress);

        await page.GetByRole(AriaRole.Link, new() { Name = "Quick exit" }).ClickAsync();

        await AssertLeftForGoodAsync(page, fixture.App.BaseAddress);
    }

    [Fact]
    public async Task Pressing_Shift_three_times_leaves_the_same_way()
    {
        var page = await fixture.NewPageAsync();
        await OpenWalkThroughThroughTheAppAsync(page, fixture.App.BaseAddress);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        // The page counts presses within five seconds; on a saturated test machine the driver itself can
        // be slower than that, which would be a test artefact, not the page failing.
        Assert.True(clock.ElapsedMilliseconds < 5_000, $"The three presses took {clock.ElapsedMilliseconds} ms to send.");

        await AssertLeftForGoodAsync(page, fixture.App.BaseAddress);
    }

    [Fact]
    public async Task Two_Shift_presses_or_Shift_used_for_typing_do_not_leave()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift+A");
        await page.Keyboard.PressAsync("Shift");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.StartsWith(fixture.App.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_exit_works_while_the_server_is_stopped()
    {
        // Its own app, because this test stops it.
        using var app = AppHost.Start();
        var page = await fixture.NewPageAsync();
        await OpenWalkThroughThroughTheAppAsync(page, app.BaseAddress);

        await app.DisposeAsync();
        // The page knows the server is gone: the connection banner is showing (first attempt, retrying or failed).
        await page.Locator("#components-reconnect-modal:is(.components-reconnect-show, .components-reconnect-retrying, .components-reconnect-failed)")
            .WaitForAsync(new() { Timeout = 30_000 });

        // Pressed at a person's pace, once the page has noticed the server is gone and is idle again.
        await page.EvaluateAsync("() => new Promise(requestAnimationFrame)");
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Shift", new() { Delay = 40 });
            await Task.Delay(120, TestContext.Current.CancellationToken);
        }

        await AssertLeftForGoodAsync(page, app.BaseAddress);
    }

    [Fact]
    public async Task The_quick_exit_button_stays_in_view_when_the_page_is_scrolled_on_a_phone()
    {
        var page = await fixture.NewPageAsync(360, 640);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/resources");
        await page.Mouse.WheelAsync(0, 3000);
        await page.WaitForFunctionAsync("() => window.scrollY > 500");
        var button = page.GetByRole(AriaRole.Link, new() { Name = "Quick exit" });
        var box = await button.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Y, 0, 640 - box.Height);
        Assert.True(box.Width >= 44 && box.Height >= 44, "The button is a comfortable target");
        // Nothing sits on top of it.
        var topmost = await page.EvaluateAsync<bool>(
            "() => { const b = document.querySelector('[data-quick-exit]').getBoundingClientRect(); const el = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2); return !!el.closest('[data-quick-exit]'); }");
        Assert.True(topmost);
    }

    private static async Task OpenWalkThroughThroughTheAppAsync(IPage page, Uri baseAddress)
    {
        await page.GotoInteractiveAsync(baseAddress, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Get support" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Get support", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "HealingCompass" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Can this relationship heal?", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Start the self-assessment" }).ClickAsync();
        await page.WaitForStepAsync(1);
        await page.Locator("input[value='relationship.partner']").CheckAsync();
    }

    /// <summary>The address the tab itself reports; mid-navigation there is none to read yet.</summary>
    private static async Task<string?> AddressAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("() => location.href");
        }
        catch (PlaywrightException)
        {
            return null;
        }
    }

    private static async Task AssertLeftForGoodAsync(IPage page, Uri appAddress)
    {
        // Polls the tab's address rather than waiting for a navigation event: on a saturated machine the
        // event wait once timed out while the tab already showed the neutral page.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (await AddressAsync(page) != AppHost.NeutralUrl && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        if (await AddressAsync(page) != AppHost.NeutralUrl)
        {
            var state = await page.EvaluateAsync<string>("() => location.href + ' | body ' + document.body.innerHTML.length + ' chars'");
            Assert.Fail($"Quick exit did not reach the neutral site; the tab shows {state}.");
        }
        await page.GetByRole(AriaRole.Heading, new() { Name = "Weather" }).WaitForAsync();
        Assert.Equal("Weather", await page.TitleAsync());

        // Back must not bring back any page of the app: the app held a single history entry, and quick
        // exit replaced it.
        await page.GoBackAsync(new() { Timeout = 3_000 });
        Assert.DoesNotContain(appAddress.Authority, page.Url, StringComparison.Ordinal);
    }
}
