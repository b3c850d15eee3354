using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Journal;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Several instances on PostgreSQL behind nginx (ADR 18), for real: two app processes, one database, sticky
/// sessions. The unlocked key lives in one instance's memory only; the session, the key ring and the attempt
/// counts live in the database that both read.
/// </summary>
public sealed class TwoInstancesTests(BrowserFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_instance_holding_a_session_dies_the_other_accepts_its_cookie_asks_to_unlock_and_shows_the_entry()
    {
        await using var rig = await TwoInstances.StartAsync(settings: null, Cancel);
        var page = await fixture.NewPageAsync();
        var userName = AccountJourneyTests.NewUserName();
        await AccountJourneyTests.SignUpAsync(page, rig.Proxy, userName);
        await page.GotoInteractiveAsync(rig.Proxy, "/journal");
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
        await JournalJourneyTests.WriteEntryAsync(page, "The door was locked from outside again", children: false);

        // Sticky: every request of this browser went to one instance.
        var first = rig.ServedBy(await ServedByAsync(page, rig));
        var other = first == rig.A ? rig.B : rig.A;
        Assert.Same(first, rig.ServedBy(await ServedByAsync(page, rig)));

        first.Kill();

        // The other instance reads the cookie the first one issued (the key ring is shared), knows the session
        // (its row is shared), and has never held the key: it asks for the password, never for a new sign-in.
        await page.GotoAsync(new Uri(rig.Proxy, "/journal").ToString());
        await page.WaitForURLAsync("**/account/unlock**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        Assert.Same(other, rig.ServedBy(await ServedByAsync(page, rig)));
        await page.GetByLabel("Password").FillAsync(AccountJourneyTests.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await page.WaitForURLAsync("**/journal");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "1 entry" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Open this entry" }).ClickAsync();
        await page.GetByText("The door was locked from outside again").WaitForAsync();
        Assert.False(other.HasExited);
    }

    [Fact]
    public async Task The_limit_on_attempts_for_one_name_holds_across_both_instances_not_once_per_instance()
    {
        await using var rig = await TwoInstances.StartAsync(new Dictionary<string, string> { ["Accounts__AttemptsPerMinute"] = "4" }, Cancel);
        var page = await fixture.NewPageAsync();
        var userName = AccountJourneyTests.NewUserName();

        // Eight wrong passwords for one name, straight to each instance in turn: a per-instance limit would let
        // all eight through; the shared one stops the fifth, whichever instance it reaches.
        var paused = new List<bool>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var instance = attempt % 2 == 0 ? rig.A : rig.B;
            await page.GotoAsync(new Uri(instance.Address, "/account/login").ToString());
            await page.GetByLabel("Username").FillAsync(userName);
            await page.GetByLabel("Password").FillAsync("not the right password at all");
            var response = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
                r => r.Request.Method == "POST");
            paused.Add(response.Status == 429);
        }

        Assert.Equal([false, false, false, false, true, true, true, true], paused);
        Assert.Equal("Please wait a moment", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
    }

    /// <summary>The instance nginx sent this browser's request to, with the browser's own cookies.</summary>
    private static async Task<string> ServedByAsync(IPage page, TwoInstances rig)
    {
        var response = await page.Context.APIRequest.GetAsync(new Uri(rig.Proxy, "/healthz").ToString());
        return response.Headers[TwoInstances.ServedByHeader.ToLowerInvariant()];
    }
}
