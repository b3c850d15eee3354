using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;
using Microsoft.Extensions.Time.Testing;

namespace HealingCompass.Data.Tests.Journal;

public sealed class JournalStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Editing_adds_a_version_with_its_reason_and_keeps_the_earlier_one_word_for_word(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        var id = (await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "First telling." }, Cancel)).EntryId!.Value;
        clock.Advance(TimeSpan.FromHours(5));
        var edited = await database.Journal.EditAsync(a.UserId, a.Key, id, new EntryContent { WhatHappened = "Second telling, with the time." }, "I remembered the time", Cancel);

        Assert.Equal(JournalWriteStatus.Saved, edited.Status);
        var history = (await database.Journal.GetAsync(a.UserId, a.Key, id, Cancel))!;
        Assert.Equal(1, history.EditCount);
        Assert.Equal("First telling.", history.Versions[0].Content?.WhatHappened);
        Assert.Equal("Second telling, with the time.", history.Latest?.Content?.WhatHappened);
        Assert.Equal("I remembered the time", history.Latest?.ChangeReason);
        // Written-at comes from the server's clock, once per version.
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), history.Versions[0].WrittenAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero), history.Versions[1].WrittenAt);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task An_edit_that_changes_nothing_adds_no_version_and_leaves_the_fingerprint(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        var content = new EntryContent { WhatHappened = "Same words.", Severity = 2 };
        var id = (await database.Journal.CreateAsync(a.UserId, a.Key, content, Cancel)).EntryId!.Value;
        var head = await database.Journal.GetHeadAsync(a.UserId, Cancel);

        Assert.Equal(JournalWriteStatus.Unchanged, (await database.Journal.EditAsync(a.UserId, a.Key, id, content, null, Cancel)).Status);
        Assert.Equal(head, await database.Journal.GetHeadAsync(a.UserId, Cancel), JournalOwnershipTests.HeadComparer.Instance);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Bad_input_gets_kind_messages_and_nothing_already_saved_changes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        var id = (await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Kept as it is." }, Cancel)).EntryId!.Value;
        var head = await database.Journal.GetHeadAsync(a.UserId, Cancel);
        EntryContent[] bad =
        [
            new() { WhatHappened = "" },
            new() { WhatHappened = new string('x', EntryRules.WhatHappenedMaxLength + 1) },
            new() { WhatHappened = "Later", Happened = new HappenedAt(new DateOnly(2026, 6, 5)) },
            new() { WhatHappened = "Backwards", Happened = new HappenedAt(new DateOnly(2026, 5, 5), End: new DateOnly(2026, 5, 1)) },
        ];
        foreach (var content in bad)
        {
            var created = await database.Journal.CreateAsync(a.UserId, a.Key, content, Cancel);
            Assert.Equal(JournalWriteStatus.Invalid, created.Status);
            Assert.NotEmpty(created.Problems);
            var edited = await database.Journal.EditAsync(a.UserId, a.Key, id, content, null, Cancel);
            Assert.Equal(JournalWriteStatus.Invalid, edited.Status);
        }
        Assert.Equal(head, await database.Journal.GetHeadAsync(a.UserId, Cancel), JournalOwnershipTests.HeadComparer.Instance);
        Assert.Equal("Kept as it is.", (await database.Journal.GetAsync(a.UserId, a.Key, id, Cancel))!.Latest?.Content?.WhatHappened);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Script_and_markup_are_kept_as_the_text_that_was_typed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        const string markup = "<script>alert('x')</script><b>bold</b>";
        var id = (await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = markup, Place = markup, WordsSaid = markup }, Cancel)).EntryId!.Value;
        var latest = (await database.Journal.GetAsync(a.UserId, a.Key, id, Cancel))!.Latest!.Content!;
        Assert.Equal(markup, latest.WhatHappened);
        Assert.Equal(markup, latest.Place);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_list_is_newest_first_in_pages_and_removed_entries_leave_it_but_keep_their_history(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        var ids = new List<Guid>();
        for (var i = 1; i <= 25; i++)
        {
            ids.Add((await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = $"Entry {i}" }, Cancel)).EntryId!.Value);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
        var first = await database.Journal.ListAsync(a.UserId, a.Key, new JournalQuery { PageSize = 10 }, Cancel);
        Assert.Equal(25, first.Total);
        Assert.Equal(3, first.PageCount);
        Assert.Equal("Entry 25", first.Entries[0].Content?.WhatHappened);
        var last = await database.Journal.ListAsync(a.UserId, a.Key, new JournalQuery { PageSize = 10, Page = 3 }, Cancel);
        Assert.Equal(["Entry 5", "Entry 4", "Entry 3", "Entry 2", "Entry 1"], last.Entries.Select(e => e.Content?.WhatHappened));

        Assert.True(await database.Journal.RemoveAsync(a.UserId, a.Key, ids[24], Cancel));
        var after = await database.Journal.ListAsync(a.UserId, a.Key, new JournalQuery { PageSize = 10 }, Cancel);
        Assert.Equal(24, after.Total);
        Assert.Equal("Entry 24", after.Entries[0].Content?.WhatHappened);
        var removed = (await database.Journal.GetAsync(a.UserId, a.Key, ids[24], Cancel))!;
        Assert.Equal(JournalEntryState.Removed, removed.State);
        Assert.Equal([VersionKind.Create, VersionKind.Remove], removed.Versions.Select(v => v.Kind));
        Assert.Equal("Entry 25", removed.Latest?.Content?.WhatHappened);
        Assert.True((await database.Journal.VerifyAsync(a.UserId, a.Key, Cancel)).Intact);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Filters_and_search_find_exactly_the_matching_entries(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        var journal = database.Journal;
        await journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Shouted in the car", Severity = 4, Categories = ["journal.threats"], ChildrenPresent = true, Happened = new HappenedAt(new DateOnly(2026, 5, 2)) }, Cancel);
        await journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Took my bank card", Severity = 2, Categories = ["pattern.control"], ReportNumber = "PR-2231", Happened = new HappenedAt(new DateOnly(2026, 4, 1), End: new DateOnly(2026, 4, 20)) }, Cancel);
        await journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Said I made it up", Place = "Kitchen", Categories = ["pattern.gaslighting"] }, Cancel);

        async Task<string[]> Find(JournalQuery q) => [.. (await journal.ListAsync(a.UserId, a.Key, q, Cancel)).Entries.Select(e => e.Content!.WhatHappened).Order(StringComparer.Ordinal)];

        Assert.Equal(["Shouted in the car"], await Find(new JournalQuery { MinimumSeverity = 3 }));
        Assert.Equal(["Took my bank card"], await Find(new JournalQuery { Category = "pattern.control" }));
        Assert.Equal(["Shouted in the car"], await Find(new JournalQuery { ChildrenPresentOnly = true }));
        Assert.Equal(["Took my bank card"], await Find(new JournalQuery { WithReportNumberOnly = true }));
        Assert.Equal(["Took my bank card"], await Find(new JournalQuery { HappenedFrom = new DateOnly(2026, 4, 15), HappenedTo = new DateOnly(2026, 4, 30) }));
        Assert.Equal(["Said I made it up"], await Find(new JournalQuery { Search = "kitchen" }));
        Assert.Equal(["Said I made it up"], await Find(new JournalQuery { Search = "remember things wrongly" })); // a category's label
        Assert.Empty(await Find(new JournalQuery { Search = "nowhere in any entry" }));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_draft_is_kept_encrypted_until_the_entry_is_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        using var b = await database.AddAccountAsync("someone.else");
        await database.Journal.SaveDraftAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Half a sentence" }, null, Cancel);

        Assert.Equal("Half a sentence", (await database.Journal.LoadDraftAsync(a.UserId, a.Key, Cancel))?.Content.WhatHappened);
        Assert.Null(await database.Journal.LoadDraftAsync(b.UserId, b.Key, Cancel));
        Assert.Null(await database.Journal.LoadDraftAsync(a.UserId, b.Key, Cancel)); // another key cannot open it

        await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Half a sentence, finished." }, Cancel);
        Assert.Null(await database.Journal.LoadDraftAsync(a.UserId, a.Key, Cancel));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task The_rising_pattern_offer_comes_once_and_is_remembered_encrypted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider, clock: clock);
        using var a = await database.AddAccountAsync("writer");
        var today = new DateOnly(2026, 6, 1);
        await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "One", Happened = new HappenedAt(today.AddDays(-2)), Severity = 3 }, Cancel);

        Assert.True((await database.Journal.RisingPatternAsync(a.UserId, a.Key, today, cancellationToken: Cancel)).ShouldOffer);
        await database.Journal.MarkRiseOfferedAsync(a.UserId, a.Key, today, Cancel);
        Assert.False((await database.Journal.RisingPatternAsync(a.UserId, a.Key, today.AddDays(1), cancellationToken: Cancel)).ShouldOffer);
        Assert.True((await database.Journal.RisingPatternAsync(a.UserId, a.Key, today.AddDays(1), cancellationToken: Cancel)).IsRising);
    }
}
