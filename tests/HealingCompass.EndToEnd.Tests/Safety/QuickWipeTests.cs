using HealingCompass.Data;
using HealingCompass.Data.Accounts;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Safety;

/// <summary>
/// Quick wipe in Chromium: a countdown that cancels with nothing lost, and one that runs out, deletes the
/// account and leaves through quick exit, so the tab ends on the neutral site, Back does not return, and the
/// old password opens nothing.
/// </summary>
public sealed class QuickWipeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_countdown_cancelled_by_its_button_or_by_Escape_deletes_nothing()
    {
        var (page, userName) = await SignUpAndSaveAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Quick wipe" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Quick wipe" });
        await dialog.WaitForAsync();
        var cancel = dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel, keep everything" });
        await Assertions.Expect(cancel).ToBeFocusedAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("seconds");
        await cancel.ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("Alt+Shift+W");
        await dialog.WaitForAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        Assert.StartsWith(fixture.App.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        var user = await FindUserAsync(userName);
        Assert.NotNull(user);
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.True(await db.SavedAssessments.AnyAsync(a => a.UserId == user.Id, TestContext.Current.CancellationToken));
        }
        await page.GotoAsync(new Uri(fixture.App.BaseAddress, "/account").ToString());
        await page.GetByRole(AriaRole.Heading, new() { Name = "My account" }).WaitForAsync();
    }

    [Fact]
    public async Task A_countdown_left_to_run_deletes_the_account_ends_on_the_neutral_site_Back_does_not_return_and_the_old_password_fails()
    {
        var (signUpPage, userName) = await SignUpAndSaveAsync();
        var appAddress = fixture.App.BaseAddress;
        // A tab that opens the app and moves through it by its links, as a person would: the sign-up's own
        // pages are in the other tab's history, which quick wipe (like quick exit) does not reach.
        var page = await signUpPage.Context.NewPageAsync();
        await page.GotoInteractiveAsync(appAddress, "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "My account" }).WaitForAsync();
        await signUpPage.CloseAsync();

        await page.Keyboard.PressAsync("Alt+Shift+W");
        await page.GetByRole(AriaRole.Alertdialog, new() { Name = "Quick wipe" }).WaitForAsync();

        // The tab's own address, polled: it changes once the countdown has run out and the delete is done.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await AddressAsync(page) != AppHost.NeutralUrl && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        Assert.Equal(AppHost.NeutralUrl, await AddressAsync(page));
        await page.GetByRole(AriaRole.Heading, new() { Name = "Weather" }).WaitForAsync();
        Assert.Equal("Weather", await page.TitleAsync());
        await page.GoBackAsync(new() { Timeout = 3_000 });
        Assert.DoesNotContain(appAddress.Authority, page.Url, StringComparison.Ordinal);

        Assert.Null(await FindUserAsync(userName));
        // Nothing was left behind in this browser for the next visit to find.
        var tab = await page.Context.NewPageAsync();
        await tab.GotoAsync(new Uri(appAddress, "/").ToString());
        Assert.Equal(0, await tab.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        Assert.Equal(0, await tab.Locator("[data-quick-wipe]").CountAsync());
        await AccountJourneyTests.SignInAsync(tab, appAddress, userName, AccountJourneyTests.Password);
        await tab.GetByText("don't match an account").WaitForAsync();

        var log = fixture.App.ReadLog();
        Assert.Contains("An account was deleted at its owner's request.", log, StringComparison.Ordinal);
        Assert.DoesNotContain(userName, log, StringComparison.Ordinal);
    }

    private async Task<(IPage Page, string UserName)> SignUpAndSaveAsync()
    {
        var page = await fixture.NewPageAsync();
        var userName = AccountJourneyTests.NewUserName();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, userName);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        await page.Locator("input[value='relationship.parent']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this assessment to my account" }).ClickAsync();
        await page.GetByText("Saved to your account as you go").WaitForAsync();
        return (page, userName);
    }

    private async Task<ApplicationUser?> FindUserAsync(string userName)
    {
        using var scope = fixture.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(userName);
    }

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
}
