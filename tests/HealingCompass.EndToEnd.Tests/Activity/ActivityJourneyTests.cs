using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Activity;

/// <summary>
/// Someone tried the password while the person was away: the first screen after signing in says so, and the
/// activity page, reached from it, lists the attempt and offers what to do, with no accessibility violations.
/// </summary>
public sealed class ActivityJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task After_a_failed_attempt_the_welcome_back_line_says_so_and_the_activity_page_lists_it()
    {
        var page = await fixture.NewPageAsync();
        var userName = AccountJourneyTests.NewUserName();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, userName);
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).WaitForAsync();
        await AccountJourneyTests.SignInAsync(page, fixture.App.BaseAddress, userName, "someone guessing");
        await page.GetByText("don't match an account").WaitForAsync();

        await AccountJourneyTests.SignInAsync(page, fixture.App.BaseAddress, userName, AccountJourneyTests.Password);
        await page.WaitForInteractiveAsync();

        var line = page.Locator("[data-last-sign-in]");
        await line.WaitForAsync();
        Assert.Matches(@"^Last signed in: .+ UTC \(Chrome on Linux\), 1 failed attempt since\.", (await line.InnerTextAsync()).Trim());
        Assert.Empty(await page.AxeViolationsAsync("welcome back"));

        await line.GetByRole(AriaRole.Link, new() { Name = "See your account activity" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Account activity" }).WaitForAsync();
        var lines = await page.Locator("[data-activity] li").AllInnerTextsAsync();
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("Signed in", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("A sign-in that didn't succeed", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Signed out", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("Account made and signed in", lines[3], StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = "See where you're signed in" }).WaitForAsync();
        Assert.Empty(await page.AxeViolationsAsync("activity page"));
        Assert.Equal("Account activity · HealingCompass", await page.TitleAsync());
    }
}
