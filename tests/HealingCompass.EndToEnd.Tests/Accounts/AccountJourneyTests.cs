using System.Text.RegularExpressions;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Accounts;

/// <summary>
/// A person who chooses an account: sign up and keep the recovery key, sign out and in, save an
/// assessment that resumes after a refresh, and find it locked (showing nothing) after idle time.
/// </summary>
public sealed partial class AccountJourneyTests(BrowserFixture fixture)
{
    internal const string Password = "quiet river lantern morning";

    [Fact]
    public async Task Sign_up_shows_the_recovery_key_once_and_the_person_can_sign_out_and_back_in()
    {
        var page = await fixture.NewPageAsync();
        var userName = NewUserName();

        var recoveryKey = await SignUpAsync(page, fixture.App.BaseAddress, userName);
        Assert.Matches(RecoveryKeyFormat(), recoveryKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "My account" }).WaitForAsync();
        Assert.Contains(userName, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).WaitForAsync();

        await SignInAsync(page, fixture.App.BaseAddress, userName, "not the password at all");
        await page.GetByText("don't match an account").WaitForAsync();
        await SignInAsync(page, fixture.App.BaseAddress, userName, Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).WaitForAsync();

        var log = fixture.App.ReadLog();
        Assert.DoesNotContain(Password, log, StringComparison.Ordinal);
        Assert.DoesNotContain(recoveryKey, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_assessment_resumes_after_a_page_refresh()
    {
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, fixture.App.BaseAddress, NewUserName());

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.Locator("input[value='relationship.parent']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this assessment to my account" }).ClickAsync();
        await page.GetByText("Saved to your account as you go").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await page.Locator("input[name='safety.physical_violence'][value='no']").CheckAsync();

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        await page.GetByText("We brought back the answers you saved").WaitForAsync();
        await page.WaitForStepAsync(2);
        Assert.True(await page.Locator("input[name='safety.physical_violence'][value='no']").IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.True(await page.Locator("input[value='relationship.parent']").IsCheckedAsync());
    }

    [Fact]
    public async Task Saved_data_locks_itself_after_idle_time_shows_nothing_and_unlocks_with_the_password()
    {
        // Its own app, with auto-lock shortened from 15 minutes to 10 seconds (long enough for sign-up and a save on a busy machine).
        using var app = AppHost.Start(new Dictionary<string, string?> { ["Accounts:AutoLockAfter"] = "00:00:10" });
        var page = await fixture.NewPageAsync();
        await SignUpAsync(page, app.BaseAddress, NewUserName());
        await page.GotoInteractiveAsync(app.BaseAddress, "/assessment");
        await page.Locator("input[value='relationship.sibling']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this assessment to my account" }).ClickAsync();
        await page.GetByText("Saved to your account as you go").WaitForAsync();

        // Left alone, the page goes to the lock screen by itself.
        await page.WaitForURLAsync("**/account/unlock**", new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Heading, new() { Name = "Your saved data is locked" }).WaitForAsync();
        var lockScreen = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("Self-assessment", lockScreen, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("input[type=radio]").CountAsync());

        await page.GetByLabel("Password").FillAsync("wrong password entirely");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await page.GetByText("doesn't unlock this account").WaitForAsync();

        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await page.WaitForURLAsync("**/assessment", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForInteractiveAsync();
        await page.GetByText("We brought back the answers you saved").WaitForAsync();
        // It resumes at the first screen with something left to answer; the saved answer is one step back.
        await page.WaitForStepAsync(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.True(await page.Locator("input[value='relationship.sibling']").IsCheckedAsync());
    }

    /// <summary>Signs up through the form and returns the recovery key the page shows, then continues to the start.</summary>
    internal static async Task<string> SignUpAsync(IPage page, Uri baseAddress, string userName)
    {
        await page.GotoAsync(new Uri(baseAddress, "/account/register").ToString());
        await page.GetByLabel("Username").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByLabel("I understand").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        var key = await page.Locator(".hc-recovery-key").InnerTextAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "I've kept it safe: continue" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        return key.Trim();
    }

    internal static async Task SignInAsync(IPage page, Uri baseAddress, string userName, string password)
    {
        await page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await page.GetByLabel("Username").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    internal static string NewUserName() => "person-" + Guid.NewGuid().ToString("N")[..10];

    [GeneratedRegex("^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$")]
    private static partial Regex RecoveryKeyFormat();
}
