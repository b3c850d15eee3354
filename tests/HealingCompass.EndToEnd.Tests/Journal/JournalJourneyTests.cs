using Deque.AxeCore.Playwright;
using HealingCompass.EndToEnd.Tests.Accounts;
using HealingCompass.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace HealingCompass.EndToEnd.Tests.Journal;

/// <summary>
/// The private journal in Chromium: write, edit, see the versions and the fingerprint move, filter, search,
/// remove, erase; a draft that outlives a server restart; quick exit from the entry page; axe and a 360 px
/// phone on every journal page; and every request to the app's own host.
/// </summary>
public sealed class JournalJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_writes_edits_finds_removes_and_erases_entries_and_the_fingerprint_follows_every_write()
    {
        var page = await fixture.NewPageAsync();
        var hosts = new System.Collections.Concurrent.ConcurrentBag<string>();
        page.Context.Request += (_, request) => hosts.Add(new Uri(request.Url).Authority);
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, AccountJourneyTests.NewUserName());

        await page.GetByRole(AriaRole.Link, new() { Name = "Journal", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Before your first entry" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I've read this" }).ClickAsync();
        var empty = await FingerprintAsync(page);

        // Write.
        await WriteEntryAsync(page, "He hid my phone and said I had lost it", children: false);
        await page.GetByText("Not edited").WaitForAsync();

        // Edit: a new version, with a reason; both versions can be opened.
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit (adds a new version)" }).ClickAsync();
        var what = page.GetByLabel("What happened");
        await what.WaitForAsync();
        await what.FillAsync("He hid my phone in the car and said I had lost it again");
        await page.GetByLabel("Why I changed this (optional)").FillAsync("I found where it was");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await page.GetByText("Edited once").WaitForAsync();
        await page.GetByText("Version 1: Written").ClickAsync();
        await page.GetByText("He hid my phone and said I had lost it", new() { Exact = true }).WaitForAsync();
        await page.GetByText("Version 2: Edited").ClickAsync();
        await page.GetByText("I found where it was").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        var afterTwo = await FingerprintAsync(page);
        Assert.NotEqual(empty, afterTwo);

        await page.GetByRole(AriaRole.Link, new() { Name = "Write an entry" }).ClickAsync();
        await WriteEntryAsync(page, "Shouted at the children's bedtime", children: true, navigate: false);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        Assert.NotEqual(afterTwo, await FingerprintAsync(page));
        await page.GetByRole(AriaRole.Heading, new() { Name = "2 entries" }).WaitForAsync();

        // Filter: children there.
        await page.GetByText("Filters").ClickAsync();
        await page.GetByLabel("Children were there").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "1 entry found" }).WaitForAsync();
        Assert.Contains("bedtime", await page.Locator(".hc-entry-list").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear search and filters" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "2 entries" }).WaitForAsync();

        // Search.
        await page.GetByLabel("Search your entries").FillAsync("in the car");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "1 entry found" }).WaitForAsync();
        Assert.Contains("hid my phone", await page.Locator(".hc-entry-list").InnerTextAsync(), StringComparison.Ordinal);

        // Remove the first: it leaves the list, and says its history is kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open this entry" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove from my journal…" }).ClickAsync();
        await page.GetByText("every version, is kept").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove it from my journal" }).ClickAsync();
        await page.GetByText("You removed this entry from your journal").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "1 entry" }).WaitForAsync();

        // Erase the other for good.
        await page.GetByRole(AriaRole.Link, new() { Name = "Open this entry" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase for good…" }).ClickAsync();
        await page.GetByText("An export, a printout or a copy already made elsewhere is not touched").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, erase it for good" }).ClickAsync();
        await page.GetByText("Erased for good on").WaitForAsync();
        Assert.DoesNotContain("bedtime", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to my journal" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "0 entries" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check my journal's history" }).ClickAsync();
        await page.GetByText("Every version checks out: 5 versions").WaitForAsync();

        // Nothing of the journal in the address bar, the title or the log; every request to the app itself.
        Assert.DoesNotContain("phone", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Journal · HealingCompass", await page.TitleAsync());
        var log = fixture.App.ReadLog();
        Assert.DoesNotContain("hid my phone", log, StringComparison.Ordinal);
        Assert.DoesNotContain("bedtime", log, StringComparison.Ordinal);
        Assert.DoesNotContain("I found where it was", log, StringComparison.Ordinal);
        Assert.All(hosts, host => Assert.Equal(fixture.App.BaseAddress.Authority, host));
    }

    [Fact]
    public async Task A_draft_typed_before_the_server_restarts_is_offered_back_after_signing_in_again()
    {
        var app = AppHost.Start();
        try
        {
            var page = await fixture.NewPageAsync();
            var userName = AccountJourneyTests.NewUserName();
            await AccountJourneyTests.SignUpAsync(page, app.BaseAddress, userName);
            await page.GotoInteractiveAsync(app.BaseAddress, "/journal-write");
            await page.GetByLabel("What happened").PressSequentiallyAsync("Started to write this and then");
            await page.GetByText("Kept as you type (encrypted)").WaitForAsync();

            app = await app.RestartAsync();

            // The key was in the old server's memory only: the journal is locked until the password is given again.
            await page.GotoAsync(new Uri(app.BaseAddress, "/journal-write").ToString());
            await page.WaitForURLAsync("**/account/unlock**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
            await page.GetByLabel("Password").FillAsync(AccountJourneyTests.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
            await page.WaitForURLAsync("**/journal-write");
            await page.WaitForInteractiveAsync();
            await page.GetByText("You were writing this entry and we kept it").WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Carry on with it" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("What happened")).ToHaveValueAsync("Started to write this and then");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Quick_exit_from_the_entry_page_leaves_for_the_neutral_site_signs_out_and_keeps_the_draft()
    {
        var page = await fixture.NewPageAsync();
        var userName = AccountJourneyTests.NewUserName();
        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, userName);
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write an entry" }).ClickAsync();
        await page.GetByLabel("What happened").PressSequentiallyAsync("Half written when I had to leave");
        await page.GetByText("Kept as you type (encrypted)").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Quick exit" }).ClickAsync();

        await page.WaitForURLAsync(AppHost.NeutralUrl, new() { WaitUntil = WaitUntilState.Commit, Timeout = 30_000 });
        await page.GetByRole(AriaRole.Heading, new() { Name = "Weather" }).WaitForAsync();
        // Back never returns to the entry page: moving inside the app replaced the one history entry, and quick exit replaced that.
        await page.GoBackAsync(new() { Timeout = 3_000 });
        Assert.DoesNotContain("journal", page.Url, StringComparison.Ordinal);

        // Quick exit signed this tab out; signing in again, what was typed is offered back.
        await AccountJourneyTests.SignInAsync(page, fixture.App.BaseAddress, userName, AccountJourneyTests.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "My account" }).WaitForAsync();
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal-write");
        await page.GetByText("You were writing this entry and we kept it").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Carry on with it" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("What happened")).ToHaveValueAsync("Half written when I had to leave");
    }

    [Fact]
    public async Task Every_journal_page_is_axe_clean_and_never_scrolls_sideways_on_a_360_px_phone()
    {
        var page = await fixture.NewPageAsync(360, 740);
        var problems = new List<string>();

        async Task CheckAsync(string where)
        {
            var result = await page.RunAxe();
            problems.AddRange(result.Violations.Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}"));
            if (await page.ScrollsSidewaysAsync())
            {
                problems.Add($"{where}: scrolls sideways at 360 px");
            }
        }

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal");
        await page.GetByRole(AriaRole.Heading, new() { Name = "The journal needs an account" }).WaitForAsync();
        await CheckAsync("/journal without an account");

        await AccountJourneyTests.SignUpAsync(page, fixture.App.BaseAddress, AccountJourneyTests.NewUserName());
        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Before your first entry" }).WaitForAsync();
        await CheckAsync("/journal, first use");

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal-write");
        await page.GetByLabel("What happened").WaitForAsync();
        await CheckAsync("/journal-write");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
        await page.GetByText("Nothing has been saved yet").WaitForAsync();
        await CheckAsync("/journal/new with a kind message");

        await page.GetByLabel("What happened").FillAsync(new string('a', 300) + " <b>not bold</b> averyveryveryveryveryveryveryveryverylongwordwithoutanyspaces");
        await page.GetByLabel("It happened over several days").CheckAsync();
        await page.GetByLabel("How hard it was for you").SelectOptionAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
        await page.GetByText("Not edited").WaitForAsync();
        Assert.Equal(0, await page.Locator("main b").CountAsync());
        await CheckAsync("/journal-entry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase for good…" }).ClickAsync();
        await CheckAsync("/journal-entry, asking before erasing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit (adds a new version)" }).ClickAsync();
        await page.GetByLabel("Why I changed this (optional)").WaitForAsync();
        await CheckAsync("/journal-write?id=…");

        await page.GotoInteractiveAsync(fixture.App.BaseAddress, "/journal");
        await page.GetByRole(AriaRole.Heading, new() { Name = "1 entry" }).WaitForAsync();
        await page.GetByText("Filters").ClickAsync();
        await CheckAsync("/journal with an entry and filters open");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static async Task<string> FingerprintAsync(IPage page)
    {
        var fingerprint = page.Locator("[data-fingerprint]");
        await fingerprint.WaitForAsync();
        return await fingerprint.InnerTextAsync();
    }

    internal static async Task WriteEntryAsync(IPage page, string what, bool children, bool navigate = true)
    {
        if (navigate)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Write an entry" }).ClickAsync();
        }
        var field = page.GetByLabel("What happened");
        await field.WaitForAsync();
        await field.FillAsync(what);
        await page.GetByLabel("How hard it was for you").SelectOptionAsync("3");
        await page.GetByLabel("Were children there?").SelectOptionAsync(children ? "yes" : "no");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this entry" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Journal entry" }).WaitForAsync();
    }
}
