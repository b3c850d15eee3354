using HealingCompass.Data.Journal;
using HealingCompass.Data.Tests.Support;
using HealingCompass.Domain.Journal;

namespace HealingCompass.Data.Tests.Journal;

/// <summary>Another person's entry id must behave exactly like one that does not exist, for every operation.</summary>
public sealed class JournalOwnershipTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Another_person_gets_not_found_for_every_operation_on_an_entry_that_is_not_theirs(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var a = await database.AddAccountAsync("owner.a");
        using var b = await database.AddAccountAsync("other.b");
        var journal = database.Journal;
        var created = await journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "Only A should ever read this.", Severity = 3 }, Cancel);
        var id = created.EntryId!.Value;
        var headBefore = await journal.GetHeadAsync(a.UserId, Cancel);

        Assert.Null(await journal.GetAsync(b.UserId, b.Key, id, Cancel));                                  // read + versions
        Assert.Empty((await journal.ListAsync(b.UserId, b.Key, new JournalQuery(), Cancel)).Entries);      // list
        Assert.Empty((await journal.ListAsync(b.UserId, b.Key, new JournalQuery { Search = "Only A" }, Cancel)).Entries); // search
        Assert.Equal(JournalWriteStatus.NotFound, (await journal.EditAsync(b.UserId, b.Key, id, new EntryContent { WhatHappened = "B's words" }, null, Cancel)).Status);
        // An invalid edit with A's id must not reveal that the id exists either.
        Assert.Equal(JournalWriteStatus.NotFound, (await journal.EditAsync(b.UserId, b.Key, id, new EntryContent { WhatHappened = "" }, null, Cancel)).Status);
        Assert.False(await journal.RemoveAsync(b.UserId, b.Key, id, Cancel));
        Assert.False(await journal.EraseAsync(b.UserId, id, Cancel));

        // Nothing of A's changed, and B's own chain is still empty.
        var history = await journal.GetAsync(a.UserId, a.Key, id, Cancel);
        Assert.NotNull(history);
        Assert.Equal(JournalEntryState.Active, history.State);
        Assert.Equal("Only A should ever read this.", Assert.Single(history.Versions).Content?.WhatHappened);
        Assert.Equal(headBefore, await journal.GetHeadAsync(a.UserId, Cancel), HeadComparer.Instance);
        Assert.Null(await journal.GetHeadAsync(b.UserId, Cancel));
        Assert.True((await journal.VerifyAsync(a.UserId, a.Key, Cancel)).Intact);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task A_persons_key_cannot_open_another_persons_content_even_through_their_own_id(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider: provider);
        using var a = await database.AddAccountAsync("owner.a");
        using var b = await database.AddAccountAsync("other.b");
        var id = (await database.Journal.CreateAsync(a.UserId, a.Key, new EntryContent { WhatHappened = "A's entry" }, Cancel)).EntryId!.Value;

        // Right owner, wrong key: the content does not open, and the page says so rather than failing.
        var history = await database.Journal.GetAsync(a.UserId, b.Key, id, Cancel);
        Assert.True(Assert.Single(history!.Versions).Unreadable);
    }

    internal sealed class HeadComparer : IEqualityComparer<ChainHead?>
    {
        public static HeadComparer Instance { get; } = new();

        public bool Equals(ChainHead? x, ChainHead? y) => x?.Length == y?.Length && (x?.Hash ?? []).AsSpan().SequenceEqual(y?.Hash ?? []);

        public int GetHashCode(ChainHead? obj) => obj?.Length.GetHashCode() ?? 0;
    }
}
