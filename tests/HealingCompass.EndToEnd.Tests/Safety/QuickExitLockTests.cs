using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Safety;

/// <summary>
/// Quick exit also locks: after it, a new tab of the same browser finds the sign-in page, never the
/// saved assessment; also when the lock could not reach the server at the moment of exit.
/// </summary>
public sealed class QuickExitLockTests(BrowserFixture fixture)
{
    [Fact]
    public async Task After_quick_exit_a_new_tab_gets_the_sign_in_page_and_not_the_saved_assessment()
    {
        var page = await SignUpAndSaveAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Quick exit" }).ClickAsync();
        await page.WaitForURLAsync(AppHost.NeutralUrl, new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });

        await AssertANewTabIsSignedOutAsync(page.Context);
    }

    [Fact]
    public async Task When_the_lock_cannot_reach_the_server_at_exit_the_next_page_load_locks_before_showing_anything()
    {
        var page = await SignUpAndSaveAsync();
        // The server is unreachable for the lock at the moment of exit.
        await page.Context.RouteAsync("**/account/lock", route => route.AbortAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Quick exit" }).ClickAsync();
        await page.WaitForURLAsync(AppHost.NeutralUrl, new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await page.Context.UnrouteAsync("**/account/lock");

        await AssertANewTabIsSignedOutAsync(page.Context);
    }

    private async Task<IPage> SignUpAndSaveAsync()
    {
        var page = await fixture.NewPageAsync();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, AccountJourneyTests.NewUserName());
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.Locator("input[value='relationship.parent']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this assessment to my account" }).ClickAsync();
        await page.GetByText("Saved to your account as you go").WaitForAsync();
        return page;
    }

    private async Task AssertANewTabIsSignedOutAsync(IBrowserContext context)
    {
        var tab = await context.NewPageAsync();
        await tab.GotoAsync(new Uri(fixture.App.BaseAddress, "/account").ToString());
        await tab.WaitForURLAsync("**/account/login**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await tab.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).WaitForAsync();

        await tab.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        Assert.Equal(0, await tab.GetByText("We brought back the answers you saved").CountAsync());
        Assert.False(await tab.Locator("input[value='relationship.parent']").IsCheckedAsync());
    }
}
