using Deque.AxeCore.Playwright;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using HealingCompass.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journeys;

/// <summary>
/// A visit kept in its own tab (ADR 5): a reload or a server restart brings the answers back on the same
/// page; quick exit clears them; another tab never sees them; the connection banner is readable and says
/// what happens; signing in mid-assessment offers to keep the answers in the account.
/// </summary>
public sealed class KeptVisitTests(BrowserFixture fixture)
{
    private const string TabKey = "hc.visit";

    [Fact]
    public async Task Answers_come_back_after_a_reload_on_the_same_screen()
    {
        var page = await fixture.NewPageAsync();
        await AnswerTwoScreensAsync(page, fixture.App.BaseAddress);

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        await AssertTwoScreensAnsweredAsync(page);
    }

    [Fact]
    public async Task Answers_come_back_after_the_browsers_Back_and_Forward()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(AppHost.NeutralUrl);
        await AnswerTwoScreensAsync(page, fixture.App.BaseAddress);

        await page.GoBackAsync();
        await page.WaitForURLAsync(AppHost.NeutralUrl);
        await page.GoForwardAsync();
        await page.WaitForInteractiveAsync();

        await AssertTwoScreensAnsweredAsync(page);
    }

    public static TheoryData<bool> Themes => new() { false, true };

    [Theory]
    [MemberData(nameof(Themes))]
    public async Task After_a_server_restart_the_banner_is_readable_and_its_reload_brings_back_the_same_page_and_answers(bool dark)
    {
        var app = AppHost.Start();
        try
        {
            var page = await fixture.NewPageAsync();
            await page.GotoInteractiveAsync(app.BaseAddress, "/assessment");
            await KeepsAfterAsync(page, () => Journey.AnswerEverythingAsync(page));
            var results = await page.Locator("main").InnerTextAsync();
            if (dark)
            {
                await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
                await page.GetByRole(AriaRole.Button, new() { Name = "Use dark colours" }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Use light colours" }).WaitForAsync();
            }

            app = await app.RestartAsync();

            var banner = page.Locator("#components-reconnect-modal.components-reconnect-rejected");
            await banner.WaitForAsync(new() { Timeout = 30_000 });
            var bannerText = await banner.InnerTextAsync();
            Assert.Contains("Reloading brings back the answers kept in this tab", bannerText, StringComparison.Ordinal);
            var scan = await banner.RunAxe();
            Assert.True(scan.Violations.Length == 0, string.Join("; ", scan.Violations.Select(v =>
                $"{v.Id} {v.Help}: {string.Join(" | ", v.Nodes.Take(2).Select(n => n.Html))}")));
            // MudBlazor's !important theme background must not win over the banner's own.
            Assert.Equal("rgb(30, 36, 38)", await banner.EvaluateAsync<string>("el => getComputedStyle(el).backgroundColor"));

            await page.GetByRole(AriaRole.Button, new() { Name = "Reload the page" }).ClickAsync();
            await page.WaitForInteractiveAsync();

            await page.GetByRole(AriaRole.Heading, new() { Name = "Your results", Level = 1 }).WaitForAsync();
            Assert.EndsWith("/results", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(results, await page.Locator("main").InnerTextAsync());
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Quick_exit_clears_what_the_tab_kept()
    {
        var page = await fixture.NewPageAsync();
        await AnswerTwoScreensAsync(page, fixture.App.BaseAddress);
        Assert.NotNull(await KeptAsync(page));

        await page.GetByRole(AriaRole.Link, new() { Name = "Quick exit" }).ClickAsync();
        await page.WaitForURLAsync(AppHost.NeutralUrl);

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
        Assert.Null(await KeptAsync(page));
        await page.WaitForStepAsync(1);
        Assert.Equal(0, await page.Locator("input:checked").CountAsync());
    }

    [Fact]
    public async Task Another_tab_of_the_same_browser_does_not_get_the_answers()
    {
        var page = await fixture.NewPageAsync();
        await AnswerTwoScreensAsync(page, fixture.App.BaseAddress);
        Assert.NotNull(await KeptAsync(page));

        var other = await page.Context.NewPageAsync();
        await other.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");

        Assert.Null(await KeptAsync(other));
        await other.WaitForStepAsync(1);
        Assert.Equal(0, await other.Locator("input:checked").CountAsync());
    }

    [Fact]
    public async Task Signing_in_mid_assessment_offers_to_keep_the_answers_and_keeps_them_after_consent()
    {
        var userName = await NewAccountAsync();
        var page = await fixture.NewPageAsync();
        await AnswerTwoScreensAsync(page, fixture.App.BaseAddress);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await SubmitSignInAsync(page, userName);
        await page.WaitForURLAsync("**/assessment", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForInteractiveAsync();

        // Offered, not done: nothing is in the account until the person says so.
        var keep = page.GetByRole(AriaRole.Button, new() { Name = "Keep these answers in my account" });
        await keep.WaitForAsync();
        await AssertTwoScreensAnsweredAsync(page);
        Assert.Equal(0, SavedDrafts(userName));

        await keep.ClickAsync();
        await page.GetByText("Saved to your account as you go").WaitForAsync();
        // The account now holds them; the tab's copy is no longer needed.
        await page.WaitForFunctionAsync($"() => sessionStorage.getItem('{TabKey}') === null");
        Assert.Equal(1, SavedDrafts(userName));
    }

    [Fact]
    public async Task Signing_in_with_a_saved_draft_asks_before_replacing_it_and_can_open_the_saved_one_instead()
    {
        var userName = await NewAccountAsync(saveDraftWith: "relationship.sibling");
        var page = await fixture.NewPageAsync();
        await AnswerTwoScreensAsync(page, fixture.App.BaseAddress);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await SubmitSignInAsync(page, userName);
        await page.WaitForURLAsync("**/assessment", new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitForInteractiveAsync();

        await page.GetByText("Saving these answers would replace it").WaitForAsync();
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Replace it with these answers" }).IsVisibleAsync());
        await AssertTwoScreensAnsweredAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Open my saved assessment instead" }).ClickAsync();
        await page.GetByText("Saved to your account as you go").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.True(await page.Locator("input[value='relationship.sibling']").IsCheckedAsync());
    }

    /// <summary>Answers the first screen and one question on the second, and waits until the tab has kept them.</summary>
    private static async Task AnswerTwoScreensAsync(IPage page, Uri baseAddress)
    {
        await page.GotoInteractiveAsync(baseAddress, "/assessment");
        await page.Locator("input[value='relationship.parent']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
        await KeepsAfterAsync(page, () => page.Locator("input[name='safety.physical_violence'][value='no']").CheckAsync());
    }

    private static async Task AssertTwoScreensAnsweredAsync(IPage page)
    {
        await page.WaitForStepAsync(2);
        Assert.True(await page.Locator("input[name='safety.physical_violence'][value='no']").IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();
        await page.WaitForStepAsync(1);
        Assert.True(await page.Locator("input[value='relationship.parent']").IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await page.WaitForStepAsync(2);
    }

    /// <summary>Does something and waits until the tab's copy reflects it (the server writes it after each change).</summary>
    private static async Task KeepsAfterAsync(IPage page, Func<Task> change)
    {
        var before = await KeptAsync(page);
        await change();
        await page.WaitForFunctionAsync(
            $"before => {{ const now = sessionStorage.getItem('{TabKey}'); return now !== null && now !== before; }}", before);
        // A quiet moment on the circuit: any write still queued behind the last one has landed too.
        await page.EvaluateAsync("() => new Promise(r => setTimeout(r, 0))");
    }

    private static Task<string?> KeptAsync(IPage page) =>
        page.EvaluateAsync<string?>($"() => sessionStorage.getItem('{TabKey}')");

    private static async Task SubmitSignInAsync(IPage page, string userName)
    {
        await page.GetByLabel("Username").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(AccountJourneyTests.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>An account made in a browser of its own, signed out again; optionally with a saved draft.</summary>
    private async Task<string> NewAccountAsync(string? saveDraftWith = null)
    {
        var page = await fixture.NewPageAsync();
        var userName = AccountJourneyTests.NewUserName();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, userName);
        if (saveDraftWith is not null)
        {
            await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/assessment");
            await page.Locator($"input[value='{saveDraftWith}']").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save this assessment to my account" }).ClickAsync();
            await page.GetByText("Saved to your account as you go").WaitForAsync();
        }
        await page.Context.CloseAsync();
        return userName;
    }

    /// <summary>How many saved drafts the account has, read through the app's own database.</summary>
    private int SavedDrafts(string userName)
    {
        using var db = fixture.App.Services.GetRequiredService<IDbContextFactory<HealingCompassDbContext>>().CreateDbContext();
        var userId = db.Users.Single(u => u.UserName == userName).Id;
        return db.SavedAssessments.Count(a => a.UserId == userId && a.IsDraft);
    }
}
