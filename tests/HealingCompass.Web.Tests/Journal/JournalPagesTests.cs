using Bunit;
using HealingCompass.Data.Journal;
using HealingCompass.Domain.Journal;
using HealingCompass.Web.Components.Journal;
using HealingCompass.Web.Tests.Support;

namespace HealingCompass.Web.Tests.Journal;

public sealed class JournalPagesTests : JournalComponentTest
{
    [Fact]
    public void Someone_not_signed_in_gets_a_kind_page_saying_what_an_account_keeps_and_what_it_does_not()
    {
        var page = Render<JournalPage>();

        var text = page.PageText();
        Assert.Contains("The journal needs an account", text, StringComparison.Ordinal);
        Assert.Contains("What an account keeps", text, StringComparison.Ordinal);
        Assert.Contains("What it doesn't keep", text, StringComparison.Ordinal);
        Assert.Contains("paper notebook", text, StringComparison.Ordinal);
        Assert.NotNull(page.Find("a[href='/account/register']"));
        Assert.Empty(page.FindAll("textarea"));
        Assert.DoesNotContain("Write an entry", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_entry_form_without_an_account_shows_the_same_kind_page_and_saves_nothing()
    {
        var page = Render<EntryFormPage>();
        Assert.Contains("The journal needs an account", page.PageText(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("textarea"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task First_use_guidance_shows_until_it_is_read_and_then_stays_away()
    {
        await SignInAsync();
        var page = Render<JournalPage>();
        page.WaitForAssertion(() => Assert.Contains("Before your first entry", page.PageText(), StringComparison.Ordinal));
        Assert.Contains("what you saw and heard", page.PageText(), StringComparison.Ordinal);
        Assert.Contains("Never add to it", page.PageText(), StringComparison.Ordinal);

        await page.Button("I've read this").ClickAsync(new());
        Assert.DoesNotContain("Before your first entry", page.PageText(), StringComparison.Ordinal);
        var again = Render<JournalPage>();
        again.WaitForAssertion(() => Assert.Contains("Write an entry", again.PageText(), StringComparison.Ordinal));
        Assert.DoesNotContain("Before your first entry", again.PageText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_journal_goes_to_the_lock_screen_and_shows_nothing()
    {
        await SignInAsync(unlocked: false);
        Navigation.NavigateTo("/journal");
        var page = Render<JournalPage>();

        page.WaitForAssertion(() => Assert.StartsWith("/account/unlock?returnUrl=", CurrentPath, StringComparison.Ordinal));
        Assert.Contains("%2Fjournal", CurrentPath, StringComparison.Ordinal);
        Assert.DoesNotContain("Write an entry", page.PageText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typing_autosaves_an_encrypted_draft_after_a_short_pause_and_the_next_visit_offers_it_back()
    {
        await SignInAsync();
        var form = Render<EntryFormPage>();
        form.WaitForElement("#entry-what");

        await form.Find("#entry-what").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "They took my keys again" });
        Assert.Null(await Store.LoadDraftAsync(UserId, Key, Cancel)); // not yet: it waits for a pause
        Clock.Advance(DraftAutosave.Pause);
        form.WaitForAssertion(() => Assert.Contains("Kept as you type (encrypted)", form.PageText(), StringComparison.Ordinal));
        Assert.Equal("They took my keys again", (await Store.LoadDraftAsync(UserId, Key, Cancel))?.Content.WhatHappened);

        await DisposeComponentsAsync();
        var next = Render<EntryFormPage>();
        next.WaitForAssertion(() => Assert.Contains("You were writing this entry and we kept it", next.PageText(), StringComparison.Ordinal));
        Assert.Equal("", next.Find("#entry-what").GetAttribute("value") ?? "");
        await next.Button("Carry on with it").ClickAsync(new());
        Assert.Equal("They took my keys again", next.Find("#entry-what").GetAttribute("value"));
    }

    [Fact]
    public async Task Saving_an_empty_entry_says_kindly_what_is_needed_and_saves_nothing()
    {
        await SignInAsync();
        var form = Render<EntryFormPage>();
        form.WaitForElement("#entry-what");

        await form.Button("Save this entry").ClickAsync(new());

        form.WaitForAssertion(() => Assert.Contains("Nothing has been saved yet, and nothing you typed is lost", form.PageText(), StringComparison.Ordinal));
        Assert.Contains("Please write at least a few words about what happened", form.PageText(), StringComparison.Ordinal);
        Assert.Equal("true", form.Find("#entry-what").GetAttribute("aria-invalid"));
        Assert.Null(await Store.GetHeadAsync(UserId, Cancel));
    }

    [Fact]
    public async Task A_date_still_to_come_and_a_range_ending_first_get_their_own_messages_and_nothing_is_saved()
    {
        await SignInAsync();
        var form = Render<EntryFormPage>();
        form.WaitForElement("#entry-what");
        await form.Find("#entry-what").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "Something" });
        await form.Find("#entry-start").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "2026-07-01" });
        await form.Button("Save this entry").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Contains("That date is still to come", form.PageText(), StringComparison.Ordinal));
        Assert.Equal("Something", form.Find("#entry-what").GetAttribute("value")); // what was typed is still there

        await form.Find("#entry-start").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "2026-05-10" });
        await form.FindAll("input[type=checkbox]").Single(c => c.ParentElement!.TextContent.Contains("several days", StringComparison.Ordinal)).ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await form.Find("#entry-end").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "2026-05-01" });
        await form.Button("Save this entry").ClickAsync(new());
        form.WaitForAssertion(() => Assert.Contains("The last day is before the first day", form.PageText(), StringComparison.Ordinal));
        Assert.Null(await Store.GetHeadAsync(UserId, Cancel));
    }

    [Fact]
    public async Task Every_input_of_the_entry_form_has_autocomplete_off_and_a_label()
    {
        await SignInAsync();
        var form = Render<EntryFormPage>();
        form.WaitForElement("#entry-what");
        foreach (var input in form.FindAll("textarea, input[type=text], input[type=date], input[type=time], input[type=search]"))
        {
            Assert.Equal("off", input.GetAttribute("autocomplete"));
            Assert.NotNull(form.Find($"label[for='{input.Id}']"));
        }
    }

    [Fact]
    public async Task Script_typed_into_every_field_is_shown_as_text_and_never_becomes_markup()
    {
        await SignInAsync();
        const string script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var id = (await Store.CreateAsync(UserId, Key, new EntryContent
        {
            WhatHappened = script, WordsSaid = script, HowItFelt = script, WhatIDid = script, Witnesses = script,
            Injuries = script, Report = script, ReportNumber = script, Place = script, OtherEvidence = script,
        }, Cancel)).EntryId!.Value;

        var page = RenderAt<EntryPage>(JournalPaths.Entry(id));
        page.WaitForAssertion(() => Assert.Contains("alert('x')", page.PageText(), StringComparison.Ordinal));
        Assert.Empty(page.FindAll("script"));
        Assert.Empty(page.FindAll("img"));
        Assert.True(page.FindAll(".hc-entry-text").Count(e => e.TextContent.Contains(script, StringComparison.Ordinal)) >= 10);
    }

    [Fact]
    public async Task An_entry_shows_its_latest_version_how_often_it_was_edited_and_every_earlier_version_with_its_reason()
    {
        await SignInAsync();
        var id = (await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "First words" }, Cancel)).EntryId!.Value;
        Clock.Advance(TimeSpan.FromMinutes(10)); // within the auto-lock's 15 minutes
        await Store.EditAsync(UserId, Key, id, new EntryContent { WhatHappened = "Second words" }, "I remembered more", Cancel);

        var page = RenderAt<EntryPage>(JournalPaths.Entry(id));
        page.WaitForAssertion(() => Assert.Contains("Edited once", page.PageText(), StringComparison.Ordinal));
        Assert.Contains("Second words", page.Find(".hc-entry-view").TextContent, StringComparison.Ordinal);
        var versions = page.FindAll(".hc-versions details");
        Assert.Equal(2, versions.Count);
        Assert.Contains("Version 1: Written", versions[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("First words", versions[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Why I changed this: I remembered more", Markup.Squash(versions[0].TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_and_erase_each_ask_first_and_say_what_they_keep()
    {
        await SignInAsync();
        var id = (await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "To be erased" }, Cancel)).EntryId!.Value;
        var page = RenderAt<EntryPage>(JournalPaths.Entry(id));
        page.WaitForElement(".hc-entry-view");

        await page.Button("Remove from my journal…").ClickAsync(new());
        Assert.Contains("Everything written, and every version, is kept", page.PageText(), StringComparison.Ordinal);
        await page.Button("Keep it").ClickAsync(new());
        await page.Button("Erase for good…").ClickAsync(new());
        var erase = page.PageText();
        Assert.Contains("can't be brought back by anyone", erase, StringComparison.Ordinal);
        Assert.Contains("An export, a printout or a copy already made elsewhere is not touched", erase, StringComparison.Ordinal);
        Assert.Equal(JournalEntryState.Active, (await Store.GetAsync(UserId, Key, id, Cancel))!.State); // asking changed nothing

        await page.Button("Yes, erase it for good").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Erased for good on 10 June 2026", page.PageText(), StringComparison.Ordinal));
        Assert.DoesNotContain("To be erased", page.Markup, StringComparison.Ordinal);
        Assert.Equal(JournalEntryState.Erased, (await Store.GetAsync(UserId, Key, id, Cancel))!.State);
    }

    [Fact]
    public async Task Another_persons_entry_id_looks_exactly_like_a_missing_one_on_the_entry_and_edit_pages()
    {
        await SignInAsync();
        var other = await AddUserAsync("someone.else");
        using var otherKey = HealingCompass.Data.Encryption.DataKey.Create();
        var theirs = (await Store.CreateAsync(other, otherKey, new EntryContent { WhatHappened = "Not yours to read" }, Cancel)).EntryId!.Value;

        var view = RenderAt<EntryPage>(JournalPaths.Entry(theirs));
        view.WaitForAssertion(() => Assert.Contains("We couldn't find that entry in your journal", view.PageText(), StringComparison.Ordinal));
        var edit = RenderAt<EntryFormPage>(JournalPaths.Edit(theirs));
        edit.WaitForAssertion(() => Assert.Contains("We couldn't find that entry in your journal", edit.PageText(), StringComparison.Ordinal));
        Assert.Empty(edit.FindAll("textarea"));
        Assert.DoesNotContain("Not yours", view.Markup + edit.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_filters_searches_and_shows_the_fingerprint_which_changes_with_a_write()
    {
        await SignInAsync();
        await Store.MarkGuidanceSeenAsync(UserId, Cancel);
        await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "Shouted at me in the car", Severity = 4, ChildrenPresent = true }, Cancel);
        await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "Quiet day, then a cold silence" }, Cancel);
        var page = Render<JournalPage>();
        page.WaitForAssertion(() => Assert.Contains("2 entries", page.PageText(), StringComparison.Ordinal));
        var fingerprint = page.Find("[data-fingerprint]").TextContent;

        await page.Find("#journal-search").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "silence" });
        await page.Find("form.hc-journal-filters").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("1 entry found", page.PageText(), StringComparison.Ordinal));
        Assert.Contains("cold silence", page.Find(".hc-entry-list").TextContent, StringComparison.Ordinal);

        await page.Button("Clear search and filters").ClickAsync(new());
        await page.FindAll("input[type=checkbox]").Single(c => c.ParentElement!.TextContent.Contains("Children were there", StringComparison.Ordinal)).ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = true });
        await page.Find("form.hc-journal-filters").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("Shouted at me", page.Find(".hc-entry-list").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("cold silence", page.Find(".hc-entry-list").TextContent, StringComparison.Ordinal);

        await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "A third" }, Cancel);
        await page.Button("Check my journal's history").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Every version checks out: 3 versions", page.PageText(), StringComparison.Ordinal));
        Assert.NotEqual(fingerprint, page.Find("[data-fingerprint]").TextContent);
    }

    [Fact]
    public async Task The_journal_offers_the_export_as_a_plain_get_form_for_the_whole_journal_or_a_period_saying_it_is_not_encrypted_with_the_check_page_linked()
    {
        await SignInAsync();
        await Store.MarkGuidanceSeenAsync(UserId, Cancel);
        await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "Something to keep" }, Cancel);
        var page = Render<JournalPage>();
        page.WaitForAssertion(() => Assert.Contains("1 entry", page.PageText(), StringComparison.Ordinal));

        // A plain GET form: the browser downloads the file, never a circuit navigation; only choices and days in the address.
        var form = page.Find("[data-journal-export-form]");
        Assert.Equal(JournalPaths.Export, form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("off", form.GetAttribute("autocomplete"));
        Assert.Equal(["range", "range", "from", "to", "format", "format"], form.QuerySelectorAll("input").Select(i => i.GetAttribute("name")!));
        Assert.All(form.QuerySelectorAll("input[type=date]"), i => Assert.Equal("off", i.GetAttribute("autocomplete")));
        Assert.True(form.QuerySelector("#export-whole")!.HasAttribute("checked"));
        Assert.Contains("Neither file is encrypted", page.PageText(), StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-export-problem]"));
        Assert.NotNull(page.Find($"a[href='{JournalPaths.Verify}']"));
    }

    [Fact]
    public async Task An_export_address_that_could_not_be_read_brings_back_the_form_with_a_kind_note()
    {
        await SignInAsync();
        await Store.MarkGuidanceSeenAsync(UserId, Cancel);
        Navigation.NavigateTo("/journal?export=period");
        var page = Render<JournalPage>();

        page.WaitForAssertion(() => Assert.Contains("That period could not be read", page.Find("[data-export-problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("alert", page.Find("[data-export-problem]").GetAttribute("role"));
    }

    [Fact]
    public async Task The_rising_pattern_offer_comes_once_per_rise_with_the_safety_check_and_support_one_click_away_and_never_names_abuse()
    {
        await SignInAsync();
        await Store.MarkGuidanceSeenAsync(UserId, Cancel);
        foreach (var daysAgo in new[] { 2, 5, 9 })
        {
            await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = "Hard day", Severity = 3, Happened = new HappenedAt(new DateOnly(2026, 6, 10).AddDays(-daysAgo)) }, Cancel);
        }

        var page = Render<JournalPage>();
        page.WaitForAssertion(() => Assert.Contains("A moment to check in with yourself", page.PageText(), StringComparison.Ordinal));
        Assert.NotNull(page.Find(".hc-rising a[href='/assessment']"));
        Assert.NotNull(page.Find(".hc-rising a[href='/resources']"));
        Assert.DoesNotContain("abus", page.Find(".hc-rising").TextContent, StringComparison.OrdinalIgnoreCase);
        await page.Button("Not now").ClickAsync(new());
        Assert.Empty(page.FindAll(".hc-rising"));

        var again = Render<JournalPage>();
        again.WaitForAssertion(() => Assert.Contains("3 entries", again.PageText(), StringComparison.Ordinal));
        Assert.Empty(again.FindAll(".hc-rising")); // the same rise: offered once
    }

    /// <summary>Renders a page at an address, so its query parameters (the entry id) come from the address as in the app.</summary>
    private IRenderedComponent<T> RenderAt<T>(string path)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Navigation.NavigateTo(path);
        return Render<T>();
    }

    [Fact]
    public async Task Words_in_an_entry_that_look_like_markup_are_shown_in_the_list_as_the_words_written()
    {
        await SignInAsync();
        const string written = "He said <b>\"never\"</b> & left <img src=x onerror=alert(1)> <script>alert(2)</script>";
        var saved = await Store.CreateAsync(UserId, Key, new EntryContent { WhatHappened = written, Severity = 4, Categories = ["pattern.isolation"] }, Cancel);

        var page = Render<JournalPage>();

        var card = page.WaitForElement("li.hc-entry-card");
        Assert.Equal(written, card.QuerySelector(".hc-entry-text")!.TextContent);
        Assert.Empty(card.QuerySelectorAll("b, img, script"));
        Assert.Contains(SeverityScale.Label(4), card.TextContent, StringComparison.Ordinal);
        Assert.Contains(JournalCategories.LabelFor("pattern.isolation"), card.TextContent, StringComparison.Ordinal);
        Assert.Equal(JournalPaths.Entry(saved.EntryId!.Value), card.QuerySelector("a.hc-entry-open")!.GetAttribute("href"));
    }
}
